/** A CloudFormation resource as it appears in a synthesized template. */
export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Record<string, any>;
  readonly Condition?: string;
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
  readonly Metadata?: Record<string, any>;
}

/** The parts of a CloudFormation template the compliance checks read. */
export interface WorkspaceTemplate {
  readonly Description?: string;
  readonly Parameters?: Record<string, Record<string, any>>;
  readonly Rules?: Record<string, { RuleCondition?: unknown; Assertions: { Assert: unknown; AssertDescription?: string }[] }>;
  readonly Conditions?: Record<string, unknown>;
  readonly Resources: Record<string, TemplateResource>;
  readonly [section: string]: unknown;
}

/** Every resource of the given types, as [logical ID, resource] pairs in template order. */
export function resourcesOfType(template: WorkspaceTemplate, ...types: string[]): [string, TemplateResource][] {
  return Object.entries(template.Resources ?? {}).filter(([, resource]) => types.includes(resource.Type));
}

/** The logical ID a `{Ref}` or `{Fn::GetAtt}` points at, or undefined for any other value. */
export function referenceTarget(value: unknown): string | undefined {
  const reference = value as { Ref?: unknown; 'Fn::GetAtt'?: unknown } | undefined;
  if (typeof reference?.Ref === 'string') return reference.Ref;
  const getAtt = reference?.['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  if (typeof getAtt === 'string') return getAtt.split('.')[0];
  return undefined;
}

/** Whether a value references a resource of the given type in the template. */
export function referencesType(template: WorkspaceTemplate, value: unknown, type: string): boolean {
  const target = referenceTarget(value);
  return target !== undefined && template.Resources?.[target]?.Type === type;
}

/**
 * The range of numbers a value can take at launch: a literal, or what a referenced Number parameter
 * admits (its AllowedValues, or MinValue and MaxValue). A bound is undefined when nothing sets it.
 */
export function valueRange(template: WorkspaceTemplate, value: unknown): { lowest?: number; highest?: number } {
  if (typeof value === 'number') return { lowest: value, highest: value };
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return { lowest: Number(value), highest: Number(value) };
  const parameter = template.Parameters?.[referenceTarget(value) ?? ''];
  if (!parameter) return {};
  if (Array.isArray(parameter.AllowedValues)) {
    const allowed = parameter.AllowedValues.map(Number);
    return { lowest: Math.min(...allowed), highest: Math.max(...allowed) };
  }
  const bound = (limit: unknown) => (limit === undefined ? undefined : Number(limit));
  return { lowest: bound(parameter.MinValue), highest: bound(parameter.MaxValue) };
}

/** A value that may be one item or a list, as a list. */
export function asList<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** One statement of an IAM policy in the template, with the resource that holds it. */
export interface PolicyStatement {
  readonly resource: string;
  /** The logical IDs of the template's roles the statement applies to. */
  readonly roles: readonly string[];
  readonly statement: Record<string, any>;
}

/** Every identity policy statement: AWS::IAM::Policy, AWS::IAM::ManagedPolicy and inline role policies. */
export function identityPolicyStatements(template: WorkspaceTemplate): PolicyStatement[] {
  const documents: [string, string[], any][] = [
    ...resourcesOfType(template, 'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy')
      .map(([id, r]): [string, string[], any] => [id, referencedOfType(template, r.Properties?.Roles, 'AWS::IAM::Role'), r.Properties?.PolicyDocument]),
    ...resourcesOfType(template, 'AWS::IAM::Role')
      .flatMap(([id, r]) => asList(r.Properties?.Policies).map((p: any): [string, string[], any] => [id, [id], p?.PolicyDocument])),
  ];
  return documents.flatMap(([resource, roles, document]) => asList(document?.Statement).map((statement: any) => ({ resource, roles, statement })));
}

/** Every logical ID a value references anywhere inside it (`Ref`, `Fn::GetAtt`, also within `Fn::Join` and the like). */
export function referencedIds(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(referencedIds);
  if (value === null || typeof value !== 'object') return [];
  const target = referenceTarget(value);
  if (target !== undefined) return [target];
  return Object.values(value).flatMap(referencedIds);
}

/** Every resource of a type that the value references, as logical IDs. */
export function referencedOfType(template: WorkspaceTemplate, value: unknown, type: string): string[] {
  return [...new Set(referencedIds(value).filter((id) => template.Resources?.[id]?.Type === type))];
}

/** Whether a resource policy statement denies every action of a service (`s3`, `sqs`) over plain HTTP. */
export function deniesPlainHttp(statement: any, service: string): boolean {
  const insecure = statement?.Condition?.Bool?.['aws:SecureTransport'];
  return statement?.Effect === 'Deny' && (insecure === 'false' || insecure === false)
    && asList(statement.Action).some((action) => action === `${service}:*` || action === '*');
}
