/** A CloudFormation template as the diagram reads it: only the parts it looks at. */
export interface CloudFormationTemplate {
  readonly Description?: string;
  readonly Rules?: Record<string, { readonly Assertions?: { readonly Assert?: Record<string, any> }[] }>;
  readonly Parameters?: Record<string, { readonly Default?: unknown }>;
  readonly Resources: Record<string, TemplateResource>;
}

/** One resource of a template. */
export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Record<string, any>;
  readonly Condition?: string;
}

/** The logical ID a `Ref` or `Fn::GetAtt` points at, or undefined for any other value. */
export function referencedId(value: unknown): string | undefined {
  const reference = value as { Ref?: unknown; 'Fn::GetAtt'?: unknown[] } | undefined;
  if (typeof reference?.Ref === 'string') return reference.Ref;
  const attribute = reference?.['Fn::GetAtt'];
  return Array.isArray(attribute) && typeof attribute[0] === 'string' ? attribute[0] : undefined;
}

/**
 * A string property as the buyer sees it at launch: a literal as is, a parameter reference as the
 * parameter's default (the launch wizard's pre-filled value).
 */
export function launchValue(template: CloudFormationTemplate, value: unknown, field: string): string {
  if (typeof value === 'string') return value;
  const parameter = referencedId(value);
  const fallback = parameter === undefined ? undefined : template.Parameters?.[parameter]?.Default;
  if (typeof fallback === 'string') return fallback;
  throw new Error(`diagram: ${field} must be a string or a reference to a parameter with a default, got ${JSON.stringify(value)}`);
}

/** Every resource of the given types, as [logical ID, resource] pairs in template order. */
export function resourcesOf(template: CloudFormationTemplate, ...types: string[]): [string, TemplateResource][] {
  return Object.entries(template.Resources).filter(([, resource]) => types.includes(resource.Type));
}

/** Whether `value`, anywhere inside, references the resource `logicalId`. */
export function references(value: unknown, logicalId: string): boolean {
  if (Array.isArray(value)) return value.some((item) => references(item, logicalId));
  if (value === null || typeof value !== 'object') return false;
  if (referencedId(value) === logicalId) return true;
  return Object.values(value).some((item) => references(item, logicalId));
}

/** Whether every one of the resources carries a Condition, so that launch parameters can leave them all out. */
export function allConditional(resources: [string, TemplateResource][]): boolean {
  return resources.every(([, resource]) => resource.Condition !== undefined);
}
