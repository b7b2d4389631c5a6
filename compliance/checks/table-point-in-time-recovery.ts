import { Check, observe, verdict } from '../lib/check';
import { resourcesOfType } from '../../product/cloudformation';

/** Every DynamoDB table keeps continuous backups (point-in-time recovery) and cannot be deleted by accident. */
export const check: Check = {
  id: 'table-point-in-time-recovery',
  title: 'Every DynamoDB table has point-in-time recovery and deletion protection on',
  evaluate(template) {
    const evidence = resourcesOfType(template, 'AWS::DynamoDB::Table').flatMap(([id, table]) => {
      const pitr = table.Properties?.PointInTimeRecoverySpecification?.PointInTimeRecoveryEnabled;
      return [
        observe(id, 'PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled', pitr, pitr === true),
        observe(id, 'DeletionProtectionEnabled', table.Properties?.DeletionProtectionEnabled, table.Properties?.DeletionProtectionEnabled === true),
      ];
    });
    return verdict(evidence, 'the template has no DynamoDB table');
  },
};
