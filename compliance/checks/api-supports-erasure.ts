import { Check, observe, verdict } from '../lib/check';
import { resourcesOfType } from '../../product/cloudformation';

/** The API lets a signed-in user delete a stored record (a workflow and what belongs to it) by its ID. */
export const check: Check = {
  id: 'api-supports-erasure',
  title: 'The API offers an authorized DELETE on stored records, so data can be erased on request',
  evaluate(template) {
    const deletes = resourcesOfType(template, 'AWS::ApiGateway::Method').filter(([, method]) => method.Properties?.HttpMethod === 'DELETE');
    const apis = resourcesOfType(template, 'AWS::ApiGateway::RestApi');
    if (apis.length === 0) return verdict([], 'the template has no REST API');
    const evidence = deletes.length === 0
      ? [observe(apis[0][0], 'DELETE method', null, false)]
      : deletes.map(([id, method]) => observe(id, 'HttpMethod / AuthorizationType', [method.Properties?.HttpMethod, method.Properties?.AuthorizationType], method.Properties?.AuthorizationType === 'COGNITO_USER_POOLS'));
    return verdict(evidence, 'the template has no REST API');
  },
};
