import { CfnCondition, CfnParameter, CfnRule, Fn, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { LISTING_REGISTRY } from '../images/image-record';
import { WORKSPACE_AGENTS } from './agents';
import { LaunchWizard } from '../shared/launch-wizard';
import { SUPPORTED_REGIONS } from '../shared/supported-regions';
import { FARGATE_MEMORY_SIZES, FARGATE_TASK_SIZES } from './sizing';
import { RELEASE_BUCKET_NAME, RELEASE_BUCKET_REGION } from '../shared/release-location';

const CIDR_PATTERN =
  '^(([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])\\.){3}([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])/(1[6-9]|2[0-8])$';
const CIDR_CONSTRAINT = 'must be an IPv4 CIDR block with a prefix from /16 to /28, for example 10.0.1.0/24';
const HTTPS_URL_PATTERN = '^(https://[^\\s]{1,2040})?$';
const CUSTOM_DOMAIN_URL_PATTERN = '^(https://[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+)?$';
const ECR_IMAGE_PATTERN = '^[0-9]{12}\\.dkr\\.ecr\\.[a-z0-9-]+\\.amazonaws\\.com/[a-z0-9._/-]+(:[A-Za-z0-9._-]{1,128}|@sha256:[a-f0-9]{64})$';
const ECR_IMAGE_CONSTRAINT = 'must be an Amazon ECR image URI such as 123456789012.dkr.ecr.us-east-1.amazonaws.com/repo@sha256:<64 hex digits> (or repo:tag)';

/** The DocumentDB instance classes a buyer may choose (memory-optimized, as the seed's default r5.large). */
export const DOCUMENTDB_INSTANCE_CLASSES = [
  'db.t3.medium', 'db.r5.large', 'db.r5.xlarge', 'db.r5.2xlarge', 'db.r5.4xlarge',
  'db.r6g.large', 'db.r6g.xlarge', 'db.r6g.2xlarge', 'db.r6g.4xlarge',
];

/** DocumentDB instances beyond the first two are created when the buyer asks for more; at most this many. */
export const MAX_DOCUMENTDB_INSTANCES = 6;

/** The retention periods CloudWatch Logs accepts, in days, from one year up (logs are security evidence). */
export const LOG_RETENTION_DAYS = ['365', '400', '545', '731', '1096', '1827', '2192', '2557', '2922', '3288', '3653'];

/** The parameters and the condition of one optional agent service. */
export interface AgentParameters {
  /** `Enable<id>Agent`: true creates the service. */
  readonly enable: CfnParameter;
  /** `<id>AgentImage`: the agent's ECR image URI. */
  readonly image: CfnParameter;
  /** `<id>AgentCount`: the tasks the service keeps running. */
  readonly count: CfnParameter;
  /** `<id>AgentEnabled`. */
  readonly enabled: CfnCondition;
}

/** The images the template runs, each named by digest (`<repository>@sha256:...`). */
export interface WorkspaceImageReferences {
  readonly engine: string;
  readonly meteringSidecar: string;
}

/** Props of {@link WorkspaceParameters}. */
export interface WorkspaceParametersProps {
  /** The workspace version, used in the default `MPS3KeyPrefix` (`workspace/<version>/`). */
  readonly version: string;
  /** The defaults of `EngineImage` and `MeteringSidecarImage`: the version's own images, by digest. */
  readonly images: WorkspaceImageReferences;
}

/**
 * Every buyer-facing parameter of the workspace template, with the launch wizard's groups and labels,
 * the conditions that switch optional components on, and the rules that reject bad combinations before
 * anything is created.
 */
export class WorkspaceParameters extends Construct {
  readonly vpcCidr: CfnParameter;
  readonly publicSubnetCidrs: CfnParameter[];
  readonly privateSubnetCidrs: CfnParameter[];
  readonly databaseSubnetCidrs: CfnParameter[];
  readonly enableInterfaceEndpoints: CfnParameter;

  readonly engineImage: CfnParameter;
  readonly meteringSidecarImage: CfnParameter;
  readonly engineTaskCpu: CfnParameter;
  readonly engineTaskMemory: CfnParameter;
  readonly engineDesiredCount: CfnParameter;
  readonly engineMaxCount: CfnParameter;
  readonly functionReservedConcurrency: CfnParameter;

  readonly documentDbInstanceClass: CfnParameter;
  readonly documentDbInstanceCount: CfnParameter;
  readonly documentDbBackupRetentionDays: CfnParameter;
  readonly enableBackupBucket: CfnParameter;
  readonly backupVersionRetentionDays: CfnParameter;

  readonly identityProviderType: CfnParameter;
  readonly samlMetadataUrl: CfnParameter;
  readonly oidcIssuerUrl: CfnParameter;
  readonly oidcClientId: CfnParameter;
  readonly oidcClientSecret: CfnParameter;
  /** A custom domain for the console (`https://host`); empty: the CloudFront address. */
  readonly workspaceUrl: CfnParameter;
  /** The ACM certificate (us-east-1) of the custom domain. */
  readonly consoleCertificateArn: CfnParameter;
  /** An existing CloudFront-scope AWS WAF web ACL for the console. */
  readonly consoleWebAclArn: CfnParameter;

  readonly apiRateLimit: CfnParameter;
  readonly apiBurstLimit: CfnParameter;

  readonly notificationEmail: CfnParameter;
  readonly notificationWebhookUrl: CfnParameter;
  readonly logRetentionDays: CfnParameter;
  readonly enableCloudTrail: CfnParameter;

  readonly enableBedrock: CfnParameter;
  readonly bedrockModelIds: CfnParameter;
  readonly enableBedrockGuardrail: CfnParameter;

  readonly enableTaskQueue: CfnParameter;
  readonly enableEventRouting: CfnParameter;
  readonly enableApprovalWorkflows: CfnParameter;
  readonly approvalTimeoutHours: CfnParameter;
  /** The optional agent services, by {@link WORKSPACE_AGENTS} id. */
  readonly agents: Record<string, AgentParameters>;
  readonly enableWaf: CfnParameter;
  readonly wafRateLimit: CfnParameter;
  readonly enableGuardDuty: CfnParameter;

  readonly marketplaceProductCode: CfnParameter;
  readonly releaseBucketName: CfnParameter;
  readonly releaseBucketRegion: CfnParameter;
  readonly releaseKeyPrefix: CfnParameter;

  readonly interfaceEndpointsEnabled: CfnCondition;
  readonly backupBucketEnabled: CfnCondition;
  readonly cloudTrailEnabled: CfnCondition;
  readonly bedrockEnabled: CfnCondition;
  readonly bedrockGuardrailEnabled: CfnCondition;
  readonly taskQueueEnabled: CfnCondition;
  readonly eventRoutingEnabled: CfnCondition;
  readonly approvalWorkflowsEnabled: CfnCondition;
  /** Approval workflows on and Bedrock on: the risk assessment asks the first listed model. */
  readonly approvalWorkflowsWithBedrock: CfnCondition;
  /** Approval workflows on and the guardrail on: the risk assessment's model calls must go through it. */
  readonly approvalWorkflowsWithGuardrail: CfnCondition;
  readonly wafEnabled: CfnCondition;
  readonly guardDutyEnabled: CfnCondition;
  readonly webhookEnabled: CfnCondition;
  readonly samlEnabled: CfnCondition;
  readonly oidcEnabled: CfnCondition;
  readonly meteringEnabled: CfnCondition;
  /** The console is served at the buyer's own domain (WorkspaceUrl is set). */
  readonly workspaceUrlSet: CfnCondition;
  readonly consoleWebAclSet: CfnCondition;
  readonly releaseBucketInStackRegion: CfnCondition;
  /** `documentDbInstanceConditions[n]` holds when the buyer asked for more than `n` instances (1 <= n < max). */
  readonly documentDbInstanceConditions: Record<number, CfnCondition>;

  constructor(scope: Construct, id: string, props: WorkspaceParametersProps) {
    super(scope, id);
    const wizard = new LaunchWizard(Stack.of(this));
    const cidr = (name: string, group: string, label: string, value: string) =>
      wizard.parameter(this, name, group, {
        label, type: 'String', default: value, allowedPattern: CIDR_PATTERN, constraintDescription: CIDR_CONSTRAINT,
        description: `${label}. Default ${value}.`,
      });
    const flag = (name: string, group: string, label: string, value: 'true' | 'false', description: string) =>
      wizard.parameter(this, name, group, {
        label, type: 'String', default: value, allowedValues: ['true', 'false'], description,
      });

    const network = 'Network';
    this.vpcCidr = cidr('VpcCidr', network, 'VPC CIDR block', '10.0.0.0/16');
    this.publicSubnetCidrs = [
      cidr('PublicSubnet1Cidr', network, 'Public subnet CIDR in the first Availability Zone', '10.0.1.0/24'),
      cidr('PublicSubnet2Cidr', network, 'Public subnet CIDR in the second Availability Zone', '10.0.2.0/24'),
    ];
    this.privateSubnetCidrs = [
      cidr('PrivateSubnet1Cidr', network, 'Private subnet CIDR in the first Availability Zone', '10.0.10.0/24'),
      cidr('PrivateSubnet2Cidr', network, 'Private subnet CIDR in the second Availability Zone', '10.0.20.0/24'),
    ];
    this.databaseSubnetCidrs = [
      cidr('DatabaseSubnet1Cidr', network, 'Database subnet CIDR in the first Availability Zone', '10.0.30.0/24'),
      cidr('DatabaseSubnet2Cidr', network, 'Database subnet CIDR in the second Availability Zone', '10.0.40.0/24'),
    ];
    this.enableInterfaceEndpoints = flag('EnableInterfaceEndpoints', network,
      'Private interface endpoints for AWS APIs (optional, billed per hour)', 'false',
      'true keeps calls to Secrets Manager, CloudWatch, ECR, STS, KMS, SQS, X-Ray and Marketplace Metering inside the VPC through interface endpoints (billed per endpoint-hour); false sends them through the NAT gateways.');

    const engine = 'Workspace engine (Amazon ECS on AWS Fargate)';
    this.engineImage = wizard.parameter(this, 'EngineImage', engine, {
      label: 'Workspace engine container image', type: 'String',
      default: props.images.engine,
      allowedPattern: ECR_IMAGE_PATTERN, constraintDescription: ECR_IMAGE_CONSTRAINT,
      description: 'The engine image in the AWS Marketplace ECR repository of this listing; the default is this version\'s image, by digest.',
    });
    this.meteringSidecarImage = wizard.parameter(this, 'MeteringSidecarImage', engine, {
      label: 'Metering sidecar container image', type: 'String',
      default: props.images.meteringSidecar,
      allowedPattern: ECR_IMAGE_PATTERN, constraintDescription: ECR_IMAGE_CONSTRAINT,
      description: 'The metering sidecar image that reports usage to AWS Marketplace from each engine task; the default is this version\'s image, by digest.',
    });
    this.engineTaskCpu = wizard.parameter(this, 'EngineTaskCpu', engine, {
      label: 'Engine task CPU units (1024 = 1 vCPU)', type: 'String', default: '1024',
      allowedValues: Object.keys(FARGATE_TASK_SIZES),
      description: 'CPU of one engine task, from 0.25 to 4 vCPU.',
    });
    this.engineTaskMemory = wizard.parameter(this, 'EngineTaskMemory', engine, {
      label: 'Engine task memory (MiB)', type: 'String', default: '2048',
      allowedValues: FARGATE_MEMORY_SIZES,
      description: 'Memory of one engine task in MiB; Fargate accepts only certain values for each CPU size (a rule checks the pair).',
    });
    this.engineDesiredCount = wizard.parameter(this, 'EngineMinCount', engine, {
      label: 'Minimum number of engine tasks', type: 'Number', default: 2, minValue: 1, maxValue: 20,
      description: 'Engine tasks always running; two or more keep the engine in both Availability Zones.',
    });
    this.engineMaxCount = wizard.parameter(this, 'EngineMaxCount', engine, {
      label: 'Maximum number of engine tasks', type: 'Number', default: 6, minValue: 1, maxValue: 50,
      description: 'Upper bound for CPU and memory based auto scaling. Must not be lower than the minimum.',
    });

    const functions = 'Serverless functions (AWS Lambda)';
    this.functionReservedConcurrency = wizard.parameter(this, 'FunctionReservedConcurrency', functions, {
      label: 'Reserved concurrency per function', type: 'Number', default: 100, minValue: 1, maxValue: 900,
      description: 'Concurrent executions reserved for each workspace function (API handler, workflow executor). Kept below the account default of 1,000 so the workspace can never starve other functions in the account.',
    });

    const data = 'Data stores';
    this.documentDbInstanceClass = wizard.parameter(this, 'DocumentDbInstanceClass', data, {
      label: 'Amazon DocumentDB instance class', type: 'String', default: 'db.r5.large',
      allowedValues: DOCUMENTDB_INSTANCE_CLASSES,
      description: 'Instance class of every DocumentDB instance (bot definitions, integration configuration, audit logs).',
    });
    this.documentDbInstanceCount = wizard.parameter(this, 'DocumentDbInstanceCount', data, {
      label: 'Number of Amazon DocumentDB instances', type: 'String', default: '2',
      allowedValues: Array.from({ length: MAX_DOCUMENTDB_INSTANCES }, (_, index) => String(index + 1)),
      description: 'One primary and the rest replicas, spread over the Availability Zones; two or more keep the database available when one zone fails.',
    });
    this.documentDbBackupRetentionDays = wizard.parameter(this, 'DocumentDbBackupRetentionDays', data, {
      label: 'Amazon DocumentDB backup retention (days)', type: 'Number', default: 35, minValue: 7, maxValue: 35,
      description: 'Days of automated DocumentDB backups kept for point-in-time restore.',
    });
    this.enableBackupBucket = flag('EnableBackupBucket', data,
      'Amazon S3 bucket for bot import and export (optional)', 'true',
      'true creates the encrypted, versioned S3 bucket used to import and export bots; false leaves it out (import and export are then unavailable).');
    this.backupVersionRetentionDays = wizard.parameter(this, 'BackupVersionRetentionDays', data, {
      label: 'Days to keep replaced bot exports', type: 'Number', default: 90, minValue: 1, maxValue: 3650,
      description: 'Superseded (noncurrent) versions of objects in the import/export bucket are deleted after this many days.',
    });

    const signIn = 'Sign-in and single sign-on';
    this.identityProviderType = wizard.parameter(this, 'IdentityProviderType', signIn, {
      label: 'Single sign-on identity provider', type: 'String', default: 'None', allowedValues: ['None', 'SAML', 'OIDC'],
      description: 'None: users sign in with workspace accounts (email, password and MFA). SAML or OIDC: users may also sign in through your identity provider.',
    });
    this.samlMetadataUrl = wizard.parameter(this, 'SamlMetadataUrl', signIn, {
      label: 'SAML metadata document URL', type: 'String', default: '',
      allowedPattern: HTTPS_URL_PATTERN, constraintDescription: 'must be empty or an https:// URL',
      description: 'Only for SAML: the https:// URL of your identity provider\'s SAML metadata.',
    });
    this.oidcIssuerUrl = wizard.parameter(this, 'OidcIssuerUrl', signIn, {
      label: 'OIDC issuer URL', type: 'String', default: '',
      allowedPattern: HTTPS_URL_PATTERN, constraintDescription: 'must be empty or an https:// URL',
      description: 'Only for OIDC: the issuer URL of your identity provider.',
    });
    this.oidcClientId = wizard.parameter(this, 'OidcClientId', signIn, {
      label: 'OIDC client ID', type: 'String', default: '', allowedPattern: '^[\\w.:/@-]{0,255}$',
      constraintDescription: 'must be at most 255 letters, digits or . : / @ - _',
      description: 'Only for OIDC: the client ID registered for the workspace at your identity provider.',
    });
    this.oidcClientSecret = wizard.parameter(this, 'OidcClientSecret', signIn, {
      label: 'OIDC client secret', type: 'String', default: '', noEcho: true, allowedPattern: '^[\\x21-\\x7E]{0,255}$',
      constraintDescription: 'must be at most 255 printable characters without spaces',
      description: 'Only for OIDC: the client secret registered for the workspace at your identity provider.',
    });

    const api = 'API';
    this.apiRateLimit = wizard.parameter(this, 'ApiThrottlingRateLimit', api, {
      label: 'API steady-state request rate (requests per second)', type: 'Number', default: 100, minValue: 1, maxValue: 10000,
      description: 'Requests per second the workspace API admits before it answers 429.',
    });
    this.apiBurstLimit = wizard.parameter(this, 'ApiThrottlingBurstLimit', api, {
      label: 'API burst (requests)', type: 'Number', default: 200, minValue: 1, maxValue: 5000,
      description: 'Requests the workspace API admits at once above the steady-state rate.',
    });

    const monitoring = 'Monitoring, notifications and audit';
    this.notificationEmail = wizard.parameter(this, 'NotificationEmail', monitoring, {
      label: 'Email address for alarms and failure notifications', type: 'String',
      allowedPattern: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$', constraintDescription: 'must be an email address',
      description: 'Receives alarm and workflow failure notifications (confirm the subscription email AWS sends).',
    });
    this.notificationWebhookUrl = wizard.parameter(this, 'NotificationWebhookUrl', monitoring, {
      label: 'HTTPS webhook for notifications (optional)', type: 'String', default: '',
      allowedPattern: HTTPS_URL_PATTERN, constraintDescription: 'must be empty or an https:// URL',
      description: 'Leave empty for email only, or an https:// endpoint that receives the same notifications.',
    });
    this.logRetentionDays = wizard.parameter(this, 'LogRetentionDays', monitoring, {
      label: 'Log retention (days)', type: 'Number', default: '365', allowedValues: LOG_RETENTION_DAYS,
      description: 'Days every workspace log group keeps its events.',
    });
    this.enableCloudTrail = flag('EnableCloudTrail', monitoring,
      'AWS CloudTrail trail for API audit logging (optional, recommended)', 'true',
      'true creates a multi-Region CloudTrail trail with log file validation into an encrypted bucket; false relies on a trail you already have.');

    const ai = 'Amazon Bedrock (optional)';
    this.enableBedrock = flag('EnableBedrock', ai, 'Allow the workspace to call Amazon Bedrock', 'false',
      'true lets the workspace engine invoke the models listed below, and nothing else in Bedrock.');
    this.bedrockModelIds = wizard.parameter(this, 'BedrockModelIds', ai, {
      label: 'Bedrock model IDs the workspace may invoke', type: 'CommaDelimitedList',
      default: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
      allowedPattern: '^[a-z0-9-]+\\.[A-Za-z0-9.:-]{1,200}$',
      constraintDescription: 'each item must be a Bedrock model ID such as anthropic.claude-3-5-sonnet-20240620-v1:0',
      description: 'Comma-separated foundation model IDs; model access must be enabled for them in the Bedrock console.',
    });
    this.enableBedrockGuardrail = flag('EnableBedrockGuardrail', ai,
      'Amazon Bedrock guardrail on every model call (optional; needs EnableBedrock)', 'false',
      'true creates a Bedrock guardrail (prompt attacks, harmful content, credentials and keys in prompts and answers) and lets the workspace invoke the listed models only through it; off by default because each guardrail evaluation is billed per text unit.');

    const agentic = 'Agentic automation (optional)';
    this.enableTaskQueue = flag('EnableTaskQueue', agentic,
      'Amazon SQS task queue for workspace agents (optional)', 'false',
      'true creates an encrypted task queue with a dead-letter queue and alarms, from which the engine\'s agents take tasks; off by default because the engine runs workflows from the workspace table without it.');
    this.enableEventRouting = flag('EnableEventRouting', agentic,
      'Amazon EventBridge bus for workspace events (optional)', 'false',
      'true creates a custom event bus with a 90-day archive for replay, and rules that send failure events to the notification topic; off by default because the archive is billed per GB and few installations replay events.');
    this.enableApprovalWorkflows = flag('EnableApprovalWorkflows', agentic,
      'Approval-gated patch and alert automation (AWS Step Functions; optional, needs EnableTaskQueue)', 'false',
      'true creates a state machine that assesses the risk of each patch or remediation, waits for a person to approve risky ones through the API, hands the action to the agents through the task queue, verifies it and rolls it back on failure; off by default because it acts on your systems once approved.');
    this.approvalTimeoutHours = wizard.parameter(this, 'ApprovalTimeoutHours', agentic, {
      label: 'Hours an automation waits for approval', type: 'Number', default: 24, minValue: 1, maxValue: 168,
      description: 'An automation that needs approval and gets no decision within this many hours is abandoned (never run).',
    });

    const agentParameters = this.agentParameters(wizard, props.version);

    const edge = 'Edge protection and threat detection (optional)';
    this.enableWaf = flag('EnableWaf', edge,
      'AWS WAF web ACL in front of the API (optional, billed per ACL, rule and request)', 'false',
      'true puts a WAF web ACL on the API stage: AWS managed rules (common exploits, known bad inputs, IP reputation) and a per-IP rate limit, logging to an encrypted log group; off by default because WAF is billed monthly per ACL and rule and per million requests.');
    this.wafRateLimit = wizard.parameter(this, 'WafRateLimit', edge, {
      label: 'Requests one IP address may send in 5 minutes before AWS WAF blocks it', type: 'Number',
      default: 2000, minValue: 100, maxValue: 2000000000,
      description: 'The rate-based rule of the web ACL blocks an IP address above this many requests per 5-minute window (only with EnableWaf).',
    });
    this.enableGuardDuty = flag('EnableGuardDuty', edge,
      'Amazon GuardDuty detector (optional; only if this account and Region have none)', 'false',
      'true turns on GuardDuty threat detection in this account and Region. Off by default: an account can have only one detector per Region, so the stack fails if GuardDuty is already on (for example through AWS Organizations).');

    const release = 'Release location (set by AWS Marketplace; leave as is)';
    this.marketplaceProductCode = wizard.parameter(this, 'MarketplaceProductCode', release, {
      label: 'AWS Marketplace product code', type: 'String', default: '', allowedPattern: '^[a-z0-9]{0,25}$',
      constraintDescription: 'must be empty or the 25-character product code of the listing',
      description: 'Product code the metering sidecar reports usage under; empty records usage without reporting it.',
    });
    this.releaseBucketName = wizard.parameter(this, 'MPS3BucketName', release, {
      ...RELEASE_BUCKET_NAME,
      description: 'S3 bucket holding the workspace release files (function code). AWS Marketplace sets this.',
    });
    this.releaseBucketRegion = wizard.parameter(this, 'MPS3BucketRegion', release, {
      ...RELEASE_BUCKET_REGION,
      description: 'Region of the release bucket. In any other Region the files are read from <bucket>-<region>.',
    });
    this.releaseKeyPrefix = wizard.parameter(this, 'MPS3KeyPrefix', release, {
      label: 'Release key prefix', type: 'String', default: `workspace/${props.version}/`,
      allowedPattern: '^[0-9a-zA-Z-_.()/]*/$',
      constraintDescription: 'must end with / and contain only letters, digits, - _ . ( ) and /',
      description: 'Key prefix of the release files in the bucket. AWS Marketplace sets this.',
    });

    const webConsole = 'Web console';
    this.workspaceUrl = wizard.parameter(this, 'WorkspaceUrl', webConsole, {
      label: 'Custom domain of the web console (optional)', type: 'String', default: '',
      allowedPattern: CUSTOM_DOMAIN_URL_PATTERN, constraintDescription: 'must be empty or https:// followed by a host name, with no path, for example https://workspace.example.com',
      description: 'Empty: users open the console at the CloudFront address the stack outputs as WorkspaceUrl. Your own address (https://host): point a DNS CNAME at the distribution after launch, and give ConsoleCertificateArn.',
    });
    this.consoleCertificateArn = wizard.parameter(this, 'ConsoleCertificateArn', webConsole, {
      label: 'ACM certificate of the custom domain', type: 'String', default: '',
      allowedPattern: '^(arn:aws[a-z-]*:acm:us-east-1:[0-9]{12}:certificate/[0-9a-f-]{36})?$',
      constraintDescription: 'must be empty or the ARN of an AWS Certificate Manager certificate in us-east-1',
      description: 'Only with a custom domain: a certificate in us-east-1 (CloudFront reads certificates only there) that covers the WorkspaceUrl host. CloudFront then accepts TLS 1.2 or newer only.',
    });
    this.consoleWebAclArn = wizard.parameter(this, 'ConsoleWebAclArn', webConsole, {
      label: 'AWS WAF web ACL of the console (optional)', type: 'String', default: '',
      allowedPattern: '^(arn:aws[a-z-]*:wafv2:us-east-1:[0-9]{12}:global/webacl/[A-Za-z0-9_-]{1,128}/[0-9a-f-]{36})?$',
      constraintDescription: 'must be empty or the ARN of a CloudFront-scope AWS WAF web ACL (arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>)',
      description: 'An existing web ACL with CloudFront scope (created in us-east-1) that filters requests to the console; empty: none. The API has its own web ACL (EnableWaf).',
    });

    const isTrue = (parameter: CfnParameter) => Fn.conditionEquals(parameter.valueAsString, 'true');
    const isSet = (parameter: CfnParameter) => Fn.conditionNot(Fn.conditionEquals(parameter.valueAsString, ''));
    const condition = (name: string, expression: ReturnType<typeof Fn.conditionEquals>) => {
      const created = new CfnCondition(this, name, { expression });
      created.overrideLogicalId(name);
      return created;
    };
    this.interfaceEndpointsEnabled = condition('InterfaceEndpointsEnabled', isTrue(this.enableInterfaceEndpoints));
    this.backupBucketEnabled = condition('BackupBucketEnabled', isTrue(this.enableBackupBucket));
    this.cloudTrailEnabled = condition('CloudTrailEnabled', isTrue(this.enableCloudTrail));
    this.bedrockEnabled = condition('BedrockEnabled', isTrue(this.enableBedrock));
    this.bedrockGuardrailEnabled = condition('BedrockGuardrailEnabled',
      Fn.conditionAnd(this.bedrockEnabled, isTrue(this.enableBedrockGuardrail)));
    this.taskQueueEnabled = condition('TaskQueueEnabled', isTrue(this.enableTaskQueue));
    this.eventRoutingEnabled = condition('EventRoutingEnabled', isTrue(this.enableEventRouting));
    this.approvalWorkflowsEnabled = condition('ApprovalWorkflowsEnabled',
      Fn.conditionAnd(this.taskQueueEnabled, isTrue(this.enableApprovalWorkflows)));
    this.approvalWorkflowsWithBedrock = condition('ApprovalWorkflowsWithBedrock',
      Fn.conditionAnd(this.approvalWorkflowsEnabled, this.bedrockEnabled));
    this.approvalWorkflowsWithGuardrail = condition('ApprovalWorkflowsWithGuardrail',
      Fn.conditionAnd(this.approvalWorkflowsEnabled, this.bedrockGuardrailEnabled));
    this.agents = Object.fromEntries(Object.entries(agentParameters).map(([id, agent]) =>
      [id, { ...agent, enabled: condition(`${id}AgentEnabled`, isTrue(agent.enable)) }]));
    this.wafEnabled = condition('WafEnabled', isTrue(this.enableWaf));
    this.guardDutyEnabled = condition('GuardDutyEnabled', isTrue(this.enableGuardDuty));
    this.webhookEnabled = condition('WebhookNotificationsEnabled', isSet(this.notificationWebhookUrl));
    this.samlEnabled = condition('SamlSignInEnabled', Fn.conditionEquals(this.identityProviderType.valueAsString, 'SAML'));
    this.oidcEnabled = condition('OidcSignInEnabled', Fn.conditionEquals(this.identityProviderType.valueAsString, 'OIDC'));
    this.meteringEnabled = condition('MarketplaceMeteringEnabled', isSet(this.marketplaceProductCode));
    this.workspaceUrlSet = condition('WorkspaceUrlSet', isSet(this.workspaceUrl));
    this.consoleWebAclSet = condition('ConsoleWebAclSet', isSet(this.consoleWebAclArn));
    this.releaseBucketInStackRegion = condition('ReleaseBucketInStackRegion',
      Fn.conditionEquals(this.releaseBucketRegion.valueAsString, Stack.of(this).region));
    this.documentDbInstanceConditions = {};
    for (let instances = 1; instances < MAX_DOCUMENTDB_INSTANCES; instances++) {
      const larger = Array.from({ length: MAX_DOCUMENTDB_INSTANCES - instances }, (_, index) =>
        Fn.conditionEquals(this.documentDbInstanceCount.valueAsString, String(instances + index + 1)));
      this.documentDbInstanceConditions[instances] = condition(`MoreThan${instances}DocumentDbInstances`,
        larger.length === 1 ? larger[0] : Fn.conditionOr(...larger));
    }

    this.addRules();
  }

  /** Per agent of {@link WORKSPACE_AGENTS}: a switch (off), its image and its task count. */
  private agentParameters(wizard: LaunchWizard, version: string): Record<string, Omit<AgentParameters, 'enabled'>> {
    const group = 'Agent services (optional; Amazon ECS on AWS Fargate)';
    return Object.fromEntries(WORKSPACE_AGENTS.map((agent) => {
      const title = agent.name.replace(/-/g, ' ');
      const enable = wizard.parameter(this, `Enable${agent.id}Agent`, group, {
        label: `The ${title} agent service (optional)`, type: 'String', default: 'false', allowedValues: ['true', 'false'],
        description: `true runs the ${title} agent, which ${agent.purpose}, as an ECS service of 0.5 vCPU and 1 GiB tasks with its own metering sidecar; it takes tasks from the task queue when EnableTaskQueue is true and publishes to the event bus when EnableEventRouting is true. Off by default because each task is billed per hour.`,
      });
      const image = wizard.parameter(this, `${agent.id}AgentImage`, group, {
        label: `The ${title} agent container image`, type: 'String', default: `${LISTING_REGISTRY}/${agent.name}-agent:${version}`,
        allowedPattern: ECR_IMAGE_PATTERN, constraintDescription: ECR_IMAGE_CONSTRAINT,
        description: `The ${title} agent image in the AWS Marketplace ECR repository of this listing (only with Enable${agent.id}Agent).`,
      });
      const count = wizard.parameter(this, `${agent.id}AgentCount`, group, {
        label: `Number of ${title} agent tasks`, type: 'Number', default: 1, minValue: 1, maxValue: 10,
        description: `${title[0].toUpperCase()}${title.slice(1)} agent tasks always running (only with Enable${agent.id}Agent); two spread them over both Availability Zones.`,
      });
      return [agent.id, { enable, image, count }];
    }));
  }

  private addRules(): void {
    const rule = (name: string, props: ConstructorParameters<typeof CfnRule>[2]) =>
      new CfnRule(this, name, props).overrideLogicalId(name);
    const region = Stack.of(this).region;

    rule('SupportedRegion', {
      assertions: [{
        assert: Fn.conditionContains(SUPPORTED_REGIONS, region),
        assertDescription: `The workspace is offered in ${SUPPORTED_REGIONS.join(' and ')} only; launch the stack in one of these Regions.`,
      }],
    });
    for (const [cpu, memories] of Object.entries(FARGATE_TASK_SIZES)) {
      rule(`EngineTaskSizeFor${cpu}Cpu`, {
        ruleCondition: Fn.conditionEquals(this.engineTaskCpu.valueAsString, cpu),
        assertions: [{
          assert: Fn.conditionContains(memories, this.engineTaskMemory.valueAsString),
          assertDescription: `With ${cpu} CPU units, EngineTaskMemory must be one of ${memories.join(', ')} MiB.`,
        }],
      });
    }
    rule('BedrockGuardrailNeedsBedrock', {
      ruleCondition: Fn.conditionEquals(this.enableBedrockGuardrail.valueAsString, 'true'),
      assertions: [{
        assert: Fn.conditionEquals(this.enableBedrock.valueAsString, 'true'),
        assertDescription: 'EnableBedrockGuardrail guards the workspace\'s Bedrock calls: set EnableBedrock to true as well, or EnableBedrockGuardrail to false.',
      }],
    });
    rule('ApprovalWorkflowsNeedTaskQueue', {
      ruleCondition: Fn.conditionEquals(this.enableApprovalWorkflows.valueAsString, 'true'),
      assertions: [{
        assert: Fn.conditionEquals(this.enableTaskQueue.valueAsString, 'true'),
        assertDescription: 'Approved automations are handed to the agents through the task queue: set EnableTaskQueue to true as well, or EnableApprovalWorkflows to false.',
      }],
    });
    rule('CustomDomainSettings', {
      ruleCondition: Fn.conditionNot(Fn.conditionEquals(this.workspaceUrl.valueAsString, '')),
      assertions: [{
        assert: Fn.conditionNot(Fn.conditionEquals(this.consoleCertificateArn.valueAsString, '')),
        assertDescription: 'A custom WorkspaceUrl needs ConsoleCertificateArn: an ACM certificate in us-east-1 for its host. Leave WorkspaceUrl empty to use the CloudFront address.',
      }],
    });
    rule('CertificateNeedsCustomDomain', {
      ruleCondition: Fn.conditionNot(Fn.conditionEquals(this.consoleCertificateArn.valueAsString, '')),
      assertions: [{
        assert: Fn.conditionNot(Fn.conditionEquals(this.workspaceUrl.valueAsString, '')),
        assertDescription: 'ConsoleCertificateArn is used only with a custom domain: set WorkspaceUrl to the https:// address the certificate covers, or clear ConsoleCertificateArn.',
      }],
    });
    rule('SamlSignInSettings', {
      ruleCondition: Fn.conditionEquals(this.identityProviderType.valueAsString, 'SAML'),
      assertions: [
        { assert: Fn.conditionNot(Fn.conditionEquals(this.samlMetadataUrl.valueAsString, '')),
          assertDescription: 'IdentityProviderType SAML needs SamlMetadataUrl: the https:// URL of your IdP metadata.' },
      ],
    });
    rule('OidcSignInSettings', {
      ruleCondition: Fn.conditionEquals(this.identityProviderType.valueAsString, 'OIDC'),
      assertions: [
        { assert: Fn.conditionNot(Fn.conditionEquals(this.oidcIssuerUrl.valueAsString, '')),
          assertDescription: 'IdentityProviderType OIDC needs OidcIssuerUrl.' },
        { assert: Fn.conditionNot(Fn.conditionEquals(this.oidcClientId.valueAsString, '')),
          assertDescription: 'IdentityProviderType OIDC needs OidcClientId.' },
        { assert: Fn.conditionNot(Fn.conditionEquals(this.oidcClientSecret.valueAsString, '')),
          assertDescription: 'IdentityProviderType OIDC needs OidcClientSecret.' },
      ],
    });
  }
}
