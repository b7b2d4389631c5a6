import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWholeWorkspace } from '../local-workspace/whole-workspace';

/**
 * `npm run workspace`: the whole workspace on loopback with nothing to configure (startWholeWorkspace):
 * the console to sign in to, the API, the engine and its sidecar, on local stand-ins for AWS, DocumentDB,
 * NVD, Slack and the managed login. Ctrl-C stops it all.
 */
async function main(): Promise<void> {
  const whole = await startWholeWorkspace({ apiPort: Number(process.env.WORKSPACE_PORT ?? 0), consolePort: Number(process.env.WORKSPACE_CONSOLE_PORT ?? 0) });
  const { signIn, nvd } = whole;
  const bot = join(tmpdir(), 'workspace-sample-bot.json');
  writeFileSync(bot, JSON.stringify(sampleBot(nvd.url), null, 2));
  const token = await signIn.idToken();
  console.log([
    '',
    `Console         ${whole.consoleUrl} (sign in as the demo user)`,
    `Workspace API   ${whole.apiUrl}`,
    `Demo user       ${signIn.username} / ${signIn.password} (user pool ${signIn.userPoolId}, app client ${signIn.clientId})`,
    `ID token        export TOKEN=${token}`,
    `Sample bot      ${bot} (critical CVEs from the local NVD stand-in to the local Slack stand-in)`,
    '',
    'Create and run it:',
    `  id=$(curl -s -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' --data @${bot} ${whole.apiUrl}/workflows | sed 's/.*"workflowId":"\\([^"]*\\)".*/\\1/')`,
    `  run=$(curl -s -X POST -H "Authorization: Bearer $TOKEN" ${whole.apiUrl}/workflows/$id/runs | sed 's/.*"runId":"\\([^"]*\\)".*/\\1/')`,
    `  curl -s -H "Authorization: Bearer $TOKEN" ${whole.apiUrl}/workflows/$id/runs/$run`,
    '',
    'Ctrl-C stops the workspace.',
  ].join('\n'));

  const stop = async () => {
    await whole.stop();
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
