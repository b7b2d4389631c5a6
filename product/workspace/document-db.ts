import { CfnCondition, Duration, Fn, RemovalPolicy, Token } from 'aws-cdk-lib';
import * as docdb from 'aws-cdk-lib/aws-docdb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { acceptNagFinding } from '../shared/policy-exceptions';
import { Construct } from 'constructs';
import { MAX_DOCUMENTDB_INSTANCES } from './parameters/data-stores';
import { uniqueName } from './private/stack-suffix';


/** Props of {@link WorkspaceDocumentDb}. */
export interface WorkspaceDocumentDbProps {
  /** The instance class of every instance (DocumentDbInstanceClass). */
  readonly instanceClass: string;
  /**
   * `instanceConditions[n]` (1 <= n < {@link MAX_DOCUMENTDB_INSTANCES}): the condition instance n + 1 exists
   * under, that the buyer asked for more than n instances; the first instance always exists.
   */
  readonly instanceConditions: Record<number, CfnCondition>;
  /** Days of automated backups kept for point-in-time restore (DocumentDbBackupRetentionDays). */
  readonly backupRetentionDays: number;
  /** Days the audit, profiler and rotation log groups keep events: the LogRetentionDays parameter's value. */
  readonly logRetentionDays: number;
  readonly key: kms.IKey;
  readonly logsKey: kms.IKey;
  readonly vpc: ec2.IVpc;
  readonly databaseSubnetIds: string[];
  readonly securityGroup: ec2.ISecurityGroup;
}

/**
 * The DocumentDB cluster (seed guide: bot definitions, integration configuration, audit logs): encrypted
 * with the DocumentDB key, TLS enforced by its cluster parameter group, audit and profiler logs exported
 * to encrypted log groups with retention, automated backups, in the database subnets, with master
 * credentials generated into Secrets Manager and rotated every 30 days. A snapshot is taken if the
 * cluster is ever deleted or replaced.
 */
export class WorkspaceDocumentDb extends Construct {
  readonly cluster: docdb.CfnDBCluster;
  readonly instances: docdb.CfnDBInstance[];
  readonly masterSecret: secretsmanager.ISecret;
  readonly auditLogGroups: logs.CfnLogGroup[];
  private readonly attachment: secretsmanager.SecretTargetAttachment;

  constructor(scope: Construct, id: string, props: WorkspaceDocumentDbProps) {
    super(scope, id);
    const clusterIdentifier = uniqueName('workspace');
    const retentionInDays = props.logRetentionDays;

    const secret = new secretsmanager.Secret(this, 'MasterSecret', {
      description: 'Master user of the workspace DocumentDB cluster (rotated every 30 days).',
      encryptionKey: props.key,
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ username: 'workspaceadmin' }),
        generateStringKey: 'password',
        passwordLength: 32,
        // DocumentDB rejects these in a master password.
        excludeCharacters: '"@/\\\'',
      },
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const parameterGroup = new docdb.CfnDBClusterParameterGroup(this, 'ParameterGroup', {
      description: 'Workspace DocumentDB: TLS required, audit and profiler logs on.',
      family: 'docdb5.0',
      parameters: { tls: 'enabled', audit_logs: 'enabled', profiler: 'enabled', profiler_threshold_ms: '100', ttl_monitor: 'enabled' },
    });
    const subnetGroup = new docdb.CfnDBSubnetGroup(this, 'SubnetGroup', {
      dbSubnetGroupDescription: 'Workspace database subnets (no route to the internet).',
      subnetIds: props.databaseSubnetIds,
    });

    // DocumentDB creates /aws/docdb/<cluster>/<type> itself, unencrypted and kept forever, unless the
    // groups exist first; creating them here puts them under the logs key and the retention parameter.
    this.auditLogGroups = ['audit', 'profiler'].map((type) => {
      const group = new logs.CfnLogGroup(this, `${type === 'audit' ? 'Audit' : 'Profiler'}LogGroup`, {
        logGroupName: Fn.join('', ['/aws/docdb/', clusterIdentifier, `/${type}`]),
        kmsKeyId: props.logsKey.keyArn,
        retentionInDays,
      });
      group.applyRemovalPolicy(RemovalPolicy.RETAIN);
      return group;
    });

