import { Aws, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { noGrantsExceptForAwsResources } from '../shared/key-grants';
import { workspaceBusArn } from './event-routing';

/** What a key is for, as the seed guide's key table names it. */
export interface WorkspaceKeyPurpose {
  /** The seed's key name, used in the alias (`alias/<stack name>/<name>`). */
  readonly name: string;
  /** The key's description, shown in the KMS console. */
  readonly description: string;
  /** Services (as `<service>.<region>.amazonaws.com`) through which principals of the account may use the key. */
  readonly viaServices: string[];
}

const ADMIN_ACTIONS = [
  'kms:Create*', 'kms:Describe*', 'kms:Enable*', 'kms:List*', 'kms:Put*', 'kms:Update*', 'kms:Revoke*',
  'kms:Disable*', 'kms:Get*', 'kms:Delete*', 'kms:TagResource', 'kms:UntagResource',
  'kms:ScheduleKeyDeletion', 'kms:CancelKeyDeletion', 'kms:RotateKeyOnDemand',
];
const USE_ACTIONS = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'];

const via = (service: string) => `${service}.${Aws.REGION}.amazonaws.com`;

/**
 * The workspace's four customer-managed keys (seed guide, "Encryption Keys"): each with yearly rotation,
 * an alias, and a key policy that lets the account administer it but use it only through the services
 * that store data with it. Keys are retained when the stack is deleted: deleting one would make every
 * backup and snapshot encrypted with it unreadable.
 */
export class WorkspaceKeys extends Construct {
  /** Encrypts the DynamoDB table (workflow metadata, execution history, usage ledger). */
  readonly dynamoDb: kms.IKey;
  /** Encrypts DocumentDB storage and the secrets that belong with it (master user, integration credentials). */
  readonly documentDb: kms.IKey;
  /** Encrypts CloudWatch Logs, the CloudTrail trail, the notification topic and queues, and the workspace event bus and archive. */
  readonly logs: kms.IKey;
  /** Encrypts the bot import/export bucket and the web console's bucket. */
  readonly backupStorage: kms.IKey;
  private readonly policies = new Map<string, iam.PolicyDocument>();

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.dynamoDb = this.key('DynamoDbKey', {
      name: 'DynamoDB-Key', description: 'Encrypts the workspace DynamoDB table at rest.',
      viaServices: [via('dynamodb')],
    });
    this.documentDb = this.key('DocumentDbKey', {
      name: 'DocumentDB-Key',
      description: 'Encrypts the workspace DocumentDB cluster and its secrets at rest.',
      viaServices: [via('rds'), via('secretsmanager')],
    });
    this.logs = this.key('LogsKey', {
      name: 'CloudWatch-Logs',
      description: 'Encrypts workspace log groups, the audit trail, notification topics and queues, and the workspace event bus.',
      viaServices: [via('sns'), via('sqs')],
    });
    this.backupStorage = this.key('BackupStorageKey', {
      name: 'Backup-Storage', description: 'Encrypts the bot import/export bucket and the web console bucket.', viaServices: [via('s3')],
    });
    this.admitLogDelivery();
    this.admitWorkspaceBus();
    this.admitConsoleDistribution();
  }

  private key(id: string, purpose: WorkspaceKeyPurpose): kms.IKey {
    const policy = new iam.PolicyDocument({
      statements: [
        new iam.PolicyStatement({
          sid: 'AccountAdministersKey',
          principals: [new iam.AccountRootPrincipal()],
          actions: ADMIN_ACTIONS,
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          sid: 'AccountUsesKeyThroughOwningServices',
          principals: [new iam.AccountRootPrincipal()],
          actions: USE_ACTIONS,
          resources: ['*'],
          conditions: {
            StringEquals: { 'kms:ViaService': purpose.viaServices, 'kms:CallerAccount': Aws.ACCOUNT_ID },
          },
        }),
        // Services such as DynamoDB and DocumentDB hold grants on the key for their own background work;
        // nobody may create a grant for anything that is not an AWS resource.
        new iam.PolicyStatement({
          sid: 'OwningServicesCreateGrantsForTheirResources',
          principals: [new iam.AccountRootPrincipal()],
          actions: ['kms:CreateGrant'],
          resources: ['*'],
          conditions: {
            StringEquals: { 'kms:ViaService': purpose.viaServices, 'kms:CallerAccount': Aws.ACCOUNT_ID },
            Bool: { 'kms:GrantIsForAWSResource': 'true' },
          },
        }),
        noGrantsExceptForAwsResources(),
      ],
    });
    // The L1 resource, because the L2 Key always adds a statement granting the account kms:* on top of
    // the given policy, which would let any IAM principal decrypt outside the owning service.
    const key = new kms.CfnKey(this, id, {
      description: purpose.description,
      enableKeyRotation: true,
      keyPolicy: policy,
    });
    key.applyRemovalPolicy(RemovalPolicy.RETAIN);
    new kms.CfnAlias(this, `${id}Alias`, {
      aliasName: `alias/${Aws.STACK_NAME}/${purpose.name}`,
      targetKeyId: key.ref,
    });
    this.policies.set(purpose.name, policy);
    return kms.Key.fromKeyArn(this, `${id}Reference`, key.attrArn);
  }

  /**
   * CloudWatch Logs, CloudTrail, CloudWatch alarms and EventBridge rules encrypt with the logs key as themselves, not
   * through an IAM principal of the account, so the key policy names them; each is confined to this
   * account's resources by the encryption context or source account.
   */
  private admitLogDelivery(): void {
    const logsPolicy = this.policies.get('CloudWatch-Logs')!;
    logsPolicy.addStatements(new iam.PolicyStatement({
      sid: 'CloudWatchLogsEncryptsThisAccountsLogGroups',
      principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
      actions: USE_ACTIONS,
      resources: ['*'],
      conditions: {
        ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:*` },
      },
    }));
    logsPolicy.addStatements(new iam.PolicyStatement({
      sid: 'CloudTrailEncryptsThisAccountsTrails',
      principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
      actions: ['kms:GenerateDataKey*', 'kms:DescribeKey'],
      resources: ['*'],
      conditions: {
        StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
        StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:${Aws.PARTITION}:cloudtrail:*:${Aws.ACCOUNT_ID}:trail/*` },
      },
    }));
    logsPolicy.addStatements(new iam.PolicyStatement({
      sid: 'AlarmsPublishToEncryptedTopic',
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
    }));
    logsPolicy.addStatements(new iam.PolicyStatement({
      sid: 'EventRulesPublishToEncryptedTopic',
      principals: [new iam.ServicePrincipal('events.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
    }));
  }

  /**
   * EventBridge encrypts the workspace bus's events and archive with the logs key as itself (AWS docs:
   * "Authorizing EventBridge to use a customer managed key", "Encrypting archives"). Its data key
   * operations are bound to this one bus by the encryption context EventBridge always sends, and to this
   * account. DescribeKey, which reveals only the key's metadata (EventBridge checks that it is symmetric),
   * carries no encryption context and is granted as the AWS docs grant it, without conditions.
   */
  private admitWorkspaceBus(): void {
    const logsPolicy = this.policies.get('CloudWatch-Logs')!;
    logsPolicy.addStatements(new iam.PolicyStatement({
      sid: 'EventBridgeChecksTheKey',
      principals: [new iam.ServicePrincipal('events.amazonaws.com')],
      actions: ['kms:DescribeKey'],
      resources: ['*'],
    }));
    logsPolicy.addStatements(new iam.PolicyStatement({
      sid: 'EventBridgeEncryptsTheWorkspaceBus',
      principals: [new iam.ServicePrincipal('events.amazonaws.com')],
      actions: ['kms:GenerateDataKey', 'kms:Decrypt', 'kms:ReEncrypt*'],
      resources: ['*'],
      conditions: {
        StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID, 'kms:EncryptionContext:aws:events:event-bus:arn': workspaceBusArn() },
      },
    }));
  }

  /**
   * CloudFront reads the console's files through origin access control as itself, so the key policy
   * names it. The distribution's own ARN would make the key depend on the distribution, which depends
   * on the bucket and so on the key: the condition names this account's distributions, and the console
   * bucket's policy admits only the workspace's one.
   */
  private admitConsoleDistribution(): void {
    this.policies.get('Backup-Storage')!.addStatements(new iam.PolicyStatement({
      sid: 'CloudFrontReadsTheConsole',
      principals: [new iam.ServicePrincipal('cloudfront.amazonaws.com')],
      actions: ['kms:Decrypt'],
      resources: ['*'],
      conditions: { ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:cloudfront::${Aws.ACCOUNT_ID}:distribution/*` } },
    }));
  }
}
