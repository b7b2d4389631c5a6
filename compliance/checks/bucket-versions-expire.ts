import { Check, observe, verdict } from '../lib/check';
import { asList, resourcesOfType, valueRange } from '../../product/cloudformation';

/** Versioned buckets delete superseded versions after a bounded number of days, so erased data does not linger. */
export const check: Check = {
  id: 'bucket-versions-expire',
  title: 'Every versioned bucket without Object Lock expires superseded object versions after a bounded period',
  evaluate(template) {
    const evidence = resourcesOfType(template, 'AWS::S3::Bucket')
      .filter(([, bucket]) => bucket.Properties?.VersioningConfiguration?.Status === 'Enabled' && bucket.Properties?.ObjectLockEnabled !== true)
      .map(([id, bucket]) => {
        const rule = asList(bucket.Properties?.LifecycleConfiguration?.Rules).find((r: any) => r?.Status === 'Enabled' && r?.NoncurrentVersionExpiration);
        const days = rule?.NoncurrentVersionExpiration?.NoncurrentDays;
        return observe(id, 'LifecycleConfiguration.NoncurrentVersionExpiration.NoncurrentDays', days, valueRange(template, days).highest !== undefined);
      });
    return verdict(evidence, 'the template has no versioned bucket without Object Lock');
  },
};
