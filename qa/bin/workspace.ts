import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiHandler } from '../../services/api-handler/api-handler';
import { createWorkflowExecutor } from '../../services/workflow-executor/workflow-executor';
import { secretKeys } from '../../services/workspace-data/documents/secret-keys';
import { WorkflowService } from '../../services/workspace-data/workflow-service';
import { LOCAL_CREDENTIALS } from '../local-aws/moto-server';
import { createDemoSignIn } from '../local-workspace/demo-sign-in';
import { startLocalApi } from '../local-workspace/local-api';
import { REGION, startLocalWorkspace } from '../local-workspace/local-workspace';
import { nvdCve, startNvdStandIn } from '../stand-ins/nvd';
import { startSlackStandIn } from '../stand-ins/slack';

/**
 * `npm run workspace`: the whole workspace on loopback with nothing to configure. moto stands in for
 * AWS, FerretDB for DocumentDB, local stand-ins for NVD and Slack; the real metering sidecar, engine
 * and API handler run behind the same Cognito token check API Gateway makes. Ctrl-C stops it all.
 */
async function main(): Promise<void> {
  const [nvd, slack] = await Promise.all([
    startNvdStandIn([nvdCve('CVE-2026-4242', new Date(Date.now() - 3_600_000).toISOString().slice(0, 23), 9.8, 'CRITICAL')]),
    startSlackStandIn(),
  ]);
  const workspace = await startLocalWorkspace({ integrationSecrets: { 'slack-secops': `${slack.url}/services/T000/B000/local` } });
  const engine = await workspace.startEngine();
  const signIn = await createDemoSignIn(workspace.aws);
  const secrets = new SecretsManagerClient({ region: REGION, endpoint: workspace.aws.endpoint, credentials: LOCAL_CREDENTIALS });
  const handler = createApiHandler({
    store: workspace.workflows,
    workflows: new WorkflowService(workspace.workflows, workspace.definitions, workspace.audit),
    audit: workspace.audit,
    credentialNames: () => secretKeys(secrets, workspace.integrationSecretArn),
    now: () => new Date(),
    allowedOrigin: '*',
    log: (entry) => console.error(JSON.stringify(entry)),
  });
  const api = await startLocalApi({ handler, userPoolId: signIn.userPoolId, clientId: signIn.clientId, jwks: signIn.jwks, port: Number(process.env.WORKSPACE_PORT ?? 0) });
  const tick = createWorkflowExecutor({ store: workspace.workflows, log: () => undefined });
  const schedule = setInterval(() => void tick({ source: 'workspace.schedule', time: new Date().toISOString() }).catch((error) => console.error(`schedule tick failed: ${error}`)), 60_000);

  const bot = join(tmpdir(), 'workspace-sample-bot.json');
  writeFileSync(bot, JSON.stringify(sampleBot(nvd.url), null, 2));
  const token = await signIn.idToken();
  console.log([
    '',
    `Workspace API   ${api.url}`,
    `Demo user       ${signIn.username} / ${signIn.password} (user pool ${signIn.userPoolId}, app client ${signIn.clientId})`,
    `ID token        export TOKEN=${token}`,
    `Sample bot      ${bot} (critical CVEs from the local NVD stand-in to the local Slack stand-in)`,
    '',
    'Create and run it:',
    `  id=$(curl -s -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' --data @${bot} ${api.url}/workflows | sed 's/.*"workflowId":"\\([^"]*\\)".*/\\1/')`,
    `  run=$(curl -s -X POST -H "Authorization: Bearer $TOKEN" ${api.url}/workflows/$id/runs | sed 's/.*"runId":"\\([^"]*\\)".*/\\1/')`,
    `  curl -s -H "Authorization: Bearer $TOKEN" ${api.url}/workflows/$id/runs/$run`,
    '',
    'Ctrl-C stops the workspace.',
  ].join('\n'));

  const stop = async () => {
    clearInterval(schedule);
    await api.close();
    await engine.stop('SIGTERM');
    await workspace.stop();
    await Promise.all([nvd.close(), slack.close()]);
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

/** Seed 001's "critical CVEs from NVD to Slack", pointed at the local NVD stand-in. */
function sampleBot(nvdUrl: string) {
  return {
    name: 'Critical CVEs to Slack',
    description: 'Every hour: the CVEs NVD published in the last day with CVSS v3 severity CRITICAL, posted to #secops.',
    schedule: 'rate(1 hour)',
    steps: [
      { id: 'recent', kind: 'nvd', inputs: { operation: 'recent', days: 1, severity: 'CRITICAL', baseUrl: `${nvdUrl}/rest/json/cves/2.0` } },
      { id: 'anyNew', kind: 'condition', inputs: { expression: 'steps.recent.totalResults > 0', then: 'tell', else: 'quiet' } },
      { id: 'quiet', kind: 'transform', inputs: { expression: '"no critical CVEs today"' }, end: true },
      {
        id: 'tell', kind: 'slack',
        inputs: { operation: 'webhook', credential: 'slack-secops', text: '{% $join(steps.recent.cves.(id & " (" & $string(baseScore) & ")"), ", ") %}' },
      },
    ],
  };
}

main().catch((error) => {
  console.error(`workspace: ${error instanceof Error ? error.stack : error}`);
  process.exit(1);
});
