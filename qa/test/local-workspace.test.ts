import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createApiHandler } from '../../services/api-handler/api-handler';
import { secretKeys } from '../../services/workspace-data/documents/secret-keys';
import { WorkflowService } from '../../services/workspace-data/workflow-service';
import { LOCAL_CREDENTIALS } from '../local-aws/moto-server';
import { createDemoSignIn, DemoSignIn } from '../local-workspace/demo-sign-in';
import { LocalApi, matchResource, startLocalApi } from '../local-workspace/local-api';
import { LocalWorkspace, REGION, startLocalWorkspace } from '../local-workspace/local-workspace';
import { HttpStandIn } from '../stand-ins/http-stand-in';
import { nvdCve, startNvdStandIn } from '../stand-ins/nvd';
import { startSlackStandIn } from '../stand-ins/slack';

/**
 * The workspace as `npm run workspace` composes it, driven as a buyer's engineer would: over HTTP,
 * signed in with an ID token of the pool, through the API's token check, with the real engine.
 */
describe('the local workspace, end to end through its API', () => {
  let workspace: LocalWorkspace;
  let signIn: DemoSignIn;
  let api: LocalApi;
  let nvd: HttpStandIn;
  let slack: HttpStandIn;
  let token: string;

  before(async () => {
    [nvd, slack] = await Promise.all([startNvdStandIn([nvdCve('CVE-2026-4242', new Date(Date.now() - 3_600_000).toISOString().slice(0, 23), 9.8, 'CRITICAL')]), startSlackStandIn()]);
    workspace = await startLocalWorkspace({ integrationSecrets: { 'slack-secops': `${slack.url}/services/T0/B0/local` } });
    await workspace.startEngine();
    signIn = await createDemoSignIn(workspace.aws);
    const secrets = new SecretsManagerClient({ region: REGION, endpoint: workspace.aws.endpoint, credentials: LOCAL_CREDENTIALS });
    api = await startLocalApi({
      handler: createApiHandler({
        store: workspace.workflows, workflows: new WorkflowService(workspace.workflows, workspace.definitions, workspace.audit),
        audit: workspace.audit,
        credentialNames: () => secretKeys(secrets, workspace.integrationSecretArn), now: () => new Date(), allowedOrigin: '*', log: () => undefined,
      }),
      userPoolId: signIn.userPoolId, clientId: signIn.clientId, jwks: signIn.jwks,
    });
    token = await signIn.idToken();
  });
  after(async () => {
    await api.close();
    await workspace.stop();
    await Promise.all([nvd.close(), slack.close()]);
  });

  const call = async (method: string, path: string, body?: unknown, bearer = token) => {
    const response = await fetch(`${api.url}${path}`, {
      method, headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() as any };
  };

  test('when a request carries no token or a forged one, then the API answers 401 before the handler', async () => {
    assert.equal((await call('GET', '/workflows', undefined, '')).status, 401);
    const [header, payload] = token.split('.');
    assert.equal((await call('GET', '/workflows', undefined, `${header}.${payload}.AAAA`)).status, 401);
  });

  test('when the engineer creates the CVE bot and runs it, then every step\'s result is shown and Slack is told', async () => {
    const created = await call('POST', '/workflows', {
      name: 'Critical CVEs to Slack',
      steps: [
        { id: 'recent', kind: 'nvd', inputs: { operation: 'recent', days: 1, severity: 'CRITICAL', baseUrl: `${nvd.url}/rest/json/cves/2.0` } },
        { id: 'tell', kind: 'slack', inputs: { operation: 'webhook', credential: 'slack-secops', text: '{% $join(steps.recent.cves.id, ", ") %}' } },
      ],
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const { workflowId } = created.body;
    const queued = await call('POST', `/workflows/${workflowId}/runs`);
    assert.equal(queued.status, 202);
    let run: any;
    for (let attempt = 0; attempt < 150; attempt += 1) {
      run = (await call('GET', `/workflows/${workflowId}/runs/${queued.body.runId}`)).body;
      if (run.status === 'succeeded' || run.status === 'failed') break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.equal(run.status, 'succeeded', JSON.stringify(run));
    assert.deepEqual(run.steps.map((step: { stepId: string; status: string }) => [step.stepId, step.status]), [['recent', 'succeeded'], ['tell', 'succeeded']]);
    assert.equal(JSON.parse(slack.received.at(-1)!.body).text, 'CVE-2026-4242');
    const activity = (await call('GET', '/activity')).body;
    assert.equal(activity.workflows.find((entry: { workflowId: string }) => entry.workflowId === workflowId).succeeded, 1);
  });

  test('when a path is not one of the API\'s resources, then it is not routed', () => {
    assert.deepEqual(matchResource('/workflows/abc/runs/def/cancel'), { resource: '/workflows/{workflowId}/runs/{runId}/cancel', pathParameters: { workflowId: 'abc', runId: 'def' } });
    assert.equal(matchResource('/workflows/abc/secrets'), undefined);
  });
});
