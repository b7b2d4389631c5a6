import { Check, observe, verdict } from '../lib/check';
import { asList, referencedOfType, resourcesOfType } from '../../product/cloudformation';

/**
 * Every Step Functions state machine logs every event of every execution with its data (so approval
 * decisions and their authors are recorded) to a log group of the template, and traces with X-Ray.
 */
export const check: Check = {
  id: 'automations-log-every-step',
  title: 'Every state machine logs ALL events with execution data to a log group of the template, and is traced',
  evaluate(template) {
    const evidence = resourcesOfType(template, 'AWS::StepFunctions::StateMachine').flatMap(([id, machine]) => {
      const logging = machine.Properties?.LoggingConfiguration;
      const groups = asList<any>(logging?.Destinations)
        .flatMap((d) => referencedOfType(template, d?.CloudWatchLogsLogGroup?.LogGroupArn, 'AWS::Logs::LogGroup'));
      return [
        observe(id, 'LoggingConfiguration.Level', logging?.Level, logging?.Level === 'ALL'),
        observe(id, 'LoggingConfiguration.IncludeExecutionData', logging?.IncludeExecutionData, logging?.IncludeExecutionData === true),
        observe(id, 'LoggingConfiguration.Destinations (log groups)', groups, groups.length > 0),
        observe(id, 'TracingConfiguration.Enabled', machine.Properties?.TracingConfiguration?.Enabled, machine.Properties?.TracingConfiguration?.Enabled === true),
      ];
    });
    return verdict(evidence, 'the template has no state machine');
  },
};
