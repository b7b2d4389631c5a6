/**
 * What the workspace template and the metering sidecar agree on: the port, the listing's dimensions,
 * the environment the template sets on every sidecar, the calls its ledger makes on the workspace
 * table, and its health check. Both sides import this module.
 */

/** The port the metering sidecar listens on, on the task's loopback interface. */
export const METERING_PORT = 8080;

/** Where a workload in the same task reaches its sidecar (the `METERING_URL` it is given). */
export const METERING_URL = `http://127.0.0.1:${METERING_PORT}`;

/**
 * The custom pricing dimensions of the Marketplace listing the sidecar may report (at most 24): each
 * automation run, and each AI-assisted step sent to Amazon Bedrock.
 */
export const METERING_DIMENSIONS = ['AutomationRuns', 'AiAssistedSteps'];

/**
 * The variables the template sets on every sidecar container (services/metering/server/config.ts reads them):
 * the mode (`custom` when metering is on, `off` otherwise), the listing's product code and
 * {@link METERING_DIMENSIONS}, the ledger (`dynamodb:<the workspace table>`), loopback as the address
 * (only the task's own containers reach it), the port, and the Region.
 */
export const METERING_SIDECAR_VARIABLES = [
  'METERING_MODE', 'METERING_PRODUCT_CODE', 'METERING_DIMENSIONS', 'METERING_STORAGE', 'METERING_BIND', 'METERING_PORT', 'AWS_REGION',
] as const;

/** The sidecar's environment as the template writes it. */
export type MeteringSidecarEnvironment = { readonly [K in (typeof METERING_SIDECAR_VARIABLES)[number]]: string };

/** The calls the sidecar's DynamoDB ledger makes on the workspace table (services/metering/ledger/dynamodb-ledger.ts). */
export const LEDGER_TABLE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem', 'dynamodb:Query'];

/** The container health check the task definition and the image both carry: the sidecar's /healthz answers. */
export const SIDECAR_HEALTH_CHECK = {
  command: ['CMD', 'node', '-e', `fetch('http://127.0.0.1:${METERING_PORT}/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))`],
  intervalSeconds: 10, timeoutSeconds: 5, retries: 3, startPeriodSeconds: 10,
};

/**
 * V8's heap bounds for the sidecar, in the image and in `npm run metering` (README, "Benchmark"): the
 * live heap under load is 10 to 20 MB. The default young generation (16 MB semi-spaces) costs ~25 MB of
 * resident memory more for no measured gain; with 1 MB semi-spaces the garbage collector took a third
 * of the sidecar's busy time. 4 MB keeps the benchmark's peak resident set under 90 MB, far under the
 * container's 256 MiB.
 */
export const SIDECAR_NODE_FLAGS = ['--max-semi-space-size=4', '--max-old-space-size=64'];
