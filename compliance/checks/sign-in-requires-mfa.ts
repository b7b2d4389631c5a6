import { Check, observe, verdict } from '../lib/check';
import { resourcesOfType } from '../../product/cloudformation';

/** Every Cognito user pool requires multi-factor authentication for every user. */
export const check: Check = {
  id: 'sign-in-requires-mfa',
  title: 'Every Cognito user pool requires multi-factor authentication',
  evaluate(template) {
    const evidence = resourcesOfType(template, 'AWS::Cognito::UserPool')
      .map(([id, pool]) => observe(id, 'MfaConfiguration', pool.Properties?.MfaConfiguration, pool.Properties?.MfaConfiguration === 'ON'));
    return verdict(evidence, 'the template has no user pool');
  },
};
