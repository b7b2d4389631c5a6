import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { startWholeWorkspace } from '../../../qa/local-workspace/whole-workspace';
import { WorkflowService } from '../../workspace-data/workflow-service';
import { workflowInputSchema } from '../../workspace-data/workflow';
import { buildConsole, CONSOLE_BUILD_DIRECTORY } from '../build-console';
import { launchChromium, signIn } from '../../../qa/browser/browser';
import { apiCaller } from '../../../qa/browser/workspace-journeys';

/**
 * `npm run bench:console`: the console's first-load JavaScript (gzipped, against its 250 kB budget), and
 * in headless Chromium on the whole local workspace: navigation to the Bots list until it is
 * interactive with 1,000 bots, rendering those 1,000 bots, and rendering a run of 200 steps. Each
 * browser figure is set beside a baseline measured in the same browser in the same run: the same rows
 * written as plain HTML into a blank page.
 */
const BOTS = 1000;
const RUN_STEPS = 200;
const SAMPLES = 5;
const FIRST_LOAD_BUDGET_KB = 250;

// The page's globals, which the page.evaluate callbacks below use (they run in the browser).
declare const document: any;
declare const performance: any;
declare const requestAnimationFrame: any;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  await buildConsole();
  const firstLoadKb = firstLoadJavaScriptKb();
  const whole = await startWholeWorkspace({ scheduleTickMs: 3_600_000 });
  const browser = await launchChromium();
  try {
    const service = new WorkflowService(whole.workspace.workflows, whole.workspace.definitions, whole.workspace.audit);
    await createBots(service);
    const longRun = await runOf200Steps(whole.apiUrl, await whole.signIn.idToken());
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${whole.consoleUrl}/about`);
    await signIn(page, whole.signIn.username, whole.signIn.password);

    const navigation: number[] = [];
    const botsRender: number[] = [];
    const runRender: number[] = [];
    for (let sample = 0; sample < SAMPLES; sample++) {
      // Interactive: the first page of bots is listed, its links and buttons usable, while the rest arrive.
      navigation.push((await timeScreen(page, `${whole.consoleUrl}/bots`, '/workflows', { selector: 'table.bots tbody tr[aria-rowindex]', count: 1 })).interactiveMs);
      botsRender.push((await timeScreen(page, `${whole.consoleUrl}/bots`, '/workflows', { selector: '[role="status"]', count: 1, text: `${BOTS + 1} of ${BOTS + 1} bots` })).renderMs);
      const run = await timeScreen(page, `${whole.consoleUrl}/bots/${longRun.workflowId}/runs/${longRun.runId}`, `/runs/${longRun.runId}`, { selector: '.timeline-step', count: RUN_STEPS });
      runRender.push(run.renderMs);
    }
    const baseline = await plainHtmlBaseline(page);
    console.log([
      `bench:console: first-load JavaScript ${firstLoadKb.toFixed(1)} kB gzipped (budget ${FIRST_LOAD_BUDGET_KB} kB: ${(firstLoadKb / FIRST_LOAD_BUDGET_KB * 100).toFixed(0)}% of it)`,
      `bench:console: navigation to Bots until its first page of ${BOTS + 1} bots is interactive: ${median(navigation).toFixed(0)} ms median of ${SAMPLES} (target < 1500 ms)`,
      `bench:console: rendering ${BOTS} bots: ${median(botsRender).toFixed(1)} ms (target < 200 ms; plain HTML table of ${BOTS} rows ${baseline.bots.toFixed(1)} ms, ratio ${(median(botsRender) / baseline.bots).toFixed(2)})`,
      `bench:console: rendering a run of ${RUN_STEPS} steps: ${median(runRender).toFixed(1)} ms (target < 200 ms; plain HTML list of ${RUN_STEPS} items ${baseline.steps.toFixed(1)} ms, ratio ${(median(runRender) / baseline.steps).toFixed(2)})`,
    ].join('\n'));
  } finally {
    await browser.close();
    await whole.stop();
  }
}

/** The entry script and the chunks index.html preloads: what the browser fetches before the first screen. */
function firstLoadJavaScriptKb(): number {
  const html = readFileSync(join(CONSOLE_BUILD_DIRECTORY, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((match) => match[1]);
  return scripts.reduce((total, file) => total + gzipSync(readFileSync(join(CONSOLE_BUILD_DIRECTORY, file))).length, 0) / 1000;
}

async function createBots(service: WorkflowService): Promise<void> {
  const bot = (index: number) => workflowInputSchema.parse({
    name: `Bot ${String(index).padStart(4, '0')}`, description: 'Benchmark bot', schedule: 'rate(1 day)',
    steps: [{ id: 'say', kind: 'transform', inputs: { expression: `"bot ${index}"` } }],
  });
  for (let start = 0; start < BOTS; start += 20) {
    await Promise.all(Array.from({ length: Math.min(20, BOTS - start) }, (_, offset) => service.create(bot(start + offset), 'bench@example.org', new Date())));
  }
}

/** A bot of 200 transform steps, run to the end through the API and the engine. */
async function runOf200Steps(apiUrl: string, token: string): Promise<{ workflowId: string; runId: string }> {
  const call = apiCaller(apiUrl, token);
  const steps = Array.from({ length: RUN_STEPS }, (_, index) => ({ id: `s${index}`, kind: 'transform', inputs: { expression: `{"step": ${index}}` } }));
  const { workflowId } = await call('POST', '/workflows', { name: 'Two hundred steps', steps });
  const { runId } = await call('POST', `/workflows/${workflowId}/runs`);
  for (let waited = 0; waited < 300; waited++) {
    if ((await call('GET', `/workflows/${workflowId}/runs/${runId}`)).status === 'succeeded') return { workflowId, runId };
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error('the 200-step run did not succeed within 5 minutes');
}

/** What shows that a screen is ready: `count` elements matching `selector`, the first containing `text`. */
interface Ready {
  readonly selector: string;
  readonly count: number;
  readonly text?: string;
}

/**
 * Opens `url` (a full load, signed in) and measures: from navigation start until the screen is ready
 * and a frame is painted (interactive), and from the end of the API response it shows until that frame (render).
 */
async function timeScreen(page: Page, url: string, resource: string, ready: Ready): Promise<{ interactiveMs: number; renderMs: number }> {
  await page.goto(url);
  await page.waitForFunction(({ selector, count, text }) => {
    const found = document.querySelectorAll(selector);
    return found.length >= count && (!text || [...found].some((node: any) => node.textContent.includes(text)));
  }, ready, { polling: 'raf' });
  const paintedAt: number = await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now()))));
  const responseEnd: number = await page.evaluate((part) => Math.max(...performance.getEntriesByType('resource').filter((entry: any) => entry.name.includes(part)).map((entry: any) => entry.responseEnd)), resource);
  return { interactiveMs: paintedAt, renderMs: paintedAt - responseEnd };
}

/** The same numbers of rows written as HTML strings into a blank page, until the next frame. */
async function plainHtmlBaseline(page: Page): Promise<{ bots: number; steps: number }> {
  await page.goto('about:blank');
  const time = (rows: number) => page.evaluate((rows) => new Promise<number>((resolve) => {
    const start = performance.now();
    document.body.innerHTML = `<table>${Array.from({ length: rows }, (_, index) => `<tr><td><a href="#">Bot ${index}</a></td><td>rate(1 day)</td><td>1</td><td>1</td><td>today</td><td><button>Duplicate</button><button>Export</button><button>Delete</button></td></tr>`).join('')}</table>`;
    requestAnimationFrame(() => resolve(performance.now() - start));
  }), rows);
  const bots: number[] = [];
  const steps: number[] = [];
  for (let sample = 0; sample < SAMPLES; sample++) {
    bots.push(await time(BOTS));
    steps.push(await time(RUN_STEPS));
  }
  return { bots: median(bots), steps: median(steps) };
}

main().catch((error) => {
  console.error(`bench:console: ${error instanceof Error ? error.stack : error}`);
  process.exit(1);
});
