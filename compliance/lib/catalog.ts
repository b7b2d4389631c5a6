import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

const text = z.string().trim().min(1);

/** One control of a framework: a HIPAA standard or implementation specification, or a GDPR provision. */
export const ControlSchema = z.strictObject({
  id: text,
  kind: z.enum(['standard', 'implementation-specification', 'principle', 'article']),
  /** The standard an implementation specification belongs to. */
  parent: text.optional(),
  /** The section (GDPR chapter); HIPAA controls take theirs from the CFR section in their ID. */
  section: text.optional(),
  requirement: z.enum(['required', 'addressable']),
  title: text,
  statement: text,
});

/** A framework's catalog: its sections and controls, in our own words. */
export const CatalogSchema = z.strictObject({
  framework: z.enum(['hipaa-security-rule', 'gdpr']),
  title: text,
  source: text,
  sections: z.array(z.strictObject({ id: text, title: text })).min(1),
  controls: z.array(ControlSchema).min(1),
});

export type Control = z.infer<typeof ControlSchema>;
export type Catalog = z.infer<typeof CatalogSchema>;
export type FrameworkId = Catalog['framework'];

/** The frameworks, in report order. */
export const FRAMEWORKS: readonly FrameworkId[] = ['hipaa-security-rule', 'gdpr'];

/** Where the catalogs and mappings live. */
export const COMPLIANCE_DIR = join(__dirname, '..');

/** Reads and validates one YAML file against a schema; the error names the file and each bad field. */
export function readYaml<T>(path: string, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new Error(`${path} is not valid:\n${problems.join('\n')}`);
  }
  return parsed.data;
}

/** A framework's catalog, validated. */
export function readCatalog(framework: FrameworkId): Catalog {
  return readYaml(join(COMPLIANCE_DIR, 'catalogs', `${framework}.yaml`), CatalogSchema);
}

/** The section a control belongs to: its GDPR section, or the CFR section its HIPAA ID starts with. */
export function sectionOf(control: Control): string {
  return control.section ?? control.id.slice(0, control.id.indexOf('('));
}
