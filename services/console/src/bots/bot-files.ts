import type { WorkflowInput } from '../api/types';
import { botFileStem, portableBot } from '../../../workspace-data/portable-bot';

/** Saves a value as a JSON file in the browser's downloads. */
export function downloadJson(fileName: string, value: unknown): void {
  const url = URL.createObjectURL(new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: 'application/json' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  link.click();
  URL.revokeObjectURL(url);
}

/** A file name for a bot: `<stem>.bot.json`. */
export function botFileName(name: string): string {
  return `${botFileStem(name)}.bot.json`;
}

/** The bots in an imported file: one exported bot, or a list of them; a file of anything else is refused with why. */
export async function readBotFile(file: File): Promise<WorkflowInput[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await file.text());
  } catch {
    throw new Error(`${file.name} is not JSON; choose a file the console exported (.bot.json)`);
  }
  const bots = Array.isArray(parsed) ? parsed : [parsed];
  bots.forEach((bot, index) => {
    const where = Array.isArray(parsed) ? `${file.name}, bot ${index + 1}` : file.name;
    if (typeof bot !== 'object' || bot === null || typeof (bot as { name?: unknown }).name !== 'string' || !Array.isArray((bot as { steps?: unknown }).steps)) {
      throw new Error(`${where}: a bot needs a name and a list of steps`);
    }
  });
  return bots.map((bot) => portableBot(bot as WorkflowInput));
}
