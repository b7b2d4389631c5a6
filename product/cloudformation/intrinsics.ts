import { pseudoParameterValue, StackLaunch } from './launch';
import { parameterValue } from './parameters';
import { substitute } from './private/substitution';
import { CloudFormationTemplate } from './template';

/** The template a value belongs to and the launch it is resolved for. */
interface Scope {
  readonly template: CloudFormationTemplate;
  readonly launch: StackLaunch;
}

/** An intrinsic function: its arguments are template JSON, whatever shape the function takes. */
type IntrinsicFunction = (args: any, scope: Scope) => unknown;

const FUNCTIONS: Record<string, IntrinsicFunction> = {
  'Ref': (name: string, scope) => refValue(name, scope),
  'Fn::GetAtt': (args, scope) => attributeValue(attributeOf(args, scope), scope),
  'Fn::Sub': (args, scope) => subValue(typeof args === 'string' ? [args, {}] : args, scope),
  'Fn::Join': ([separator, items], scope) => listOf('Fn::Join', resolve(items, scope)).map((item) => scalar('Fn::Join', item)).join(separator),
  'Fn::Select': ([index, items], scope) => itemAt(Number(resolve(index, scope)), listOf('Fn::Select', resolve(items, scope))),
  'Fn::Split': ([separator, text], scope) => scalar('Fn::Split', resolve(text, scope)).split(separator),
  'Fn::FindInMap': (keys: unknown[], scope) => mappingValue(keys.map((key) => scalar('Fn::FindInMap', resolve(key, scope))), scope),
  'Fn::If': ([condition, whenTrue, whenFalse], scope) => resolve(conditionHolds(condition, scope) ? whenTrue : whenFalse, scope),
  'Fn::Equals': ([left, right], scope) => String(resolve(left, scope)) === String(resolve(right, scope)),
  'Fn::And': (conditions: unknown[], scope) => conditions.every((condition) => isTrue(condition, scope)),
  'Fn::Or': (conditions: unknown[], scope) => conditions.some((condition) => isTrue(condition, scope)),
  'Fn::Not': ([condition], scope) => !isTrue(condition, scope),
  'Condition': (name: string, scope) => conditionHolds(name, scope),
};

/**
 * A template value with its intrinsic functions resolved for a launch: parameters take the launch's
 * values or their defaults, conditions are evaluated, and `Ref AWS::NoValue` leaves the value (or the
 * property or list item holding it) out. Fails, naming the function, on what the launch cannot resolve.
 */
export function resolveValue(template: CloudFormationTemplate, value: unknown, launch: StackLaunch = {}): unknown {
  return resolve(value, { template, launch });
}

function resolve(value: unknown, scope: Scope): unknown {
  if (Array.isArray(value)) return value.map((item) => resolve(item, scope)).filter((item) => item !== undefined);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  if (entries.length === 1 && isFunction(...entries[0])) return call(...entries[0], scope);
  const resolved = entries.map(([key, inner]) => [key, resolve(inner, scope)]);
  return Object.fromEntries(resolved.filter(([, inner]) => inner !== undefined));
}

/** `Condition` is also a key of IAM policy statements; as a function it names a condition. */
function isFunction(name: string, args: unknown): boolean {
  return name === 'Ref' || name.startsWith('Fn::') || (name === 'Condition' && typeof args === 'string');
}

function call(name: string, args: unknown, scope: Scope): unknown {
  if (!(name in FUNCTIONS)) throw new Error(`${name} is not resolved by the template reader`);
  return FUNCTIONS[name](args, scope);
}

function refValue(name: string, scope: Scope): unknown {
  const { template, launch } = scope;
  if (name === 'AWS::NoValue') return undefined;
  if (name.startsWith('AWS::')) return pseudoParameterValue(name, launch);
  if (template.Parameters?.[name] !== undefined) return parameterValue(template, name, launch);
  if (template.Resources?.[name] === undefined) throw new Error(`Ref ${name} refers to ${name}, which is not a parameter, pseudo parameter or resource of the template`);
  const value = launch.resources?.[name]?.Ref;
  if (value === undefined) throw new Error(`Ref ${name}: the launch gives no value for this resource`);
  return value;
}

/** A `Fn::GetAtt` as [logical ID, attribute], from either form: `["Bucket", "Arn"]` or `"Bucket.Arn"`. */
function attributeOf(args: unknown, scope: Scope): [string, string] {
  if (typeof args === 'string' && args.includes('.')) return [args.slice(0, args.indexOf('.')), args.slice(args.indexOf('.') + 1)];
  if (Array.isArray(args) && args.length === 2) return [String(args[0]), scalar('Fn::GetAtt', resolve(args[1], scope))];
  throw new Error(`Fn::GetAtt takes ["LogicalId", "Attribute"] or "LogicalId.Attribute", got ${JSON.stringify(args)}`);
}

function attributeValue([logicalId, attribute]: [string, string], { template, launch }: Scope): unknown {
  if (template.Resources?.[logicalId] === undefined) throw new Error(`Fn::GetAtt ${logicalId}.${attribute}: ${logicalId} is not a resource of the template`);
  const value = launch.resources?.[logicalId]?.[attribute];
  if (value === undefined) throw new Error(`Fn::GetAtt ${logicalId}.${attribute}: the launch gives no value for this attribute`);
  return value;
}

/** `${Name}` is a variable of the `Fn::Sub` when it has one of that name, else a `Ref`; `${Name.Attribute}` a `Fn::GetAtt`. */
function subValue([text, variables]: [string, Record<string, unknown>], scope: Scope): string {
  return substitute(text, (name) => {
    if (name in variables) return scalar('Fn::Sub', resolve(variables[name], scope));
    if (name.includes('.')) return scalar('Fn::Sub', attributeValue(attributeOf(name, scope), scope));
    return scalar('Fn::Sub', refValue(name, scope));
  });
}

function mappingValue([map, topKey, secondKey]: string[], { template }: Scope): unknown {
  const value = template.Mappings?.[map]?.[topKey]?.[secondKey];
  if (value === undefined) throw new Error(`Fn::FindInMap: the template's Mappings have no ${map}.${topKey}.${secondKey}`);
  return value;
}

/** Whether the named condition of the template holds. */
function conditionHolds(name: string, scope: Scope): boolean {
  const expression = scope.template.Conditions?.[name];
  if (expression === undefined) throw new Error(`condition ${name} is not defined in the template`);
  return isTrue(expression, scope);
}

function isTrue(condition: unknown, scope: Scope): boolean {
  const value = resolve(condition, scope);
  if (typeof value !== 'boolean') throw new Error(`expected a condition, got ${JSON.stringify(condition)}`);
  return value;
}

function listOf(fn: string, value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new Error(`${fn} expects a list, got ${JSON.stringify(value)}`);
  return value;
}

function itemAt(index: number, items: unknown[]): unknown {
  if (!Number.isInteger(index) || index < 0 || index >= items.length) throw new Error(`Fn::Select: index ${index} is outside the list of ${items.length}`);
  return items[index];
}

function scalar(fn: string, value: unknown): string {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') throw new Error(`${fn} expects a single value, got ${JSON.stringify(value)}`);
  return String(value);
}
