import { Check, observe, verdict } from '../lib/check';
import { resourcesOfType } from '../../product/cloudformation';

/** Every DynamoDB table has time to live on, so records with an expiry are deleted when they are no longer needed. */
export const check: Check = {
  id: 'table-records-expire',
  title: 'Every DynamoDB table deletes expired records (time to live enabled on an attribute)',
  evaluate(template) {
    const evidence = resourcesOfType(template, 'AWS::DynamoDB::Table').map(([id, table]) => {
      const ttl = table.Properties?.TimeToLiveSpecification;
      return observe(id, 'TimeToLiveSpecification', ttl, ttl?.Enabled === true && typeof ttl?.AttributeName === 'string' && ttl.AttributeName !== '');
    });
    return verdict(evidence, 'the template has no DynamoDB table');
  },
};
