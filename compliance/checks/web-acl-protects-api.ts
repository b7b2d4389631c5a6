import { Check, Evidence, observe, verdict } from '../lib/check';
import { asList, CloudFormationTemplate, referencedOfType, resourcesOfType, TemplateResource } from '../../product/cloudformation';

/** The AWS managed rule groups every web ACL applies: AWS's baseline for web applications. */
export const BASELINE_RULE_GROUPS = ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet'];

function apiStagesOf(template: CloudFormationTemplate, acl: string): string[] {
  return resourcesOfType(template, 'AWS::WAFv2::WebACLAssociation')
    .filter(([, association]) => referencedOfType(template, association.Properties?.WebACLArn, 'AWS::WAFv2::WebACL').includes(acl))
    .flatMap(([, association]) => referencedOfType(template, association.Properties?.ResourceArn, 'AWS::ApiGateway::Stage'));
}

function ruleEvidence(id: string, acl: TemplateResource): Evidence[] {
  const rules = asList<any>(acl.Properties?.Rules);
  const managed = BASELINE_RULE_GROUPS.map((name) => {
    const rule = rules.find((r) => r?.Statement?.ManagedRuleGroupStatement?.VendorName === 'AWS' && r.Statement.ManagedRuleGroupStatement.Name === name);
    // OverrideAction None keeps the group's own Block actions; Count would only observe.
    return observe(id, `Rules[${name}].OverrideAction`, rule?.OverrideAction, rule?.OverrideAction?.None !== undefined);
  });
  const rateLimit = rules.find((r) => r?.Statement?.RateBasedStatement !== undefined);
  return [...managed, observe(id, 'Rules[rate-based].Action', rateLimit?.Action, rateLimit?.Action?.Block !== undefined)];
}

/**
 * Every WAF web ACL is attached to an API stage of the template, applies AWS's baseline managed rule
 * groups in blocking mode and blocks clients above a request rate.
 */
export const check: Check = {
  id: 'web-acl-protects-api',
  title: 'Every web ACL protects an API stage with the AWS baseline managed rule groups and a blocking rate limit',
  evaluate(template) {
    const evidence = resourcesOfType(template, 'AWS::WAFv2::WebACL').flatMap(([id, acl]) => {
      const stages = apiStagesOf(template, id);
      return [
        observe(id, 'Scope', acl.Properties?.Scope, acl.Properties?.Scope === 'REGIONAL'),
        observe(id, 'associated API stages', stages, stages.length > 0),
        ...ruleEvidence(id, acl),
      ];
    });
    return verdict(evidence, 'the template has no web ACL');
  },
};
