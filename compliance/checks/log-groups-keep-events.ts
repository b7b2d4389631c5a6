import { Check, observe, verdict } from '../lib/check';
import { resourcesOfType, valueRange } from '../../product/cloudformation';

/** The shortest retention the audit evidence may have: a year, as AWS Control Tower (CT.CLOUDWATCH.PR.2) asks. */
export const MINIMUM_RETENTION_DAYS = 365;

/**
 * Every log group keeps events for a bounded period of at least a year: never forever (storage
 * limitation) and never less than the audit evidence needs.
 */
export const check: Check = {
  id: 'log-groups-keep-events',
  title: `Every log group keeps events for a set period of at least ${MINIMUM_RETENTION_DAYS} days, not forever`,
  evaluate(template) {
    const evidence = resourcesOfType(template, 'AWS::Logs::LogGroup').map(([id, group]) => {
      const retention = group.Properties?.RetentionInDays;
      const { lowest, highest } = valueRange(template, retention);
      return observe(id, 'RetentionInDays', retention, lowest !== undefined && lowest >= MINIMUM_RETENTION_DAYS && highest !== undefined);
    });
    return verdict(evidence, 'the template has no log group');
  },
};
