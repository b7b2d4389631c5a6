import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { LOCAL_CREDENTIALS, LocalAws, startLocalAws } from '../../../qa/local-aws/moto-server';
import { HttpStandIn, startHttpStandIn } from '../../../qa/stand-ins/http-stand-in';
import { nvdCve, startNvdStandIn } from '../../../qa/stand-ins/nvd';
import { SLACK_BOT_TOKEN, startSlackStandIn } from '../../../qa/stand-ins/slack';
import { startSuperOpsStandIn, SUPEROPS_SUBDOMAIN, SUPEROPS_TOKEN, SuperOpsAlert } from '../../../qa/stand-ins/superops';
import { nvdStep } from '../connectors/nvd';
import { slackStep } from '../connectors/slack';
import { superOpsStep } from '../connectors/superops';
import { IntegrationCredentials } from '../credentials';
import { awsStep, AwsStepClients } from '../steps/aws-step';
import { httpStep } from '../steps/http-step';
import { StepError } from '../steps/step-error';
import { StepHandler } from '../steps/step-handler';
import { credentialsOf, stepContext } from './step-context';

const alert = (id: string, severity: string): SuperOpsAlert => ({
  id, message: `Disk almost full on srv-${id}`, description: 'C: above 95%', severity, status: 'Open', createdTime: '2026-12-01T08:00:00Z', asset: { assetId: `a-${id}`, name: `srv-${id}` },
});

/** Runs a handler on inputs checked by its own schema, as the engine does. */
async function execute(handler: StepHandler, inputs: unknown, context = stepContext()) {
  const outcome = await handler.execute(handler.inputs.parse(inputs), context);
  assert.ok('output' in outcome);
  return outcome.output as any;
}

