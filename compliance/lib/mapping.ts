import { join } from 'node:path';
import { z } from 'zod';
import { COMPLIANCE_DIR, FrameworkId, readYaml } from './catalog';
import { StatementSchema, StatementsSchema } from './statements';

const text = z.string().trim().min(1);

/** Who makes a control true. */
export const RESPONSIBILITIES = ['product-implemented', 'shared', 'inherited', 'customer'] as const;
export type Responsibility = (typeof RESPONSIBILITIES)[number];

/** How one control is met in the workspace, and what is left to the customer. */
export const ControlMappingSchema = z.strictObject({
  responsibility: z.enum(RESPONSIBILITIES),
  /**
   * How the product (or AWS, or the customer) meets the control, in plain words: one string, or a list of
   * statements, each a string (every version) or `{ since, text }` (from version `since` on).
   */
  implementation: StatementsSchema,
  /** The resource types and properties of the template that implement it. @default - none */
  resources: z.array(z.strictObject({ type: z.string().regex(/^AWS::\w+::\w+$/), properties: z.array(text).min(1) })).default([]),
  /** IDs of our own checks (files in compliance/checks) that evidence it. @default - none */
  checks: z.array(text).default([]),
  /** Rule IDs of cdk-nag (HIPAA.Security-…, AwsSolutions-…) or Control Tower (CT.…) that evidence it. @default - none */
  toolRules: z.array(text).default([]),
  /** What the customer still has to do, in plain words; each duty a string or `{ since, text }` like the implementation's statements. @default - nothing */
  customerDuties: z.array(StatementSchema).default([]),
}).superRefine((mapping, context) => {
  const automated = mapping.checks.length + mapping.toolRules.length > 0;
  if (mapping.implementation.every((statement) => statement.since !== undefined)) {
    context.addIssue({ code: 'custom', path: ['implementation'], message: 'needs a statement without since, so every version says how the control is met' });
  }
  if (mapping.responsibility === 'product-implemented' && mapping.checks.length === 0) {
    context.addIssue({ code: 'custom', path: ['checks'], message: 'a product-implemented control needs at least one of our automated checks' });
  }
  if ((mapping.responsibility === 'inherited' || mapping.responsibility === 'customer') && automated) {
    context.addIssue({ code: 'custom', path: ['checks'], message: `a ${mapping.responsibility} control is not evidenced by the template; make it shared or remove the checks` });
  }
  if (mapping.responsibility !== 'product-implemented' && mapping.customerDuties.length === 0) {
    context.addIssue({ code: 'custom', path: ['customerDuties'], message: `a ${mapping.responsibility} control must say what the customer does` });
  }
});

/** A framework's mapping: one entry per control ID of its catalog. */
export const MappingSchema = z.strictObject({
  framework: z.enum(['hipaa-security-rule', 'gdpr']),
  /** When the mapping was last reviewed (YYYY-MM-DD); the reports' date. */
  reviewed: z.iso.date(),
  controls: z.record(z.string(), ControlMappingSchema),
});

export type ControlMapping = z.infer<typeof ControlMappingSchema>;
export type Mapping = z.infer<typeof MappingSchema>;

/** A framework's mapping, validated. */
export function readMapping(framework: FrameworkId): Mapping {
  return readYaml(join(COMPLIANCE_DIR, 'mappings', `${framework}.yaml`), MappingSchema);
}
