import { Check, observe, verdict } from '../lib/check';
import { asList, resourcesOfType } from '../../product/cloudformation';

/** Frequencies at which updates of findings reach the account within the hour (the default is six hours; new findings go out within minutes). */
const TIMELY = ['FIFTEEN_MINUTES', 'ONE_HOUR'];

function protectsS3(properties: Record<string, any> | undefined): boolean {
  const feature = asList<any>(properties?.Features).find((f) => f?.Name === 'S3_DATA_EVENTS');
  return feature ? feature.Status === 'ENABLED' : properties?.DataSources?.S3Logs?.Enable === true;
}

/** Every GuardDuty detector is enabled, publishes finding updates at least hourly and analyses S3 data events. */
export const check: Check = {
  id: 'threat-detection-enabled',
  title: 'Every GuardDuty detector is enabled, publishes finding updates at least hourly and has S3 protection',
  evaluate(template) {
    const evidence = resourcesOfType(template, 'AWS::GuardDuty::Detector').flatMap(([id, detector]) => {
      const properties = detector.Properties;
      return [
        observe(id, 'Enable', properties?.Enable, properties?.Enable === true || properties?.Enable === 'true'),
        observe(id, 'FindingPublishingFrequency', properties?.FindingPublishingFrequency, TIMELY.includes(properties?.FindingPublishingFrequency)),
        observe(id, 'S3 protection (S3_DATA_EVENTS or DataSources.S3Logs)', protectsS3(properties), protectsS3(properties)),
      ];
    });
    return verdict(evidence, 'the template has no GuardDuty detector');
  },
};
