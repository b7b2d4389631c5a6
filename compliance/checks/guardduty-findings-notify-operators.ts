import { Check, observe, verdict } from '../lib/check';
import { asList, referencesType, resourcesOfType, TemplateResource } from '../../product/cloudformation';

/** The highest lower severity bound that still announces every High and Critical finding (GuardDuty: High is 7.0-8.9). */
const HIGHEST_THRESHOLD = 7;

/** Whether a severity filter lets every finding of High severity or above through (no filter lets all through). */
function passesHighFindings(severity: unknown): boolean {
  if (severity === undefined) return true;
  return asList<any>(severity).length > 0 && asList<any>(severity).every((item) => {
    const [operator, bound, ...rest] = asList<any>(item?.numeric);
    if (rest.length > 0 || typeof bound !== 'number') return false;
    return (operator === '>=' && bound <= HIGHEST_THRESHOLD) || (operator === '>' && bound < HIGHEST_THRESHOLD);
  });
}

/** Whether a rule on the default bus sends GuardDuty findings to an SNS topic of the template whenever `detector` exists. */
function forwardsFindings(template: Parameters<Check['evaluate']>[0], rule: TemplateResource, detector: TemplateResource): boolean {
  const properties = rule.Properties ?? {};
  const pattern = properties.EventPattern ?? {};
  const detailTypes = asList<string>(pattern['detail-type']);
  return [undefined, 'default'].includes(properties.EventBusName)
    && properties.State !== 'DISABLED'
    && (rule.Condition === undefined || rule.Condition === detector.Condition)
    && asList<string>(pattern.source).includes('aws.guardduty')
    && (detailTypes.length === 0 || detailTypes.includes('GuardDuty Finding'))
    && passesHighFindings(pattern.detail?.severity)
    && asList<any>(properties.Targets).some((target) => referencesType(template, target?.Arn, 'AWS::SNS::Topic'));
}

/**
 * Every GuardDuty detector's findings (at least High and Critical) reach a notification topic of the
 * template through an enabled rule on the default bus that exists whenever the detector does.
 */
export const check: Check = {
  id: 'guardduty-findings-notify-operators',
  title: 'Every GuardDuty detector\'s findings of High severity and above reach an SNS topic of the template through a rule that exists with the detector',
  evaluate(template) {
    const rules = resourcesOfType(template, 'AWS::Events::Rule');
    const evidence = resourcesOfType(template, 'AWS::GuardDuty::Detector').map(([id, detector]) => {
      const forwarding = rules.filter(([, rule]) => forwardsFindings(template, rule, detector)).map(([ruleId]) => ruleId);
      return observe(id, 'rules sending findings to a topic', forwarding, forwarding.length > 0);
    });
    return verdict(evidence, 'the template has no GuardDuty detector');
  },
};
