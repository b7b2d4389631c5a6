import { Aspects, Aws, CfnOutput, Duration, Fn, Lazy, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { ProductStack } from 'aws-cdk-lib/aws-servicecatalog';
import { Construct } from 'constructs';
import { AgentServiceSettings, WorkspaceAgentServices } from './agent-services';
import { WorkspaceAlarms } from './alarms';
import { WorkspaceApi } from './api';
import { automationFailureRuleArn, WorkspaceApprovalWorkflow } from './approval-workflow';
import { WorkspaceAuditTrail } from './audit-trail';
import { WorkspaceBedrockAccess } from './bedrock-access';
import { SecureBucket } from './buckets';
import { WorkspaceConsoleHosting } from './console-hosting';
import { ConsolePublication } from './console-publication';
import { ClosedDefaultSecurityGroup } from './default-security-group';
import { COMPLIANCE_REPORT_PATH } from '../../services/console-publisher/contract';
import { API_HANDLER_EXPORT_ACTIONS, API_HANDLER_TABLE_ACTIONS, ApiHandlerEnvironment, BOT_EXPORTS_PREFIX } from '../../services/api-handler/contract';
import { DOCUMENTDB_COLLECTIONS } from '../../services/workspace-data/documents/collections';
import { WORKFLOW_EXECUTOR_TABLE_ACTIONS } from '../../services/workflow-executor/contract';
import { WorkspaceDisasterRecovery } from './disaster-recovery';
import { WorkspaceDocumentDb } from './document-db';
import { WorkspaceEdgeProtection } from './edge-protection';
import { WorkspaceEngineService } from './engine-service';
import { workspaceBusName, workspaceBusRuleArns, WorkspaceEventRouting } from './event-routing';
import { WorkspaceGuardedAi } from './guarded-ai';
import { IntegrationCredentials } from './integration-credentials';
import { WorkspaceInterfaceEndpoints } from './interface-endpoints';
import { WorkspaceKeys } from './keys';
import { MeteringSidecar } from './metered-service';
import { SubnetTier, WorkspaceNetwork } from './network';
import { WorkspaceNetworkAcls } from './network-acls';
import { WorkspaceNotifications } from './notifications';
import { WorkspaceImageReferences } from './parameters/engine';
import { WorkspaceParameters } from './parameters/workspace-parameters';
import { IMAGE_NAMES, IMAGES_FILE, pinnedReference, readImagesRecord } from '../images/image-record';
import { attachUnderConditions } from './private/conditional-roles';
import { onlyIf } from './private/only-if';
import { acceptNagFinding } from '../shared/policy-exceptions';
import { ReleaseFiles } from './release-files';
import { RoleBoundary } from './role-boundary';
import { WorkspaceSchedules } from './schedules';
import { WorkspaceSecurityGroups } from './security-groups';
import { WorkspaceSignIn } from './sign-in';
import { WorkspaceTable } from './table';
import { WorkspaceTaskQueue } from './task-queue';
import { guardDutyFindingsRuleArn, WorkspaceThreatDetection } from './threat-detection';
import { WorkspaceFunction } from './workspace-function';

/** The images a version pins (templates/workspace/<version>/images.json), as the template names them. */
export function workspaceImages(version: string): WorkspaceImageReferences {
  const record = readImagesRecord(version);
  if (!record) throw new Error(`templates/workspace/${version}/${IMAGES_FILE} does not exist: npm run synth builds the images and pins them`);
  return { engine: pinnedReference(record, IMAGE_NAMES.engine), meteringSidecar: pinnedReference(record, IMAGE_NAMES.meteringSidecar) };
}

/** Props of {@link WorkspaceStack}. */
export interface WorkspaceStackProps {
  /** The semantic version this template is released as. */
  readonly version: string;
  /** The images the template names. @default - the version's images.json (npm run synth builds them) */
  readonly images?: WorkspaceImageReferences;
}

/**
 * The whole workspace as one Service Catalog product template, launched by buyers with no CDK bootstrap:
 * parameters, keys, network, data stores, compute, API and sign-in, and observability.
 */
export class WorkspaceStack extends ProductStack {
  readonly parameters: WorkspaceParameters;

  constructor(scope: Construct, id: string, props: WorkspaceStackProps) {
    super(scope, id, {
      description: `Automation Workspace ${props.version}: the self-hosted workspace (VPC, ECS Fargate engine, Lambda, DynamoDB, DocumentDB, API Gateway, Cognito) in your AWS account.`,
      analyticsReporting: false,
    });
    const parameters = this.parameters = new WorkspaceParameters(this, 'Parameters', { version: props.version, images: props.images ?? workspaceImages(props.version) });
    this.acceptStackWideNagFindings();
    const { conditions } = parameters;
    Aspects.of(this).add(new RoleBoundary(parameters.permissions.boundaryArn.valueAsString, conditions.permissionsBoundaryGiven));
    const retention = parameters.monitoring.logRetentionDays.valueAsNumber;
    const privateSubnets = { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS };
    const keys = new WorkspaceKeys(this, 'Keys');

    const vpcCidr = parameters.network.vpcCidr.valueAsString;
    const cidrs = (tier: SubnetTier) => parameters.network.subnetCidrs[tier].map((subnet) => subnet.valueAsString);
    const network = new WorkspaceNetwork(this, 'Network', {
      vpcCidr, logsKey: keys.logs, logRetentionDays: retention,
      subnetCidrs: { Public: cidrs('Public'), Private: cidrs('Private'), Database: cidrs('Database') },
    });
    new WorkspaceNetworkAcls(this, 'NetworkAcls', { network, vpcCidr, privateSubnetCidrs: cidrs('Private') });
    const securityGroups = new WorkspaceSecurityGroups(this, 'SecurityGroups', { vpc: network.vpcReference });
    new ClosedDefaultSecurityGroup(this, 'DefaultSecurityGroup', {
      vpc: network.vpc, vpcReference: network.vpcReference, vpcSubnets: privateSubnets, securityGroup: securityGroups.api,
      logsKey: keys.logs, logRetentionDays: retention, egress: network.privateEgress,
    });
    new WorkspaceInterfaceEndpoints(this, 'InterfaceEndpoints', {
      condition: conditions.interfaceEndpointsEnabled, vpcId: network.vpc.ref, subnetIds: network.subnetIds('Private'), securityGroup: securityGroups.endpoints,
    });

    const { table } = new WorkspaceTable(this, 'Table', { key: keys.dynamoDb });
    const documentDb = new WorkspaceDocumentDb(this, 'DocumentDb', {
      instanceClass: parameters.dataStores.documentDbInstanceClass.valueAsString, instanceConditions: conditions.documentDbInstanceConditions,
      backupRetentionDays: parameters.dataStores.documentDbBackupRetentionDays.valueAsNumber, logRetentionDays: retention,
      key: keys.documentDb, logsKey: keys.logs, vpc: network.vpcReference, databaseSubnetIds: network.subnetIds('Database'), securityGroup: securityGroups.database,
    });
    const integrationCredentials = new IntegrationCredentials(this, 'IntegrationCredentials', { key: keys.documentDb }).secret;
    const accessLogBucket = new SecureBucket(this, 'AccessLogBucket', {
      noncurrentVersionExpirationDays: 30, expirationDays: retention, receivesAccessLogs: true,
      noObjectLockReason: 'S3 server access logs are diagnostic and delivered best effort; the audit evidence is the CloudTrail trail, whose bucket is locked.',
    }).bucket;
    const backupBucket = new SecureBucket(this, 'BackupBucket', {
      key: keys.backupStorage,
      accessLogs: { bucket: accessLogBucket, prefix: 'backup-bucket/' },
      noncurrentVersionExpirationDays: parameters.dataStores.backupVersionRetentionDays.valueAsNumber,
      noObjectLockReason: 'Users must be able to erase their exports (GDPR Art. 17); versions are kept for BackupVersionRetentionDays instead.',
    }).bucket;
    onlyIf(conditions.backupBucketEnabled, backupBucket);
    const backupBucketName = Fn.conditionIf(conditions.backupBucketEnabled.logicalId, backupBucket.bucketName, '').toString();

    // The console's address is the distribution's, which is made after the API it admits; read at synthesis.
    const consoleUrl = Lazy.string({ produce: () => consoleHosting.url });
    const notifications = new WorkspaceNotifications(this, 'Notifications', {
      key: keys.logs, email: parameters.monitoring.notificationEmail.valueAsString,
      webhook: { url: parameters.monitoring.notificationWebhookUrl.valueAsString, condition: conditions.webhookEnabled },
    });
    const release = new ReleaseFiles(this, 'ReleaseFiles', {
      bucketName: parameters.releaseLocation.bucketName.valueAsString, bucketInStackRegion: conditions.releaseBucketInStackRegion,
      keyPrefix: parameters.releaseLocation.keyPrefix.valueAsString,
    });
    const metering: MeteringSidecar = {
      image: parameters.engine.meteringSidecarImage.valueAsString, productCode: parameters.releaseLocation.marketplaceProductCode.valueAsString,
      condition: conditions.meteringEnabled,
    };
    const functionDefaults = {
      vpc: network.vpcReference, vpcSubnets: privateSubnets, logsKey: keys.logs,
      logRetentionDays: retention, reservedConcurrency: parameters.functions.reservedConcurrency.valueAsNumber,
    };
    const engine = new WorkspaceEngineService(this, 'Engine', {
      image: parameters.engine.image.valueAsString, metering,
      cpu: Token.asNumber(parameters.engine.taskCpu.valueAsString), memoryLimitMiB: Token.asNumber(parameters.engine.taskMemory.valueAsString),
      minCount: parameters.engine.minCount.valueAsNumber, maxCount: parameters.engine.maxCount.valueAsNumber,
      vpc: network.vpcReference, vpcSubnets: privateSubnets, securityGroup: securityGroups.app,
      logsKey: keys.logs, logRetentionDays: retention, table, alarmTopic: notifications.topic,
    });
    engine.service.node.addDependency(documentDb.instances[0]);

    // The API handler writes bot definitions and audit entries to DocumentDB, so it runs in the app tier, the one the database tier admits.
    const apiHandlerEnvironment: ApiHandlerEnvironment = {
      TABLE_NAME: table.tableName,
      ALLOWED_ORIGIN: consoleUrl,
      APPROVAL_WORKFLOWS: Fn.conditionIf(conditions.approvalWorkflowsEnabled.logicalId, 'true', 'false').toString(),
      DOCUMENTDB_ENDPOINT: documentDb.endpoint,
      DOCUMENTDB_PORT: documentDb.port,
      DOCUMENTDB_SECRET_ARN: documentDb.masterSecret.secretArn,
      INTEGRATION_SECRET_ARN: integrationCredentials.secretArn,
      EXPORT_BUCKET: backupBucketName,
    };
    const apiHandler = new WorkspaceFunction(this, 'ApiHandler', {
      ...functionDefaults,
      name: 'API handler',
      code: release.functionCode('api-handler'),
      description: 'Workspace API: workflows, their versioned definitions, runs and activity.',
      securityGroup: securityGroups.app,
      timeout: Duration.seconds(29),
      environment: apiHandlerEnvironment,
    });
    const executor = new WorkspaceFunction(this, 'WorkflowExecutor', {
      ...functionDefaults,
      name: 'workflow executor',
      code: release.functionCode('workflow-executor'),
      description: 'Workspace workflow executor: queues one run of every workflow whose schedule is due.',
      securityGroup: securityGroups.app,
      timeout: Duration.minutes(5),
      environment: { TABLE_NAME: table.tableName },
    });
    const rotation = new WorkspaceFunction(this, 'SecretRotation', {
      ...functionDefaults,
      name: 'DocumentDB secret rotation',
      code: release.functionCode('secret-rotation'),
      description: 'Workspace secret rotation: gives the DocumentDB master user a new password every 30 days (Secrets Manager single-user rotation).',
      // In the private subnets with the app security group: it reaches the cluster and the Secrets Manager API.
      securityGroup: securityGroups.app,
      // Secrets Manager runs one rotation of the secret at a time.
      reservedConcurrency: 2,
      timeout: Duration.minutes(1),
      environment: {},
    });
    documentDb.rotateWith(rotation.function);
    const recovery = parameters.disasterRecovery;
    new WorkspaceDisasterRecovery(this, 'DisasterRecovery', {
      condition: conditions.disasterRecoveryEnabled, recoveryRegion: recovery.recoveryRegion.valueAsString,
      tableBackupHours: recovery.tableBackupHours.valueAsString, clusterBackupHours: recovery.clusterBackupHours.valueAsString,
      retentionDays: recovery.retentionDays.valueAsNumber, table: { arn: table.tableArn, key: keys.dynamoDb },
      cluster: { identifier: documentDb.cluster.ref, key: keys.documentDb }, vaultKey: keys.backupStorage,
    });
    // Only Secrets Manager rotating this secret, in this account, may invoke it (the schedule's permission names neither).
    for (const permission of rotation.function.node.findAll().filter((child): child is lambda.CfnPermission => child instanceof lambda.CfnPermission)) {
      permission.sourceAccount = Aws.ACCOUNT_ID;
      permission.sourceArn = documentDb.masterSecret.secretArn;
    }
    // The master secret is encrypted with the DocumentDB key: reading the current value and writing the new one, only through Secrets Manager.
    rotation.role.addToPrincipalPolicy(throughSecretsManager(keys.documentDb, 'kms:Decrypt', 'kms:GenerateDataKey'));
    table.grant(apiHandler.role, ...API_HANDLER_TABLE_ACTIONS);
    this.grantExports(apiHandler.role, backupBucket, keys.backupStorage);
    keys.dynamoDb.grantEncryptDecrypt(apiHandler.role);
    table.grant(executor.role, ...WORKFLOW_EXECUTOR_TABLE_ACTIONS);
    keys.dynamoDb.grantEncryptDecrypt(executor.role);
    for (const role of [apiHandler.role, engine.taskDefinition.taskRole]) {
      documentDb.masterSecret.grantRead(role);
      integrationCredentials.grantRead(role);
      // Both secrets are encrypted with the DocumentDB key, which they may use only through Secrets Manager.
      role.addToPrincipalPolicy(throughSecretsManager(keys.documentDb, 'kms:Decrypt'));
    }
    notifications.topic.grantPublish(engine.taskDefinition.taskRole);

    new WorkspaceSchedules(this, 'Schedules', { executor: executor.function, deadLetterQueue: executor.deadLetterQueue });
    const signIn = new WorkspaceSignIn(this, 'SignIn', {
      saml: { metadataUrl: parameters.signIn.samlMetadataUrl.valueAsString, condition: conditions.samlEnabled },
      oidc: {
        issuerUrl: parameters.signIn.oidcIssuerUrl.valueAsString, clientId: parameters.signIn.oidcClientId.valueAsString,
        clientSecret: parameters.signIn.oidcClientSecret.valueAsString, condition: conditions.oidcEnabled,
      },
      backupBucket, backupBucketCondition: conditions.backupBucketEnabled, backupKey: keys.backupStorage, consoleUrl,
    });
    const api = new WorkspaceApi(this, 'Api', {
      rateLimit: parameters.api.rateLimit.valueAsNumber, burstLimit: parameters.api.burstLimit.valueAsNumber,
      logRetentionDays: retention, handler: apiHandler.function, userPool: signIn.userPool, logsKey: keys.logs, allowedOrigin: consoleUrl,
    });
    const consoleHosting = new WorkspaceConsoleHosting(this, 'Console', {
      key: keys.backupStorage, accessLogBucket,
      apiOrigin: `https://${api.api.restApiId}.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`,
      signInOrigin: signIn.signInOrigin,
      customDomain: { condition: conditions.workspaceUrlSet, url: parameters.webConsole.workspaceUrl.valueAsString, certificateArn: parameters.webConsole.certificateArn.valueAsString },
      webAcl: { condition: conditions.consoleWebAclSet, arn: parameters.webConsole.webAclArn.valueAsString },
    });
    new ConsolePublication(this, 'ConsolePublication', {
      ...functionDefaults, securityGroup: securityGroups.app, code: release.functionCode('console-publisher'), bucket: consoleHosting.bucket, key: keys.backupStorage,
      config: {
        apiUrl: api.url, region: Aws.REGION, version: props.version,
        signIn: {
          domain: signIn.signInOrigin, clientId: signIn.client.ref,
          identityProvider: Fn.conditionIf(conditions.samlEnabled.logicalId, 'SAML', Fn.conditionIf(conditions.oidcEnabled.logicalId, 'OIDC', '')).toString(),
        },
        complianceReportUrl: COMPLIANCE_REPORT_PATH,
      },
    });
    const alarms = new WorkspaceAlarms(this, 'Alarms', {
      topic: notifications.topic,
      functions: { ApiHandler: apiHandler.function, WorkflowExecutor: executor.function },
      service: engine.service, table, api: api.api,
    });
    new WorkspaceAuditTrail(this, 'AuditTrail', { condition: conditions.cloudTrailEnabled, key: keys.logs, accessLogBucket, logRetentionDays: retention });

    const engineRole = engine.taskDefinition.taskRole;
    const bedrock = new WorkspaceBedrockAccess(this, 'Bedrock', {
      modelIds: parameters.bedrock.modelIds.valueAsList, roles: [engineRole], condition: conditions.bedrockEnabled,
    });
    const guardedAi = new WorkspaceGuardedAi(this, 'GuardedAi', { condition: conditions.bedrockGuardrailEnabled, roles: [engineRole] });
    const taskQueue = new WorkspaceTaskQueue(this, 'TaskQueue', {
      condition: conditions.taskQueueEnabled, key: keys.logs, topic: notifications.topic, consumers: [engineRole],
    });
    const eventRouting = new WorkspaceEventRouting(this, 'EventRouting', {
      condition: conditions.eventRoutingEnabled, topic: notifications.topic, key: keys.logs, publishers: [engineRole],
    });
    const agents = new WorkspaceAgentServices(this, 'Agents', {
      agents: this.agentSettings(), metering, cluster: engine.cluster, vpc: network.vpcReference, vpcSubnets: privateSubnets,
      securityGroup: securityGroups.app, logsKey: keys.logs, logRetentionDays: retention, meteringTable: table,
      taskQueue, eventRouting, bedrock, guardedAi,
    });
    for (const policy of [taskQueue.consumePolicy, eventRouting.publishPolicy, bedrock.policy, guardedAi.guardedPolicy]) {
      attachUnderConditions(policy, agents.roles);
    }
    const approvalWorkflow = new WorkspaceApprovalWorkflow(this, 'ApprovalWorkflow', {
      condition: conditions.approvalWorkflowsEnabled, approvalTimeoutHours: parameters.agenticAutomation.approvalTimeoutHours.valueAsString,
      bedrock, bedrockCondition: conditions.approvalWorkflowsWithBedrock, guardrailCondition: conditions.approvalWorkflowsWithGuardrail,
      functionDefaults: { ...functionDefaults, securityGroup: securityGroups.app }, code: release.functionCode('automation'),
      table, taskQueue, guardedAi, logsKey: keys.logs, topic: notifications.topic, deciders: [apiHandler.role], starters: [engineRole],
    });
    const ifOn = (condition: { logicalId: string }, value: string) => Fn.conditionIf(condition.logicalId, value, '').toString();
    engine.configure({
      TABLE_NAME: table.tableName,
      DOCUMENTDB_ENDPOINT: documentDb.endpoint,
      DOCUMENTDB_PORT: documentDb.port,
      DOCUMENTDB_SECRET_ARN: documentDb.masterSecret.secretArn,
      DOCUMENTDB_COLLECTIONS: DOCUMENTDB_COLLECTIONS.join(','),
      INTEGRATION_SECRET_ARN: integrationCredentials.secretArn,
      NOTIFICATION_TOPIC_ARN: notifications.topic.topicArn,
      EVENT_BUS_NAME: ifOn(eventRouting.condition, workspaceBusName()),
      TASK_QUEUE_URL: ifOn(taskQueue.condition, taskQueue.queue.queueUrl),
      APPROVAL_STATE_MACHINE_ARN: ifOn(conditions.approvalWorkflowsEnabled, approvalWorkflow.stateMachine.stateMachineArn),
      BEDROCK_MODEL_IDS: ifOn(bedrock.condition, Fn.join(',', bedrock.modelIds)),
      BEDROCK_GUARDRAIL_ARN: ifOn(guardedAi.condition, guardedAi.guardrail.attrGuardrailArn),
      BEDROCK_GUARDRAIL_VERSION: ifOn(guardedAi.condition, guardedAi.version.attrVersion),
    });
    this.admitEventRules(notifications.topic);
    new WorkspaceEdgeProtection(this, 'EdgeProtection', {
      condition: conditions.wafEnabled, rateLimit: parameters.edgeProtection.wafRateLimit.valueAsNumber,
      stage: api.api.deploymentStage, logsKey: keys.logs, logRetentionDays: retention,
    });
    new WorkspaceThreatDetection(this, 'ThreatDetection', { condition: conditions.guardDutyEnabled, topic: notifications.topic });

    this.output('WorkspaceUrl', consoleUrl, 'Where users open the workspace web console (point your custom domain\'s DNS at ConsoleDistributionDomainName).');
    this.output('ConsoleDistributionDomainName', consoleHosting.distribution.distributionDomainName, 'CloudFront domain of the console; a custom domain needs a CNAME to it.');
    this.output('ApiUrl', api.url, 'Base URL of the workspace API.');
    this.output('UserPoolId', signIn.userPool.userPoolId, 'Cognito user pool of workspace users; create the first administrator here.');
    this.output('UserPoolClientId', signIn.client.ref, 'App client ID the workspace web console signs in with.');
    this.output('IdentityPoolId', signIn.identityPool.ref, 'Cognito identity pool of signed-in users.');
    this.output('DashboardUrl',
      `https://${Aws.REGION}.console.aws.amazon.com/cloudwatch/home?region=${Aws.REGION}#dashboards:name=${alarms.dashboard.dashboardName}`,
      'CloudWatch dashboard of the workspace.');
    this.output('NotificationTopicArn', notifications.topic.topicArn, 'SNS topic for alarms and failures; add subscriptions here.');
    this.output('VpcId', network.vpc.ref, 'The workspace VPC.');
    this.output('BackupBucketName', backupBucketName, 'Bucket for bot import and export (empty when not created).');
    this.output('WorkspaceVersion', props.version, 'The workspace version this stack runs; upgrade to the next one in Service Catalog.');
    this.output('IntegrationCredentialsSecretArn', integrationCredentials.secretArn, 'Secret that holds the credentials of your integrations; put them here.');
    this.output('TableName', table.tableName, 'DynamoDB table of workflows and runs (for backups and audits).');
    this.output('DocumentDbEndpoint', documentDb.endpoint, 'DocumentDB cluster endpoint (bot definitions, integration configuration, audit logs).');
  }

  /** Each optional agent service as its launch parameters set it up. */
  private agentSettings(): Record<string, AgentServiceSettings> {
    const { agentServices, conditions } = this.parameters;
    return Object.fromEntries(Object.entries(agentServices.agents).map(([id, agent]) =>
      [id, { image: agent.image.valueAsString, count: agent.count.valueAsNumber, condition: conditions.agentEnabled[id] }]));
  }

  private acceptStackWideNagFindings(): void {
    for (const action of ['kms:GenerateDataKey*', 'kms:ReEncrypt*']) {
      acceptNagFinding(this, `AwsSolutions-IAM5[Action::${action}]`,
        'CDK grants on an encrypted table, topic or queue include the data key variants the service uses; each grant names the one key ARN it needs.');
    }
    acceptNagFinding(this, 'HIPAA.Security-IAMNoInlinePolicy',
      'Each role\'s permissions are a policy attached to that role only, defined and tested with the template; standalone managed policies could be attached to other identities in the buyer\'s account.');
    acceptNagFinding(this, 'HIPAA.Security-LambdaConcurrency',
      'Reserved concurrency is set on every function, from the FunctionReservedConcurrency parameter (1 to 900); cdk-nag cannot read a parameter reference.');
  }

  /**
   * EventBridge publishes to the notification topic for the workspace bus's rules, the failed
   * automation rule and the GuardDuty findings rule; all are named by ARN pattern, so the topic policy needs no reference to rules
   * that exist only under a condition.
   */
  private admitEventRules(topic: sns.Topic): void {
    topic.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'WorkspaceEventRulesPublish',
      principals: [new iam.ServicePrincipal('events.amazonaws.com')],
      actions: ['sns:Publish'],
      resources: [topic.topicArn],
      conditions: { ArnLike: { 'aws:SourceArn': [workspaceBusRuleArns(), automationFailureRuleArn(), guardDutyFindingsRuleArn()] } },
    }));
  }

  /**
   * The API handler keeps each user's bot exports in the import/export bucket, under its exports
   * folder only; a policy of its own, because the bucket exists only under BackupBucketEnabled.
   */
  private grantExports(role: iam.IRole, bucket: s3.IBucket, key: kms.IKey): void {
    const folder = `${BOT_EXPORTS_PREFIX}/*`;
    const policy = new iam.Policy(this, 'ApiHandlerExportsPolicy', {
      roles: [role],
      statements: [
        new iam.PolicyStatement({ actions: API_HANDLER_EXPORT_ACTIONS, resources: [bucket.arnForObjects(folder)] }),
        new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn], conditions: { StringLike: { 's3:prefix': [folder] } } }),
        new iam.PolicyStatement({
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [key.keyArn],
          conditions: { StringEquals: { 'kms:ViaService': `s3.${Aws.REGION}.amazonaws.com` } },
        }),
      ],
    });
    onlyIf(this.parameters.conditions.backupBucketEnabled, policy);
    acceptNagFinding(policy, `AwsSolutions-IAM5[Resource::<${this.getLogicalId(bucket.node.defaultChild as s3.CfnBucket)}.Arn>/${folder}]`,
      'Exports are kept per user under the exports folder; the handler reads and writes only the signed-in user\'s own folder of it.');
  }

  private output(id: string, value: string, description: string): void {
    new CfnOutput(this, id, { value, description });
  }
}

/** Use of a secret's key, only by Secrets Manager on the caller's behalf (reading or writing the secret). */
function throughSecretsManager(key: kms.IKey, ...actions: string[]): iam.PolicyStatement {
  return new iam.PolicyStatement({
    actions, resources: [key.keyArn],
    conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${Aws.REGION}.amazonaws.com` } },
  });
}
