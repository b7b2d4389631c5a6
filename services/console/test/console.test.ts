import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startWholeWorkspace, WholeWorkspace } from '../../../qa/local-workspace/whole-workspace';
import { launchChromium, seriousViolations, signIn, tabTo } from '../../../qa/browser/browser';
import { apiCaller, approvalBot, openTemplate } from '../../../qa/browser/workspace-journeys';

// The page's globals, which the page.evaluate callbacks below use (they run in the browser).
declare const document: any;
declare const sessionStorage: any;

/**
 * The console in a real browser (headless Debian Chromium) against the whole local workspace: the
 * managed-login stand-in over moto's Cognito, the real API handler, engine and metering sidecar.
 */
describe('workspace console in Chromium', () => {
  let whole: WholeWorkspace;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  before(async () => {
    [whole, browser] = await Promise.all([startWholeWorkspace({ scheduleTickMs: 3_600_000 }), launchChromium()]);
  });
  after(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await whole?.stop();
  });

  /** A fresh browser profile (no session) on `path`, its page errors collected. */
  const open = async (path: string): Promise<{ page: Page; errors: string[] }> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${whole.consoleUrl}${path}`);
    return { page, errors };
  };
  const signedIn = async (path: string) => {
    const opened = await open(path);
    await signIn(opened.page, whole.signIn.username, whole.signIn.password);
    return opened;
  };
  const nvdBaseUrl = () => `${whole.nvd.url}/rest/json/cves/2.0`;

  /** Creates the CVE bot from its template, pointed at the local NVD stand-in; returns its ID. */
  const createCveBot = async (page: Page, name: string): Promise<string> => {
    await openTemplate(page, 'Critical CVEs from NVD to Slack');
    await page.getByLabel('Name *').fill(name);
    await page.getByLabel('Base URL').fill(nvdBaseUrl());
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Definition version 1').waitFor();
    return /\/bots\/([0-9a-f-]{36})$/.exec(page.url())![1];
  };

  test('when an engineer signs in, creates a bot from a template and runs it, then the steps succeed, the run is in Activity, the change in the audit log, and sign-out ends the session', async () => {
    const { page, errors } = await open('/bots');
    await page.getByText('Sign in with your workspace account').waitFor();
    await signIn(page, whole.signIn.username, whole.signIn.password);
    assert.match(page.url(), /\/bots$/);
    await page.getByText(whole.signIn.username).waitFor();

    const workflowId = await createCveBot(page, 'CVE watch');
    await page.getByRole('button', { name: 'Run now' }).click();
    await page.waitForURL(`**/bots/${workflowId}/runs/*`);
    await page.locator('.run-summary .status-succeeded').waitFor({ timeout: 60_000 });
    const steps = await page.locator('.timeline-step').evaluateAll((items) => items.map((item) => [item.querySelector('.step-name')!.textContent, item.querySelector('.status')!.textContent]));
    assert.deepEqual(steps, [['recent', 'succeeded'], ['anyNew', 'succeeded'], ['tell', 'succeeded']]);
    await page.getByRole('button', { name: /tell/ }).click();
    await page.getByText('CVE-2026-4242').first().waitFor();
    assert.ok(whole.slack.received.some((request) => request.body.includes('CVE-2026-4242')), 'Slack received the CVE');

    await page.getByRole('link', { name: 'Activity' }).click();
    const today = new Date().toISOString().slice(0, 10);
    await page.getByRole('rowheader', { name: today }).waitFor();
    const succeeded = await page.getByRole('row', { name: new RegExp(`^${today}`) }).getByRole('cell').first().textContent();
    assert.ok(Number(succeeded) >= 1, `runs succeeded today: ${succeeded}`);

    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByLabel('Action').selectOption('workflow.created');
    await page.getByRole('button', { name: 'Apply filter' }).click();
    const created = page.getByRole('row').filter({ hasText: `workflow/${workflowId}` });
    await created.waitFor();
    assert.match(await created.textContent() ?? '', /engineer@example\.org.*workflow\.created/);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You have signed out.').waitFor();
    await page.goto(`${whole.consoleUrl}/bots`);
    await page.getByText('Sign in with your workspace account').waitFor();
    assert.deepEqual(errors, []);
  });

  test('when a bot asks for approval, then the pending action shows with its risk, an approval is recorded, and the decision is in the audit log', async () => {
    const call = apiCaller(whole.apiUrl, await whole.signIn.idToken());
    const { workflowId } = await call('POST', '/workflows', approvalBot('Patch with approval', `${whole.slack.url}/services/T000/B000/patch`));
    const { page } = await signedIn(`/bots/${workflowId}`);
    await page.getByRole('button', { name: 'Run now' }).click();
    await page.locator('.run-summary .status-waiting').waitFor({ timeout: 60_000 });

    await page.getByRole('link', { name: 'Approvals' }).click();
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Apply KB5031356 to the web tier' }) });
    await card.waitFor({ timeout: 60_000 });
    assert.match(await card.textContent() ?? '', /high/i);
    assert.match(await card.textContent() ?? '', /i-0abc, i-0def/);
    await card.getByLabel('Comment').fill('inside the change window');
    await card.getByRole('button', { name: 'Approve' }).click();
    await page.getByText(/Apply KB5031356 to the web tier: approved by engineer@example\.org/).waitFor();

    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByLabel('Action').selectOption('approval.decided');
    await page.getByRole('button', { name: 'Apply filter' }).click();
    const decided = page.getByRole('row').filter({ hasText: 'decision: approved' });
    await decided.waitFor();
    assert.match(await decided.textContent() ?? '', /engineer@example\.org/);
  });

  test('when a bot is saved to the import/export bucket, then it is listed there, and importing it creates a second bot', async () => {
    const call = apiCaller(whole.apiUrl, await whole.signIn.idToken());
    await call('POST', '/workflows', { name: 'Bucket round trip', steps: [{ id: 'only', kind: 'transform', inputs: { expression: '1' } }] });
    const { page, errors } = await signedIn('/bots');
    await page.getByLabel('Search bots').fill('Bucket round trip');
    await page.getByRole('button', { name: 'Save to bucket: Bucket round trip' }).click();
    await page.getByText(/^Saved Bucket round trip to the bucket as bucket-round-trip-\d{8}T\d{6}Z\.bot\.json\.$/).waitFor();
    await page.getByText(/^Saved in the import\/export bucket \(1\)$/).click();
    await page.getByRole('button', { name: /^Import bucket-round-trip-/ }).click();
    await page.getByText('Imported Bucket round trip.').waitFor();
    await page.getByText('2 of').waitFor();
    const names = await page.locator('table.bots tbody a').allTextContents();
    assert.deepEqual(names, ['Bucket round trip', 'Bucket round trip']);
    assert.deepEqual(errors, []);
  });

  test('when a step input is wrong, then saving names the field, marks it invalid and keeps the draft', async () => {
    const { page } = await signedIn('/bots/new');
    await page.getByLabel('Name *').fill('Broken bot');
    await page.getByRole('button', { name: 'NVD', exact: true }).click();
    await page.getByLabel('Operation').selectOption('recent');
    await page.getByLabel('Days').fill('500');
    await page.getByRole('button', { name: 'Save' }).click();
    const summary = page.getByRole('alert');
    await summary.waitFor();
    assert.match(await summary.textContent() ?? '', /steps\.0\.inputs\.days/);
    const days = page.getByLabel('Days');
    assert.equal(await days.getAttribute('aria-invalid'), 'true');
    assert.equal(await days.inputValue(), '500');
    await page.getByRole('button', { name: 'Go to steps.0.inputs.days' }).click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'step-0-inputs-days');
    assert.match(page.url(), /\/bots\/new$/, 'nothing was created');
  });

  test('when the session has expired, then the console says so, and signing in again returns to the same screen', async () => {
    const { page } = await signedIn('/audit');
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    await page.evaluate(() => {
      const session = JSON.parse(sessionStorage.getItem('workspace.session')!);
      sessionStorage.setItem('workspace.session', JSON.stringify({ ...session, expiresAt: 0, refreshToken: 'revoked' }));
    });
    await page.getByRole('link', { name: 'Activity' }).click();
    await page.getByText('Your session has expired. Sign in again to return to the screen you were on.').waitFor();
    await signIn(page, whole.signIn.username, whole.signIn.password);
    assert.match(page.url(), /\/activity$/);
    await page.getByRole('heading', { name: 'Activity' }).waitFor();
  });

  test('when an engineer uses only the keyboard, then they can sign in, create a bot from a template and save it', async () => {
    const { page } = await open('/bots');
    await tabTo(page, 'Sign in');
    await page.keyboard.press('Enter');
    await page.getByLabel('Email').waitFor();
    await page.keyboard.type(whole.signIn.username);
    await page.keyboard.press('Tab');
    await page.keyboard.type(whole.signIn.password);
    await page.keyboard.press('Enter');
    await page.getByRole('navigation', { name: 'Screens' }).waitFor();
    await tabTo(page, 'New from template');
    await page.keyboard.press('Enter');
    await tabTo(page, 'Critical CVEs from NVD to Slack');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'New bot' }).waitFor();
    await tabTo(page, 'Name *');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('Keyboard CVE bot');
    await tabTo(page, 'Base URL', 120);
    await page.keyboard.type(nvdBaseUrl());
    // Back up to the Save button at the top of the screen.
    await page.keyboard.press('Shift+Tab');
    for (let presses = 0; presses < 120 && await page.evaluate(() => document.activeElement?.textContent) !== 'Save'; presses++) await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await page.getByText('Definition version 1').waitFor();
    await page.getByRole('heading', { name: 'Bot: Keyboard CVE bot' }).waitFor();
  });

  test('when every screen is checked with axe-core, then none has a serious or critical accessibility violation', async () => {
    const { page } = await open('/bots');
    await page.getByText('Sign in with your workspace account').waitFor();
    const found: Record<string, string[]> = { 'sign-in': await seriousViolations(page) };
    await signIn(page, whole.signIn.username, whole.signIn.password);
    const workflowId = await createCveBot(page, 'Accessible CVE bot');
    found.editor = await seriousViolations(page);
    await page.getByRole('button', { name: 'Code' }).click();
    await page.locator('.cm-editor').waitFor();
    found['code view'] = await seriousViolations(page);
    await page.getByRole('button', { name: 'Run now' }).click();
    await page.locator('.run-summary .status-succeeded').waitFor({ timeout: 60_000 });
    found.run = await seriousViolations(page);
    for (const [screen, heading] of [['/bots', 'Bots'], ['/activity', 'Activity'], ['/approvals', 'Approvals'], ['/audit', 'Audit log'], ['/about', 'About']]) {
      await page.getByRole('link', { name: heading, exact: true }).click();
      await page.getByRole('heading', { name: heading, exact: true }).waitFor();
      await page.waitForLoadState('networkidle');
      found[screen] = await seriousViolations(page);
    }
    assert.ok(workflowId);
    assert.deepEqual(Object.fromEntries(Object.entries(found).filter(([, violations]) => violations.length)), {});
  });
});
