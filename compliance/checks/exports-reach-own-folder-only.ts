import { Check, observe, verdict } from '../lib/check';
import { asList, referenceTarget, resourcesOfType } from '../../product/cloudformation';
import { identityPolicyStatements } from '../lib/policy-statements';

const OWN_FOLDER = '${cognito-identity.amazonaws.com:sub}';

/**
 * Signed-in users reach exports in the import/export bucket (their data, portable) only under their own
 * identity's folder: every statement of the identity pool's roles on a bucket is scoped to that folder.
 */
export const check: Check = {
  id: 'exports-reach-own-folder-only',
  title: "The identity pool's roles reach only the signed-in user's own folder of a bucket",
  evaluate(template) {
    const roles = resourcesOfType(template, 'AWS::Cognito::IdentityPoolRoleAttachment')
      .flatMap(([, attachment]) => Object.values(attachment.Properties?.Roles ?? {}).map(referenceTarget));
    const policies = resourcesOfType(template, 'AWS::IAM::Policy')
      .filter(([, policy]) => asList(policy.Properties?.Roles).some((role) => roles.includes(referenceTarget(role))))
      .map(([id]) => id);
    const evidence = identityPolicyStatements(template)
      .filter(({ resource }) => policies.includes(resource) || roles.includes(resource))
      .filter(({ statement }) => asList(statement.Action).some((action) => String(action).startsWith('s3:')))
      .map(({ resource, statement }) => observe(resource, 'Statement.Resource / Condition', statement.Resource,
        JSON.stringify(statement.Resource).includes(OWN_FOLDER) || JSON.stringify(statement.Condition ?? {}).includes(OWN_FOLDER)));
    return verdict(evidence, 'no identity pool role reaches a bucket');
  },
};