    this.cluster = new docdb.CfnDBCluster(this, 'Cluster', {
      dbClusterIdentifier: clusterIdentifier,
      engineVersion: '5.0.0',
      masterUsername: secret.secretValueFromJson('username').unsafeUnwrap(),
      masterUserPassword: secret.secretValueFromJson('password').unsafeUnwrap(),
      storageEncrypted: true,
      kmsKeyId: props.key.keyArn,
      dbClusterParameterGroupName: parameterGroup.ref,
      dbSubnetGroupName: subnetGroup.ref,
      vpcSecurityGroupIds: [props.securityGroup.securityGroupId],
      backupRetentionPeriod: props.backupRetentionDays,
      preferredBackupWindow: '03:00-04:00',
      preferredMaintenanceWindow: 'sun:04:30-sun:05:30',
      enableCloudwatchLogsExports: ['audit', 'profiler'],
      deletionProtection: true,
      copyTagsToSnapshot: true,
    });
    this.cluster.applyRemovalPolicy(RemovalPolicy.SNAPSHOT);
    this.acceptNagFindings();
    this.auditLogGroups.forEach((group) => this.cluster.addResourceDependency(group));

    this.instances = Array.from({ length: MAX_DOCUMENTDB_INSTANCES }, (_, index) => {
      const instance = new docdb.CfnDBInstance(this, `Instance${index + 1}`, {
        dbClusterIdentifier: this.cluster.ref,
        dbInstanceClass: props.instanceClass,
        autoMinorVersionUpgrade: true,
        preferredMaintenanceWindow: 'sun:04:30-sun:05:30',
      });
      if (index > 0) instance.cfnOptions.condition = props.instanceConditions[index];
      return instance;
    });

    const attachment = new secretsmanager.SecretTargetAttachment(this, 'MasterSecretAttachment', {
      secret,
      target: {
        asSecretAttachmentTarget: () => ({
          targetId: this.cluster.ref,
          targetType: secretsmanager.AttachmentTargetType.DOCDB_DB_CLUSTER,
        }),
      },
    });
    this.masterSecret = attachment;
    this.attachment = attachment;
  }

  private acceptNagFindings(): void {
    acceptNagFinding(this.cluster, 'AwsSolutions-DOC2',
      'DocumentDB listens on its standard port, which drivers expect; only the app tier\'s security group reaches it, in subnets without an internet route, so another port would hide nothing.');
    acceptNagFinding(this.cluster, 'AwsSolutions-DOC3',
      'The master username and password are dynamic references ({{resolve:secretsmanager:...}}) to the generated secret, which rotates every 30 days; cdk-nag does not read the reference inside Fn::Join.');
    acceptNagFinding(this.cluster, 'AwsSolutions-DOC4',
      'Backup retention is the DocumentDbBackupRetentionDays parameter, 7 to 35 days, 35 by default (tested); cdk-nag cannot compare a parameter reference.');
    for (const event of ['authenticate', 'createIndex', 'dropCollection']) {
      acceptNagFinding(this.cluster, `AwsSolutions-DOC5[LogExport::${event}]`,
        `DocumentDB exports the log types "audit" and "profiler", both exported; the audit log records ${event} events because the parameter group enables audit_logs.`);
    }
  }

  /** The cluster's endpoint for applications. */
  get endpoint(): string {
    return this.cluster.attrEndpoint;
  }

  /** The cluster's port, as a string. */
  get port(): string {
    return Token.asString(this.cluster.attrPort);
  }

  /**
   * Rotates the master secret every 30 days with `rotation` (services/secret-rotation), once the
   * instances it signs in to exist; the schedule lets Secrets Manager invoke it and grants it the secret.
   */
  rotateWith(rotation: lambda.IFunction): void {
    const schedule = this.attachment.addRotationSchedule('Rotation', { automaticallyAfter: Duration.days(30), rotationLambda: rotation });
    const cfnSchedule = schedule.node.defaultChild as secretsmanager.CfnRotationSchedule;
    this.instances.forEach((instance) => {
      if (!instance.cfnOptions.condition) cfnSchedule.addResourceDependency(instance);
    });
  }
}
