import { CfnParameter } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { LaunchWizard } from '../../shared/launch-wizard';
import { OPTIONAL_HTTPS_URL } from './formats';
import { WizardGroup } from './wizard-group';

/** The retention periods CloudWatch Logs accepts, in days, from one year up (logs are security evidence). */
export const LOG_RETENTION_DAYS = ['365', '400', '545', '731', '1096', '1827', '2192', '2557', '2922', '3288', '3653'];

/** The launch wizard's "Monitoring, notifications and audit" group: who is notified, how long logs are kept, the optional trail. */
export class MonitoringParameters {
  /** `NotificationEmail`. */
  readonly notificationEmail: CfnParameter;
  /** `NotificationWebhookUrl`: empty for email only. */
  readonly notificationWebhookUrl: CfnParameter;
  /** `LogRetentionDays`: one of {@link LOG_RETENTION_DAYS}, for every workspace log group. */
  readonly logRetentionDays: CfnParameter;
  /** `EnableCloudTrail`: true creates the audit trail. */
  readonly enableCloudTrail: CfnParameter;

  constructor(scope: Construct, wizard: LaunchWizard) {
    const group = new WizardGroup(wizard, scope, 'Monitoring, notifications and audit');
    this.notificationEmail = group.parameter('NotificationEmail', {
      label: 'Email address for alarms and failure notifications', type: 'String',
      allowedPattern: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$', constraintDescription: 'must be an email address',
      description: 'Receives alarm and workflow failure notifications (confirm the subscription email AWS sends).',
    });
    this.notificationWebhookUrl = group.parameter('NotificationWebhookUrl', {
      label: 'HTTPS webhook for notifications (optional)', type: 'String', default: '', ...OPTIONAL_HTTPS_URL,
      description: 'Leave empty for email only, or an https:// endpoint that receives the same notifications.',
    });
    this.logRetentionDays = group.parameter('LogRetentionDays', {
      label: 'Log retention (days)', type: 'Number', default: '365', allowedValues: LOG_RETENTION_DAYS,
      description: 'Days every workspace log group keeps its events.',
    });
    this.enableCloudTrail = group.flag('EnableCloudTrail',
      'AWS CloudTrail trail for API audit logging (optional, recommended)', 'true',
      'true creates a multi-Region CloudTrail trail with log file validation into an encrypted bucket; false relies on a trail you already have.');
  }
}
