import { z } from 'zod';
import { approvalInputsSchema } from './bot-definition';
import { nvdInputsSchema, slackInputsSchema, superOpsInputsSchema } from './connector-inputs';
import {
  awsInputsSchema, bedrockInputsSchema, conditionInputsSchema, httpInputsSchema, notifyInputsSchema, transformInputsSchema, waitInputsSchema,
} from './step-inputs';

/** One kind of step as the console's palette offers it: what it does, and its inputs as JSON Schema. */
export interface StepKindEntry {
  readonly kind: string;
  readonly title: string;
  readonly summary: string;
  /** Where the palette files it. */
  readonly group: 'Connectors' | 'Actions' | 'Logic' | 'Approvals';
  /** The inputs' JSON Schema (draft 2020-12), from the zod schema the API and the engine check with. */
  readonly inputs: Record<string, unknown>;
}

const KINDS: { kind: string; title: string; summary: string; group: StepKindEntry['group']; schema: z.ZodType }[] = [
  { kind: 'nvd', title: 'NVD', summary: 'Reads CVEs from the National Vulnerability Database: one by ID, or the recent ones by severity.', group: 'Connectors', schema: nvdInputsSchema },
  { kind: 'slack', title: 'Slack', summary: 'Posts a message through an incoming webhook or as a bot.', group: 'Connectors', schema: slackInputsSchema },
  { kind: 'superops', title: 'SuperOps', summary: 'Lists alerts, creates tickets and resolves alerts in SuperOps.', group: 'Connectors', schema: superOpsInputsSchema },
  { kind: 'http', title: 'HTTP request', summary: 'Calls any HTTP API, with a credential from the integration secret.', group: 'Actions', schema: httpInputsSchema },
  { kind: 'aws', title: 'AWS call', summary: 'Calls one of the AWS actions the engine\'s role allows (Security Hub, EC2, Systems Manager).', group: 'Actions', schema: awsInputsSchema },
  { kind: 'notify', title: 'Notify', summary: 'Sends a message to the workspace notification topic or to Slack.', group: 'Actions', schema: notifyInputsSchema },
  { kind: 'bedrock', title: 'Bedrock model', summary: 'Asks one of the workspace\'s Bedrock models; its answer is the step\'s output.', group: 'Actions', schema: bedrockInputsSchema },
  { kind: 'transform', title: 'Transform', summary: 'Computes a value from the run with a JSONata expression.', group: 'Logic', schema: transformInputsSchema },
  { kind: 'condition', title: 'Condition', summary: 'Goes to one step or another depending on a JSONata expression.', group: 'Logic', schema: conditionInputsSchema },
  { kind: 'wait', title: 'Wait', summary: 'Pauses the run for a number of seconds.', group: 'Logic', schema: waitInputsSchema },
  { kind: 'approval', title: 'Approval', summary: 'Assesses an action\'s risk and, when it needs one, waits for a person to approve it before it runs.', group: 'Approvals', schema: approvalInputsSchema },
];

/** The step kinds with their input forms, from the same zod schemas the API validates definitions with. */
export function stepKindCatalog(): StepKindEntry[] {
  return KINDS.map(({ schema, ...entry }) => ({ ...entry, inputs: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown> }));
}
