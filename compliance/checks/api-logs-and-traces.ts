import { Check, observe, verdict } from '../lib/check';
import { asList, resourcesOfType } from '../../product/cloudformation';

/** Every API Gateway stage writes access logs and execution logs for all methods, and traces requests. */
export const check: Check = {
  id: 'api-logs-and-traces',
  title: 'Every API stage writes access logs, execution logs for all methods, and X-Ray traces',
  evaluate(template) {
    const evidence = resourcesOfType(template, 'AWS::ApiGateway::Stage').flatMap(([id, stage]) => {
      const all = asList(stage.Properties?.MethodSettings).find((s: any) => s?.HttpMethod === '*' && s?.ResourcePath === '/*');
      return [
        observe(id, 'AccessLogSetting.DestinationArn', stage.Properties?.AccessLogSetting?.DestinationArn, stage.Properties?.AccessLogSetting?.DestinationArn !== undefined),
        observe(id, 'MethodSettings[*].LoggingLevel', all?.LoggingLevel, ['INFO', 'ERROR'].includes(all?.LoggingLevel)),
        observe(id, 'TracingEnabled', stage.Properties?.TracingEnabled, stage.Properties?.TracingEnabled === true),
      ];
    });
    return verdict(evidence, 'the template has no API stage');
  },
};
