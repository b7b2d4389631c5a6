import { Check, observe, verdict } from '../lib/check';

/**
 * A template Rule asserts that AWS::Region is one of a fixed list, so the stack (and the data it stores)
 * can only be created in the Regions the workspace is offered in.
 */
export const check: Check = {
  id: 'region-rule-limits-regions',
  title: 'A template rule rejects every Region outside a fixed list, so data stays in the Region chosen at launch',
  evaluate(template) {
    const evidence = Object.entries(template.Rules ?? {}).flatMap(([name, rule]) => rule.Assertions
      .map((assertion) => (assertion.Assert as any)?.['Fn::Contains'])
      .filter((contains) => Array.isArray(contains) && contains[1]?.Ref === 'AWS::Region')
      .map((contains) => observe(`Rules.${name}`, 'Assert.Fn::Contains', contains[0],
        rule.RuleCondition === undefined && Array.isArray(contains[0]) && contains[0].length > 0 && contains[0].every((region: unknown) => typeof region === 'string'))));
    return verdict(evidence.length > 0 ? evidence : [observe('Rules', 'AWS::Region assertion', null, false)], '');
  },
};
