import { Check, observe, verdict } from '../lib/check';
import { asList } from '../../product/cloudformation';
import { identityPolicyStatements } from '../lib/policy-statements';

/** `*` or `service:*`: every action, or every action of a service. */
const WILDCARD = /^(\*|[a-z0-9-]+:\*)$/i;

/** No identity policy allows every action, or every action of a service. */
export const check: Check = {
  id: 'iam-no-wildcard-actions',
  title: 'No IAM policy allows "*" or "service:*" actions',
  evaluate(template) {
    const evidence = identityPolicyStatements(template)
      .filter(({ statement }) => statement.Effect === 'Allow')
      .map(({ resource, statement }) => {
        const actions = asList(statement.Action ?? statement.NotAction);
        const ok = statement.NotAction === undefined && actions.every((action) => typeof action !== 'string' || !WILDCARD.test(action));
        return observe(resource, statement.NotAction === undefined ? 'Statement.Action' : 'Statement.NotAction', actions, ok);
      });
    return verdict(evidence, 'the template has no IAM policy');
  },
};
