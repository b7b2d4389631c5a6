import { CloudFormationTemplate } from './template';

/**
 * The logical ID a `Ref` or `Fn::GetAtt` points at (either form: `["Bucket", "Arn"]` or `"Bucket.Arn"`),
 * or undefined for any other value.
 */
export function referenceTarget(value: unknown): string | undefined {
  const reference = value as { Ref?: unknown; 'Fn::GetAtt'?: unknown } | undefined;
  if (typeof reference?.Ref === 'string') return reference.Ref;
  const getAtt = reference?.['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  if (typeof getAtt === 'string') return getAtt.split('.')[0];
  return undefined;
}

/** Every logical ID a value references anywhere inside it (`Ref`, `Fn::GetAtt`, also within `Fn::Join` and the like). */
export function referencedIds(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(referencedIds);
  if (value === null || typeof value !== 'object') return [];
  const target = referenceTarget(value);
  if (target !== undefined) return [target];
  return Object.values(value).flatMap(referencedIds);
}

/** Whether a value, anywhere inside, references the resource `logicalId`. */
export function referencesResource(value: unknown, logicalId: string): boolean {
  return referencedIds(value).includes(logicalId);
}

/** Whether a value is a reference to a resource of the given type in the template. */
export function referencesType(template: CloudFormationTemplate, value: unknown, type: string): boolean {
  const target = referenceTarget(value);
  return target !== undefined && template.Resources?.[target]?.Type === type;
}

/** Every resource of a type that the value references anywhere inside it, as logical IDs. */
export function referencedOfType(template: CloudFormationTemplate, value: unknown, type: string): string[] {
  return [...new Set(referencedIds(value).filter((id) => template.Resources?.[id]?.Type === type))];
}
