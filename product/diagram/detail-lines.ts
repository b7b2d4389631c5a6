import { allConditional, TemplateResource } from './cloudformation';

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
 * lines share one mark ("Supervisor, Research agent (optional)"), so that many keep the box short.
 */
export function detailLines(parts: readonly DetailPart[], componentOptional: boolean): string[] {
  const own = conditionsOf(parts[0]?.resources ?? []);
  const isOptional = ({ resources = [] }: DetailPart) => resources.length > 0 && allConditional(resources) && (!componentOptional || conditionsOf(resources) !== own);
  const lines: { text: string; optional: boolean }[] = [];
  for (const part of parts) {
    const previous = lines.at(-1);
    if (isOptional(part) && previous?.optional) previous.text = `${previous.text}, ${part.text}`;
    else lines.push({ text: part.text, optional: isOptional(part) });
  }
  return lines.map(({ text, optional }) => (optional ? `${text} (optional)` : text));
}

function conditionsOf(resources: [string, TemplateResource][]): string {
  return [...new Set(resources.map(([, resource]) => resource.Condition))].sort().join(',');
}
