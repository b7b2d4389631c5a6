import { Check, observe, verdict } from '../lib/check';
import { asList, referencesType, resourcesOfType } from '../../product/cloudformation';

/** Every CloudWatch alarm notifies an SNS topic of the template when it fires, and the topic has a subscriber. */
export const check: Check = {
  id: 'alarms-notify-operators',
  title: 'Every alarm notifies a topic of the template, which has at least one subscription',
  evaluate(template) {
    const subscriptions = resourcesOfType(template, 'AWS::SNS::Subscription');
    const alarms = resourcesOfType(template, 'AWS::CloudWatch::Alarm').map(([id, alarm]) => {
      const actions = asList(alarm.Properties?.AlarmActions);
      return observe(id, 'AlarmActions', actions, alarm.Properties?.ActionsEnabled !== false
        && actions.length > 0 && actions.every((action) => referencesType(template, action, 'AWS::SNS::Topic')));
    });
    const topics = resourcesOfType(template, 'AWS::SNS::Topic').map(([id]) => {
      const subscribers = subscriptions.filter(([, s]) => referencesType(template, s.Properties?.TopicArn, 'AWS::SNS::Topic') && JSON.stringify(s.Properties?.TopicArn).includes(`"${id}"`));
      return observe(id, 'subscriptions', subscribers.map(([s]) => s), subscribers.length > 0);
    });
    return verdict(alarms.length === 0 ? [] : [...alarms, ...topics], 'the template has no alarm');
  },
};
