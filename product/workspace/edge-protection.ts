import { Aws, CfnCondition, Fn, RemovalPolicy } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { onlyIf } from './private/only-if';
import { stackSuffix } from './private/stack-suffix';

/** The AWS managed rule groups the web ACL applies, in priority order. */
export const MANAGED_RULE_GROUPS = [
  'AWSManagedRulesAmazonIpReputationList',
  'AWSManagedRulesCommonRuleSet',
  'AWSManagedRulesKnownBadInputsRuleSet',
];

/** Props of {@link WorkspaceEdgeProtection}. */
export interface WorkspaceEdgeProtectionProps {
  /** The condition the web ACL exists under (WafEnabled). */
  readonly condition: CfnCondition;
  /** Requests one IP address may send in 5 minutes before the web ACL blocks it (WafRateLimit). */
  readonly rateLimit: number;
  /** The API stage the web ACL protects. */
  readonly stage: apigateway.Stage;
  /** Encrypts the WAF log group. */
  readonly logsKey: kms.IKey;
  /** Days the WAF log group keeps events: the LogRetentionDays parameter's value. */
  readonly logRetentionDays: number;
}

/**
 * Edge protection of the API (seed 002): a regional AWS WAF web ACL on the API stage with the AWS
 * managed rule groups for IP reputation, common exploits and known bad inputs, and a per-IP rate
 * limit; its logs go to an encrypted log group. Created only under the WafEnabled condition.
 */
export class WorkspaceEdgeProtection extends Construct {
  readonly webAcl: wafv2.CfnWebACL;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: WorkspaceEdgeProtectionProps) {
    super(scope, id);
    const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty =>
      ({ cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName });
    const managed = MANAGED_RULE_GROUPS.map((name, priority): wafv2.CfnWebACL.RuleProperty => ({
      name, priority,
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
      overrideAction: { none: {} },
      visibilityConfig: visibility(name),
    }));
    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      description: 'Protects the workspace API: AWS managed rules and a per-IP rate limit.',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('WorkspaceApi'),
      rules: [...managed, {
        name: 'RateLimitPerIp',
        priority: managed.length,
        statement: { rateBasedStatement: { limit: props.rateLimit, aggregateKeyType: 'IP' } },
        action: { block: {} },
        visibilityConfig: visibility('RateLimitPerIp'),
      }],
    });
    new wafv2.CfnWebACLAssociation(this, 'ApiStageAssociation', {
      resourceArn: props.stage.stageArn,
      webAclArn: this.webAcl.attrArn,
    });
    // WAF writes only to log groups whose name starts with aws-waf-logs-.
    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      logGroupName: Fn.join('', ['aws-waf-logs-workspace-', stackSuffix()]),
      encryptionKey: props.logsKey,
      retention: props.logRetentionDays as logs.RetentionDays,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new wafv2.CfnLoggingConfiguration(this, 'Logging', {
      resourceArn: this.webAcl.attrArn,
      // WAF takes the log group ARN without the trailing :* that Fn::GetAtt Arn carries.
      logDestinationConfigs: [`arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:${this.logGroup.logGroupName}`],
      redactedFields: [{ singleHeader: { Name: 'authorization' } }],
    });
    onlyIf(props.condition, this);
  }
}
