import { Check, observe, verdict } from '../lib/check';
import { resourcesOfType } from '../../product/cloudformation';

/** Security policies of API Gateway that accept TLS 1.2 and later only. */
const TLS12_OR_LATER = /^(TLS_1_2|SecurityPolicy_TLS1[23]_)/;

/** Every REST API negotiates TLS 1.2 or later, and only through its own endpoint type (strict access mode). */
export const check: Check = {
  id: 'api-requires-modern-tls',
  title: 'Every REST API accepts TLS 1.2 or later only',
  evaluate(template) {
    const evidence = resourcesOfType(template, 'AWS::ApiGateway::RestApi', 'AWS::ApiGateway::DomainName')
      .map(([id, api]) => observe(id, 'SecurityPolicy', api.Properties?.SecurityPolicy, TLS12_OR_LATER.test(String(api.Properties?.SecurityPolicy ?? ''))));
    return verdict(evidence, 'the template has no REST API');
  },
};
