/** What a template's conditions are evaluated against: the stack's parameter values and its Region. */
export interface ConditionContext {
  readonly parameters: Record<string, string>;
  readonly region: string;
  readonly conditions: Record<string, unknown>;
}

function value(expression: unknown, context: ConditionContext): unknown {
  if (typeof expression !== 'object' || expression === null) return expression;
  if (Array.isArray(expression)) return expression.map((item) => value(item, context));
  const [[fn, args]] = Object.entries(expression as Record<string, any>);
  switch (fn) {
    case 'Ref':
      if (args === 'AWS::Region') return context.region;
      if (!(args in context.parameters)) throw new Error(`condition refers to ${args}, which is not a parameter of the stack`);
      return context.parameters[args];
    case 'Fn::Equals': return String(value(args[0], context)) === String(value(args[1], context));
    case 'Fn::Not': return !holds(args[0], context);
    case 'Fn::And': return args.every((inner: unknown) => holds(inner, context));
    case 'Fn::Or': return args.some((inner: unknown) => holds(inner, context));
    case 'Condition': return conditionHolds(args, context);
    case 'Fn::Join': return (value(args[1], context) as unknown[]).map(String).join(args[0]);
    case 'Fn::Split': return String(value(args[1], context)).split(args[0]);
    case 'Fn::Select': return (value(args[1], context) as unknown[])[Number(value(args[0], context))];
    default: throw new Error(`condition function ${fn} is not supported by the harness's evaluator`);
  }
}

function holds(expression: unknown, context: ConditionContext): boolean {
  return value(expression, context) === true;
}

/** Whether the named condition of the template holds for this stack. */
export function conditionHolds(name: string, context: ConditionContext): boolean {
  if (!(name in context.conditions)) throw new Error(`condition ${name} is not defined in the template`);
  return holds(context.conditions[name], context);
}

/** The logical IDs and types of the resources CloudFormation must create for this stack. */
export function expectedResources(template: Record<string, any>, context: Omit<ConditionContext, 'conditions'>): Map<string, string> {
  const full = { ...context, conditions: template.Conditions ?? {} };
  const expected = new Map<string, string>();
  for (const [id, resource] of Object.entries(template.Resources as Record<string, { Type: string; Condition?: string }>)) {
    if (!resource.Condition || conditionHolds(resource.Condition, full)) expected.set(id, resource.Type);
  }
  return expected;
}
