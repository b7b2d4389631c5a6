import { CloudFormationTemplate } from '../../product/cloudformation';

/** Longest property value shown in a report cell; longer values end in an ellipsis (the template has them whole). */
export const MAX_VALUE_LENGTH = 240;

/**
 * A template value as a reader wants to see it: parameters with their default, pseudo parameters and
 * references by name, joins and selects of Availability Zones spelled out, everything else as compact JSON.
 */
export function describeValue(template: CloudFormationTemplate, value: unknown): string {
  if (value === undefined || value === null) return '-';
  if (typeof value === 'string') return value;
  if (typeof value !== 'object') return String(value);
  const intrinsic = value as Record<string, any>;
  if (typeof intrinsic.Ref === 'string') {
    const parameter = template.Parameters?.[intrinsic.Ref];
    if (parameter) return parameter.Default === undefined ? `<${intrinsic.Ref}>` : `${parameter.Default} (parameter ${intrinsic.Ref})`;
    return intrinsic.Ref.startsWith('AWS::') ? `<${intrinsic.Ref.slice(5)}>` : intrinsic.Ref;
  }
  if (Array.isArray(intrinsic['Fn::GetAtt'])) return intrinsic['Fn::GetAtt'].join('.');
  if (Array.isArray(intrinsic['Fn::Join'])) {
    const [separator, parts] = intrinsic['Fn::Join'];
    if (Array.isArray(parts)) return parts.map((part: unknown) => describeValue(template, part)).join(separator);
  }
  if (Array.isArray(intrinsic['Fn::Select']) && intrinsic['Fn::Select'][1]?.['Fn::GetAZs'] !== undefined) {
    return `Availability Zone ${Number(intrinsic['Fn::Select'][0]) + 1} of the Region`;
  }
  if (typeof intrinsic['Fn::Sub'] === 'string') return intrinsic['Fn::Sub'];
  if (Array.isArray(value)) return value.map((item) => describeValue(template, item)).join(', ');
  // Nested references read better by name than as intrinsic-function JSON.
  const isReference = (inner: any) => inner?.Ref !== undefined || inner?.['Fn::GetAtt'] !== undefined || inner?.['Fn::Join'] !== undefined;
  const named = (key: string, inner: unknown) => (key !== '' && isReference(inner) ? describeValue(template, inner) : inner);
  return JSON.stringify(value, named);
}

/** A value shortened to fit a report cell. */
export function shorten(text: string, limit = MAX_VALUE_LENGTH): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

/** A property of a resource by dotted path; `DeletionPolicy` and `UpdateReplacePolicy` are resource attributes. */
export function propertyValue(resource: Record<string, any>, path: string): unknown {
  if (path === 'DeletionPolicy' || path === 'UpdateReplacePolicy') return resource[path];
  return path.split('.').reduce((value: any, key) => value?.[key], resource.Properties);
}
