import { Check, observe, verdict } from '../lib/check';
import { resourcesOfType } from '../../product/cloudformation';

/** Every API method except CORS preflight requires a signed-in user of the Cognito user pool. */
export const check: Check = {
  id: 'api-methods-require-sign-in',
  title: 'Every API method other than OPTIONS requires a Cognito user pool sign-in',
  evaluate(template) {
    const evidence = resourcesOfType(template, 'AWS::ApiGateway::Method')
      .filter(([, method]) => method.Properties?.HttpMethod !== 'OPTIONS')
      .map(([id, method]) => observe(id, 'AuthorizationType', method.Properties?.AuthorizationType, method.Properties?.AuthorizationType === 'COGNITO_USER_POOLS'));
    return verdict(evidence, 'the template has no API method');
  },
};