describe('connectors against stand-ins that speak each service\'s wire format', () => {
  let aws: LocalAws;
  let slack: HttpStandIn;
  let nvd: HttpStandIn;
  let superOps: Awaited<ReturnType<typeof startSuperOpsStandIn>>;
  let credentials: IntegrationCredentials;
  let uses: { name: string }[];
  const now = Date.parse('2026-12-02T12:00:00Z');

  before(async () => {
    [aws, slack, nvd, superOps] = await Promise.all([
      startLocalAws(), startSlackStandIn(),
      startNvdStandIn([nvdCve('CVE-2026-1001', '2026-12-02T03:00:00.000', 9.8, 'CRITICAL'), nvdCve('CVE-2026-1002', '2026-12-01T20:00:00.000', 5.3, 'MEDIUM'), nvdCve('CVE-2026-0900', '2026-11-01T00:00:00.000', 9.1, 'CRITICAL')]),
      startSuperOpsStandIn([alert('1', 'Critical'), alert('2', 'Warning'), alert('3', 'Critical')]),
    ]);
    const secrets = new SecretsManagerClient({ region: 'us-east-1', endpoint: aws.endpoint, credentials: LOCAL_CREDENTIALS });
    const { ARN } = await secrets.send(new CreateSecretCommand({
      Name: 'integrations', SecretString: JSON.stringify({ 'slack-webhook': `${slack.url}/services/T1/B1/abc`, 'slack-bot': SLACK_BOT_TOKEN, 'superops-token': SUPEROPS_TOKEN, 'nvd-key': 'nvd-api-key-1' }),
    }));
    ({ credentials, uses } = credentialsOf(secrets, ARN!));
  });
  after(async () => {
    await Promise.all([aws.stop(), slack.close(), nvd.close(), superOps.close()]);
  });

  test('when a Slack webhook step runs, then the text is posted to the webhook from the secret, and the use is reported by name', async () => {
    const output = await execute(slackStep(credentials), { operation: 'webhook', credential: 'slack-webhook', text: '2 critical CVEs' });
    assert.deepEqual(output, { delivered: true });
    const posted = slack.received.at(-1)!;
    assert.deepEqual([posted.path, JSON.parse(posted.body).text], ['/services/T1/B1/abc', '2 critical CVEs']);
    assert.equal(uses.at(-1)!.name, 'slack-webhook');
  });

  test('when chat.postMessage runs with the bot token, then the message goes to the channel and its ts is the output', async () => {
    const output = await execute(slackStep(credentials), { operation: 'post-message', credential: 'slack-bot', channel: 'C0SECOPS', text: 'patched', baseUrl: `${slack.url}/api` });
    assert.deepEqual(output, { channel: 'C0SECOPS', ts: '1733140000.000100' });
    assert.equal(slack.received.at(-1)!.headers.authorization, `Bearer ${SLACK_BOT_TOKEN}`);
  });

  test('when Slack answers ok: false, then the step fails with Slack\'s error and is not retried', async () => {
    const handler = slackStep(credentials);
    await assert.rejects(execute(handler, { operation: 'post-message', credential: 'slack-webhook', channel: 'C0', text: 'x', baseUrl: `${slack.url}/api` }),
      (error: StepError) => error.message.includes('invalid_auth') && !error.retryable);
  });

  test('when recent critical CVEs are asked for, then NVD is asked for the last day\'s CRITICAL ones with the API key, and they are summarized', async () => {
    const output = await execute(nvdStep(credentials), { operation: 'recent', days: 1, severity: 'CRITICAL', credential: 'nvd-key', baseUrl: `${nvd.url}/rest/json/cves/2.0` }, stepContext({ now: () => now }));
    assert.equal(output.totalResults, 1);
    assert.deepEqual(output.cves, [{ id: 'CVE-2026-1001', published: '2026-12-02T03:00:00.000', description: 'CVE-2026-1001: a vulnerability', baseScore: 9.8, baseSeverity: 'CRITICAL', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }]);
    const asked = nvd.received.at(-1)!;
    assert.deepEqual([asked.query.get('pubStartDate'), asked.query.get('pubEndDate'), asked.query.get('cvssV3Severity'), asked.headers.apikey], ['2026-12-01T12:00:00.000Z', '2026-12-02T12:00:00.000Z', 'CRITICAL', 'nvd-api-key-1']);
  });

  test('when one CVE is looked up, then NVD is asked by cveId', async () => {
    const output = await execute(nvdStep(credentials), { operation: 'get-cve', cveId: 'CVE-2026-1002', baseUrl: `${nvd.url}/rest/json/cves/2.0` });
    assert.deepEqual(output.cves.map((cve: { id: string; baseSeverity: string }) => [cve.id, cve.baseSeverity]), [['CVE-2026-1002', 'MEDIUM']]);
  });

  test('when NVD inputs are wrong, then the schema names the field before anything is sent', () => {
    const handler = nvdStep(credentials);
    const bad = handler.inputs.safeParse({ operation: 'get-cve', cveId: 'log4shell' });
    assert.ok(!bad.success);
    assert.deepEqual(bad.error.issues[0].path, ['cveId']);
    assert.ok(!handler.inputs.safeParse({ operation: 'recent', days: 121 }).success);
  });

  test('when SuperOps alerts are listed, then the GraphQL query carries the token and subdomain and the alerts come back', async () => {
    const output = await execute(superOpsStep(credentials), { operation: 'list-alerts', credential: 'superops-token', subdomain: SUPEROPS_SUBDOMAIN, pageSize: 2, baseUrl: `${superOps.url}/msp` });
    assert.deepEqual(output.alerts.map((item: SuperOpsAlert) => item.id), ['1', '2']);
    assert.deepEqual(output.listInfo, { page: 1, pageSize: 2, hasMore: true, totalCount: 3 });
    assert.equal(superOps.received.at(-1)!.headers.customersubdomain, SUPEROPS_SUBDOMAIN);
  });

  test('when a SuperOps ticket is opened and alerts resolved, then SuperOps records both', async () => {
    const ticket = await execute(superOpsStep(credentials), { operation: 'create-ticket', credential: 'superops-token', subdomain: SUPEROPS_SUBDOMAIN, subject: 'Disk full on srv-1', clientId: 'c-42', baseUrl: `${superOps.url}/msp` });
    assert.equal(ticket.subject, 'Disk full on srv-1');
    assert.deepEqual(superOps.tickets.at(-1), { subject: 'Disk full on srv-1', source: 'INTEGRATION', client: { accountId: 'c-42' } });
    assert.equal(await execute(superOpsStep(credentials), { operation: 'resolve-alerts', credential: 'superops-token', subdomain: SUPEROPS_SUBDOMAIN, alertIds: ['1'], baseUrl: `${superOps.url}/msp` }), true);
  });

  test('when SuperOps refuses the token, then the step fails with its GraphQL error', async () => {
    await assert.rejects(execute(superOpsStep(credentials), { operation: 'list-alerts', credential: 'slack-bot', subdomain: SUPEROPS_SUBDOMAIN, baseUrl: `${superOps.url}/msp` }), /Unauthorized/);
  });

  test('when a step names a credential the secret does not hold, then it fails naming the field, not retried, and no value is sent', async () => {
    const before = slack.received.length;
    await assert.rejects(execute(slackStep(credentials), { operation: 'webhook', credential: 'slack-typo', text: 'x' }),
      (error: StepError) => /inputs\.credential: .*no credential named "slack-typo"/.test(error.message) && !error.retryable);
    assert.equal(slack.received.length, before);
  });

  test('when an aws step describes instances, then the SDK call reaches AWS with the task\'s credentials and the response is the output', async () => {
    const clients = new AwsStepClients({ region: 'us-east-1', endpoint: aws.endpoint, credentials: LOCAL_CREDENTIALS });
    const ec2 = new EC2Client({ region: 'us-east-1', endpoint: aws.endpoint, credentials: LOCAL_CREDENTIALS });
    const { Instances } = await ec2.send(new RunInstancesCommand({ ImageId: 'ami-12c6146b', MinCount: 1, MaxCount: 1, InstanceType: 't3.micro' }));
    const output = await execute(awsStep(clients), { action: 'ec2:DescribeInstances', parameters: { InstanceIds: [Instances![0].InstanceId] } });
    assert.equal(output.Reservations[0].Instances[0].InstanceId, Instances![0].InstanceId);
    assert.equal(output.$metadata, undefined);
  });

  test('when an aws call is refused as invalid, then the step fails naming the action and is not retried', async () => {
    const clients = new AwsStepClients({ region: 'us-east-1', endpoint: aws.endpoint, credentials: LOCAL_CREDENTIALS });
    await assert.rejects(execute(awsStep(clients), { action: 'ec2:DescribeInstances', parameters: { InstanceIds: ['not-an-instance'] } }),
      (error: StepError) => /^ec2:DescribeInstances failed: /.test(error.message));
  });

  describe('http steps', () => {
    let service: HttpStandIn;
    before(async () => {
      service = await startHttpStandIn((request) => {
        if (request.path === '/busy') return { status: 503, headers: { 'retry-after': '2' }, body: 'busy' };
        if (request.path === '/missing') return { status: 404, body: { message: 'no such host' } };
        if (request.path === '/huge') return { body: 'x'.repeat(1024 * 1024 + 1) };
        return { body: { path: request.path, method: request.method, seen: JSON.parse(request.body || 'null') } };
      });
    });
    after(() => service.close());

    test('when an http step sends a body with a credential header, then the service gets both and the Idempotency-Key of the step', async () => {
      const context = stepContext();
      const output = await execute(httpStep(credentials), {
        method: 'POST', url: `${service.url}/hosts`, query: { page: '2' }, body: { host: 'srv-1' }, credential: { name: 'superops-token' },
      }, context);
      assert.deepEqual(output, { status: 200, contentType: 'application/json', body: { path: '/hosts', method: 'POST', seen: { host: 'srv-1' } } });
      const sent = service.received.at(-1)!;
      assert.deepEqual([sent.headers.authorization, sent.headers['idempotency-key'], sent.query.get('page')], [`Bearer ${SUPEROPS_TOKEN}`, context.idempotencyKey, '2']);
    });

    test('when a service answers 503 with Retry-After, then the step error may be retried after it; a 404 may not', async () => {
      await assert.rejects(execute(httpStep(credentials), { url: `${service.url}/busy` }), (error: StepError) => error.retryable && error.retryAfterMs === 2000);
      await assert.rejects(execute(httpStep(credentials), { url: `${service.url}/missing` }), (error: StepError) => !error.retryable && /answered 404/.test(error.message));
    });

    test('when a 404 is what the step expects, then it succeeds', async () => {
      assert.equal((await execute(httpStep(credentials), { url: `${service.url}/missing`, expectStatus: [404] })).status, 404);
    });

    test('when a response is over 1 MiB, then the step fails saying so instead of keeping it', async () => {
      await assert.rejects(execute(httpStep(credentials), { url: `${service.url}/huge` }), /steps accept at most 1048576/);
    });
  });
});
