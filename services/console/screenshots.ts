import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { startWholeWorkspace } from '../../qa/local-workspace/whole-workspace';
import { launchChromium, signIn } from '../../qa/browser/browser';
import { apiCaller, approvalBot, openTemplate } from '../../qa/browser/workspace-journeys';

/** Where the README's screenshots of the console are. */
const SCREENSHOTS = join(__dirname, 'screenshots');

/**
 * `npm run screenshots:console`: every screen of the console on the whole local workspace, after the
 * demo user has created two bots from the templates and run the CVE bot, as PNGs for the README. They
 * show times and IDs of the moment they were taken, so they are documentation, not checked artefacts.
 */
async function main(): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const whole = await startWholeWorkspace({ scheduleTickMs: 3_600_000 });
  const browser = await launchChromium();
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 860 } })).newPage();
    const shot = async (name: string) => {
      await page.getByText(/^Loading/).first().waitFor({ state: 'detached', timeout: 30_000 });
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
      console.log(`screenshots:console: wrote ${relative(process.cwd(), join(SCREENSHOTS, `${name}.png`))}`);
    };
    await page.goto(`${whole.consoleUrl}/bots`);
    await page.getByText('Sign in with your workspace account').waitFor();
    await shot('sign-in');
    await signIn(page, whole.signIn.username, whole.signIn.password);
    await openTemplate(page, 'SuperOps alert remediation with approval');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('alert').waitFor();
    await shot('editor-field-error');
    await openTemplate(page, 'Critical CVEs from NVD to Slack');
    await page.getByLabel('Base URL').fill(`${whole.nvd.url}/rest/json/cves/2.0`);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Definition version 1').waitFor();
    await shot('editor');
    await page.getByRole('button', { name: 'Code' }).click();
    await page.locator('.cm-editor').waitFor();
    await shot('editor-code');
    await page.getByRole('button', { name: 'Run now' }).click();
    await page.locator('.run-summary .status-succeeded').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: /tell/ }).click();
    await shot('run');
    await awaitApproval(whole.apiUrl, await whole.signIn.idToken(), `${whole.slack.url}/services/T000/B000/patch`);
    for (const [link, name] of [['Bots', 'bots'], ['Activity', 'activity'], ['Approvals', 'approvals'], ['Audit log', 'audit-log'], ['About', 'about']]) {
      await page.getByRole('link', { name: link, exact: true }).click();
      await page.getByRole('heading', { name: link, exact: true }).waitFor();
      await shot(name);
    }
  } finally {
    await browser.close();
    await whole.stop();
  }
}

/** Runs the approval bot until its approval is pending. */
async function awaitApproval(apiUrl: string, token: string, actionUrl: string): Promise<void> {
  const call = apiCaller(apiUrl, token);
  const { workflowId } = await call('POST', '/workflows', approvalBot('Patch the web tier', actionUrl));
  await call('POST', `/workflows/${workflowId}/runs`, {});
  for (let waited = 0; waited < 60 && (await call<{ items: unknown[] }>('GET', '/approvals')).items.length === 0; waited++) await new Promise((resolve) => setTimeout(resolve, 1000));
}

main().catch((error) => {
  console.error(`screenshots:console: ${error instanceof Error ? error.stack : error}`);
  process.exit(1);
});
