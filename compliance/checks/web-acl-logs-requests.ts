import { Check, observe, verdict } from '../lib/check';
import { asList, referencedOfType, resourcesOfType } from '../../product/cloudformation';

const redactsAuthorization = (fields: unknown) => asList<any>(fields as any[])
  .some((field) => String(field?.SingleHeader?.Name ?? '').toLowerCase() === 'authorization');

/**
 * Every WAF web ACL logs its requests to a log group of the template (so the log groups' encryption and
 * retention apply), without the authorization header, which carries users' tokens.
 */
export const check: Check = {
  id: 'web-acl-logs-requests',
  title: 'Every web ACL logs requests to a log group of the template, with the authorization header redacted',
  evaluate(template) {
    const configurations = resourcesOfType(template, 'AWS::WAFv2::LoggingConfiguration');
    const evidence = resourcesOfType(template, 'AWS::WAFv2::WebACL').flatMap(([id]) => {
      const logging = configurations.find(([, c]) => referencedOfType(template, c.Properties?.ResourceArn, 'AWS::WAFv2::WebACL').includes(id));
      if (!logging) return [observe(id, 'logging configuration', null, false)];
      const [loggingId, { Properties: properties }] = logging;
      const groups = referencedOfType(template, properties?.LogDestinationConfigs, 'AWS::Logs::LogGroup');
      return [
        observe(loggingId, 'LogDestinationConfigs (log groups)', groups, groups.length > 0),
        observe(loggingId, 'RedactedFields', properties?.RedactedFields, redactsAuthorization(properties?.RedactedFields)),
      ];
    });
    return verdict(evidence, 'the template has no web ACL');
  },
};
