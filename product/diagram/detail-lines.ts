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
 * depends on the same launch parameters as the first line (the component itself).
 */
export function detailLines(parts: readonly DetailPart[], componentOptional: boolean): string[] {
  const own = conditionsOf(parts[0]?.resources ?? []);
  return parts.map(({ text, resources = [] }) => {
    const optionalPart = resources.length > 0 && allConditional(resources) && (!componentOptional || conditionsOf(resources) !== own);
    return optionalPart ? `${text} (optional)` : text;
  });
}

function conditionsOf(resources: [string, TemplateResource][]): string {
  return [...new Set(resources.map(([, resource]) => resource.Condition))].sort().join(',');
}
