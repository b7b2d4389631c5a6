import { Check, observe, verdict } from '../lib/check';
import { referenceTarget, resourcesOfType } from '../../product/cloudformation';

/** The longest a database password may live before it is rotated. */
export const MAXIMUM_ROTATION_DAYS = 90;

function rotationDays(schedule: any): number | undefined {
  const rate = /^rate\((\d+) days?\)$/.exec(schedule?.RotationRules?.ScheduleExpression ?? '');
  if (rate) return Number(rate[1]);
  return schedule?.RotationRules?.AutomaticallyAfterDays;
}

/** The database's master credentials live in Secrets Manager and rotate at least every 90 days. */
export const check: Check = {
  id: 'database-credentials-rotate',
  title: `Every secret attached to a database rotates at least every ${MAXIMUM_ROTATION_DAYS} days`,
  evaluate(template) {
    const schedules = resourcesOfType(template, 'AWS::SecretsManager::RotationSchedule');
    const evidence = resourcesOfType(template, 'AWS::SecretsManager::SecretTargetAttachment').map(([id]) => {
      const schedule = schedules.find(([, s]) => referenceTarget(s.Properties?.SecretId) === id);
      const days = rotationDays(schedule?.[1].Properties);
      return observe(schedule?.[0] ?? id, 'RotationRules', schedule?.[1].Properties?.RotationRules, days !== undefined && days <= MAXIMUM_ROTATION_DAYS);
    });
    return verdict(evidence, 'the template attaches no secret to a database');
  },
};
