import { Check, observe, verdict } from '../lib/check';
import { asList, resourcesOfType } from '../../product/cloudformation';

/** A principal other than an AWS service or Cognito federated identities: an account, a user or anyone. */
function isServiceOrIdentityPool(principal: any): boolean {
  const keys = Object.keys(principal ?? {});
  return keys.length > 0 && keys.every((key) => key === 'Service'
    || (key === 'Federated' && asList(principal.Federated).every((f) => f === 'cognito-identity.amazonaws.com')));
}

/** Every role can be assumed only by an AWS service or, with conditions, by signed-in users of the identity pool. */
export const check: Check = {
  id: 'iam-roles-trust-services',
  title: 'Every IAM role trusts only AWS services or the Cognito identity pool, never an account, user or anyone',
  evaluate(template) {
    const evidence = resourcesOfType(template, 'AWS::IAM::Role').flatMap(([id, role]) => asList(role.Properties?.AssumeRolePolicyDocument?.Statement)
      .filter((statement: any) => statement?.Effect === 'Allow')
      .map((statement: any) => {
        const federated = statement.Principal?.Federated !== undefined;
        const scoped = !federated || statement.Condition?.StringEquals?.['cognito-identity.amazonaws.com:aud'] !== undefined;
        return observe(id, 'AssumeRolePolicyDocument.Principal', statement.Principal, isServiceOrIdentityPool(statement.Principal) && scoped);
      }));
    return verdict(evidence, 'the template has no IAM role');
  },
};
