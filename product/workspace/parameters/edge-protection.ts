import { CfnParameter } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { LaunchWizard } from '../../shared/launch-wizard';
import { WizardGroup } from './wizard-group';

/** The launch wizard's "Edge protection and threat detection (optional)" group: the API's web ACL and GuardDuty. */
export class EdgeProtectionParameters {
  /** `EnableWaf`: true puts a web ACL on the API stage. */
  readonly enableWaf: CfnParameter;
  /** `WafRateLimit`: requests per IP address and 5 minutes before the web ACL blocks it. */
  readonly wafRateLimit: CfnParameter;
  /** `EnableGuardDuty`: true creates a GuardDuty detector. */
  readonly enableGuardDuty: CfnParameter;

  constructor(scope: Construct, wizard: LaunchWizard) {
    const group = new WizardGroup(wizard, scope, 'Edge protection and threat detection (optional)');
    this.enableWaf = group.flag('EnableWaf',
      'AWS WAF web ACL in front of the API (optional, billed per ACL, rule and request)', 'false',
      'true puts a WAF web ACL on the API stage: AWS managed rules (common exploits, known bad inputs, IP reputation) and a per-IP rate limit, logging to an encrypted log group; off by default because WAF is billed monthly per ACL and rule and per million requests.');
    this.wafRateLimit = group.parameter('WafRateLimit', {
      label: 'Requests one IP address may send in 5 minutes before AWS WAF blocks it', type: 'Number',
      default: 2000, minValue: 100, maxValue: 2000000000,
      description: 'The rate-based rule of the web ACL blocks an IP address above this many requests per 5-minute window (only with EnableWaf).',
    });
    this.enableGuardDuty = group.flag('EnableGuardDuty',
      'Amazon GuardDuty detector (optional; only if this account and Region have none)', 'false',
      'true turns on GuardDuty threat detection in this account and Region. Off by default: an account can have only one detector per Region, so the stack fails if GuardDuty is already on (for example through AWS Organizations).');
  }
}
