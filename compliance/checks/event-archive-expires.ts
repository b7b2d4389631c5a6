import { Check, observe, verdict } from '../lib/check';
import { resourcesOfType, valueRange } from '../../product/cloudformation';

/** Every EventBridge archive deletes events after a set number of days (0 or none keeps them forever). */
export const check: Check = {
  id: 'event-archive-expires',
  title: 'Every event archive keeps events for a set number of days, not indefinitely',
  evaluate(template) {
    const evidence = resourcesOfType(template, 'AWS::Events::Archive').map(([id, archive]) => {
      const { lowest } = valueRange(template, archive.Properties?.RetentionDays);
      return observe(id, 'RetentionDays', archive.Properties?.RetentionDays, lowest !== undefined && lowest > 0);
    });
    return verdict(evidence, 'the template has no event archive');
  },
};
