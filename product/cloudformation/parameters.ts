import { StackLaunch } from './launch';
import { referenceTarget } from './references';
import { CloudFormationTemplate } from './template';

/**
 * The value a parameter takes at launch: the one the launch gives, else its Default; a list parameter
 * (`CommaDelimitedList`, `List<...>`) as its items. Fails when neither gives a value.
 */
export function parameterValue(template: CloudFormationTemplate, name: string, launch: StackLaunch): string | string[] {
  const parameter = template.Parameters?.[name];
  if (parameter === undefined) throw new Error(`${name} is not a parameter of the template`);
  const value = launch.parameters?.[name] ?? (parameter.Default === undefined ? undefined : String(parameter.Default));
  if (value === undefined) throw new Error(`parameter ${name} has no Default, and the launch gives no value for it`);
  return isList(parameter.Type) ? value.split(',') : value;
}

function isList(type: string): boolean {
  return type === 'CommaDelimitedList' || type.startsWith('List<');
}

/**
 * The range of numbers a value can take at launch: a literal, or what a referenced Number parameter
 * admits (its AllowedValues, or MinValue and MaxValue). A bound is undefined when nothing sets it.
 */
export function valueRange(template: CloudFormationTemplate, value: unknown): { lowest?: number; highest?: number } {
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
