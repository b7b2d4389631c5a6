import { Check, observe, verdict } from '../lib/check';
import { resourcesOfType } from '../../product/cloudformation';

/** Every CloudTrail trail records API calls in every Region, including global services, and sends them to CloudWatch Logs. */
export const check: Check = {
  id: 'audit-trail-covers-account',
  title: 'Every CloudTrail trail is logging, multi-Region, includes global service events and delivers to CloudWatch Logs',
  evaluate(template) {
    const evidence = resourcesOfType(template, 'AWS::CloudTrail::Trail').flatMap(([id, trail]) => {
      const properties = trail.Properties ?? {};
      return [
        observe(id, 'IsLogging', properties.IsLogging, properties.IsLogging === true),
        observe(id, 'IsMultiRegionTrail', properties.IsMultiRegionTrail, properties.IsMultiRegionTrail === true),
        observe(id, 'IncludeGlobalServiceEvents', properties.IncludeGlobalServiceEvents, properties.IncludeGlobalServiceEvents === true),
        observe(id, 'CloudWatchLogsLogGroupArn', properties.CloudWatchLogsLogGroupArn, properties.CloudWatchLogsLogGroupArn !== undefined),
      ];
    });
    return verdict(evidence, 'the template has no CloudTrail trail');
  },
};
