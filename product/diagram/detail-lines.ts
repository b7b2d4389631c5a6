import { allConditional, TemplateResource } from '../cloudformation';

/** One line under a component's title, and the resources it stands for. */
export interface DetailPart {
  readonly text: string;
  /** @default - none: the line is never marked optional */
  readonly resources?: [string, TemplateResource][];
}

/**
 * The lines under a component's title. A line whose resources all carry a Condition says "(optional)",
 * unless the component's dashed outline already says so: the whole component is optional and the line
 * depends on the same launch parameters as the first line (the component itself). Neighbouring optional
 * lines share one mark ("Supervisor, Research agent (optional)"), and lines that begin with the same word
 * name it once ("Agents: supervisor, threat hunter (optional)", or "4 agents (optional)" from three on), so
 * that many keep the box short.
 */
export function detailLines(parts: readonly DetailPart[], componentOptional: boolean): string[] {
  const own = conditionsOf(parts[0]?.resources ?? []);
  const isOptional = ({ resources = [] }: DetailPart) => resources.length > 0 && allConditional(resources) && (!componentOptional || conditionsOf(resources) !== own);
  const lines: Line[] = [];
  for (const part of parts) {
    const previous = lines.at(-1);
    if (isOptional(part) && previous?.optional) join(previous, part.text);
    else lines.push({ texts: [part.text], optional: isOptional(part) });
  }
  return lines.map((line) => (line.optional ? `${lineText(line)} (optional)` : lineText(line)));
}

/** Neighbouring lines merged into one; `group` is their common first word, when they all share it. */
interface Line {
  texts: string[];
  optional: boolean;
  group?: string;
}

function join(line: Line, text: string): void {
  const head = text.split(' ')[0];
  const shared = line.texts.every((other) => other.startsWith(`${head} `)) && text.startsWith(`${head} `);
  line.group = shared ? head : undefined;
  line.texts.push(text);
}

/** "Agents: supervisor, threat hunter", or "4 agents" when three or more share the word. */
function lineText({ texts, group }: Line): string {
  if (!group) return texts.join(', ');
  if (texts.length >= 3) return `${texts.length} ${group.toLowerCase()}`;
  return `${group}: ${texts.map((text) => text.slice(group.length + 1)).join(', ')}`;
}

function conditionsOf(resources: [string, TemplateResource][]): string {
  return [...new Set(resources.map(([, resource]) => resource.Condition))].sort().join(',');
}
