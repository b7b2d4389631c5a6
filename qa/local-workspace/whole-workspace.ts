import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApiHandler } from '../../services/api-handler/api-handler';
import { BotExports } from '../../services/api-handler/bot-exports';
import { AutomationStore } from '../../services/automation/automation-store';
import { buildConsole, CONSOLE_BUILD_DIRECTORY, consoleBuildIsStale } from '../../services/console/build-console';
import { CALLBACK_PATH, ConsoleConfig, SIGNED_OUT_PATH } from '../../services/console/contract';
import { createWorkflowExecutor } from '../../services/workflow-executor/workflow-executor';
import { secretKeys } from '../../services/workspace-data/documents/secret-keys';
import { WorkflowService } from '../../services/workspace-data/workflow-service';
import { LOCAL_CREDENTIALS } from '../local-aws/moto-server';
import { HttpStandIn } from '../stand-ins/http-stand-in';
import { startManagedLoginStandIn } from '../stand-ins/managed-login';
import { nvdCve, startNvdStandIn } from '../stand-ins/nvd';
import { startSlackStandIn } from '../stand-ins/slack';
import { createDemoSignIn, DemoSignIn } from './demo-sign-in';
import { startLocalApi } from './local-api';
import { startLocalApprovals } from './local-approvals';
import { startLocalConsole } from './local-console';
import { LocalWorkspace, REGION, startLocalWorkspace } from './local-workspace';

/** The local import/export bucket. */
const EXPORT_BUCKET = 'workspace-exports';

/** Options of {@link startWholeWorkspace}. */
export interface WholeWorkspaceOptions {
  /** @default 0 (free ports) */
  readonly apiPort?: number;
  readonly consolePort?: number;
  /** How often the schedule ticks (EventBridge's rule runs every minute). @default 60000 */
  readonly scheduleTickMs?: number;
}

/** Everything a buyer's engineer meets, on loopback. */
export interface WholeWorkspace {
  /** The console's URL (the stack's WorkspaceUrl). */
  readonly consoleUrl: string;
  /** The API's base URL (the stack's ApiUrl, without the trailing slash). */
  readonly apiUrl: string;
  readonly signIn: DemoSignIn;
  readonly nvd: HttpStandIn;
  readonly slack: HttpStandIn;
  readonly workspace: LocalWorkspace;
  stop(): Promise<void>;
}

/**
 * The whole workspace with nothing to configure: moto for AWS, FerretDB for DocumentDB, stand-ins for
 * NVD, Slack and Cognito's managed login; the real metering sidecar, engine and API handler behind the
 * Cognito token check API Gateway makes; the approval workflow (local-approvals.ts); and the console,
 * built if its sources changed, served as CloudFront serves it. The console, API and sign-in are three origins, as on AWS.
 */
export async function startWholeWorkspace(options: WholeWorkspaceOptions = {}): Promise<WholeWorkspace> {
  if (consoleBuildIsStale()) await buildConsole();
  const [nvd, slack] = await Promise.all([
    startNvdStandIn([nvdCve('CVE-2026-4242', new Date(Date.now() - 3_600_000).toISOString().slice(0, 23), 9.8, 'CRITICAL')]),
    startSlackStandIn(),
  ]);
  const workspace = await startLocalWorkspace({ integrationSecrets: { 'slack-secops': `${slack.url}/services/T000/B000/local` } });
  const approvals = await startLocalApprovals({ aws: workspace.aws, region: REGION, tableName: workspace.tableName });
  const engine = await workspace.startEngine({ TASK_QUEUE_URL: approvals.queueUrl, APPROVAL_STATE_MACHINE_ARN: approvals.stateMachineArn });
  const signIn = await createDemoSignIn(workspace.aws);

  let config: ConsoleConfig | undefined;
  const site = await startLocalConsole({ directory: CONSOLE_BUILD_DIRECTORY, config: () => config!, port: options.consolePort });
  const login = await startManagedLoginStandIn({
    cognito: new CognitoIdentityProviderClient({ region: REGION, endpoint: workspace.aws.endpoint, credentials: LOCAL_CREDENTIALS }),
    clientId: signIn.clientId, callbackUrls: [`${site.url}${CALLBACK_PATH}`], logoutUrls: [`${site.url}${SIGNED_OUT_PATH}`], consoleOrigin: site.url,
  });
  const secrets = new SecretsManagerClient({ region: REGION, endpoint: workspace.aws.endpoint, credentials: LOCAL_CREDENTIALS });
  // The import/export bucket (EnableBackupBucket's default), where the API keeps each user's bot exports.
  const s3 = new S3Client({ region: REGION, endpoint: workspace.aws.endpoint, credentials: LOCAL_CREDENTIALS, forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: EXPORT_BUCKET }));
  const handler = createApiHandler({
    store: workspace.workflows,
    workflows: new WorkflowService(workspace.workflows, workspace.definitions, workspace.audit),
    audit: workspace.audit,
    approvals: { store: new AutomationStore(workspace.dynamoDb, workspace.tableName), sfn: approvals.sfn, audit: workspace.audit },
    credentialNames: () => secretKeys(secrets, workspace.integrationSecretArn),
    exports: new BotExports(s3, EXPORT_BUCKET),
    now: () => new Date(),
    allowedOrigin: site.url,
    log: (entry) => process.stderr.write(`${JSON.stringify(entry)}\n`),
  });
  const api = await startLocalApi({ handler, userPoolId: signIn.userPoolId, clientId: signIn.clientId, jwks: signIn.jwks, allowedOrigin: site.url, port: options.apiPort });
  config = { apiUrl: api.url, region: REGION, version: productVersion(), signIn: { domain: login.url, clientId: signIn.clientId } };

  const tick = createWorkflowExecutor({ store: workspace.workflows, log: () => undefined });
  const schedule = setInterval(() => void tick({ source: 'workspace.schedule', time: new Date().toISOString() }).catch((error) => process.stderr.write(`schedule tick failed: ${error}\n`)), options.scheduleTickMs ?? 60_000);
  return {
    consoleUrl: site.url, apiUrl: api.url, signIn, nvd, slack, workspace,
    async stop() {
      clearInterval(schedule);
      await Promise.all([api.close(), site.close(), login.close()]);
      await engine.stop('SIGTERM');
      await workspace.stop();
      await Promise.all([nvd.close(), slack.close()]);
    },
  };
}

function productVersion(): string {
  return (JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { version: string }).version;
}
