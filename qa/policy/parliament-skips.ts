/**
 * Every parliament finding the static checks accept, with the reason: the one place they are accepted
 * (qa/policy/parliament.ts reads it). A skip that no longer matches a finding fails the run.
 */
export interface ParliamentSkip {
  /** parliament's issue code (`RESOURCE_STAR`, `RESOURCE_MISMATCH`...). */
  readonly issue: string;
  /** The file name of the template. */
  readonly template: 'workspace.template.json' | 'portfolio.template.json';
  /** Logical IDs of the resources holding the policies. */
  readonly resources: readonly string[];
  readonly reason: string;
}

const NETWORK_INTERFACES = 'The network-interface actions Lambda takes for a function in the private subnets act on interfaces it creates at scaling time, whose IDs no policy can name (AWSLambdaVPCAccessExecutionRole grants them on "*" too); checkov\'s CKV_AWS_111 skip says the same.';
const AWS_OWNED = 'The resources are AWS-owned and their ARNs have no account (arn:aws:ssm:<region>::document/AWS-*, arn:aws:bedrock:<region>::foundation-model/<id>), as the Service Authorization Reference writes them; parliament 1.6.4 matches an empty account against no format.';
const PULLS_IMAGES = 'A task execution role pulls the container images: ecr:GetAuthorizationToken takes no resource, and the repositories it may read are named in the same policy.';
const LAUNCH_ROLE_MANAGES = 'The launch role creates the workspace\'s roles, resource policies and key policies, as launching the product needs: each grant holds only for CloudFormation\'s calls, on what a provisioned product creates, and with a boundary only for roles that carry it (tested by product/catalog/launch-role-evaluation.test.ts).';

const WORKSPACE_KEYS = ['KeysDynamoDbKeyEEC56B26', 'KeysDocumentDbKey1A74CFF5', 'KeysLogsKey19388E9F', 'KeysBackupStorageKey9EE7424F'];
const LOGS_KEY_POLICY = 'The statement that lets CloudWatch Logs (and CloudTrail) use the key is the one the CloudWatch Logs guide gives: ArnLike on kms:EncryptionContext:aws:logs:arn over the Encrypt*, Decrypt*, ReEncrypt*, GenerateDataKey* and Describe* actions; parliament 1.6.4 types the context key as a string and knows no encryption context on DescribeKey.';

export const PARLIAMENT_SKIPS: readonly ParliamentSkip[] = [
  {
    issue: 'PERMISSIONS_MANAGEMENT_ACTIONS', template: 'workspace.template.json', resources: ['DisasterRecoveryRole44E53762'],
    reason: 'AWS Backup creates KMS grants on the table\'s, the cluster\'s and the vault\'s keys for the AWS resources it makes (kms:GrantIsForAWSResource), as its own managed policy does.',
  },
  {
    issue: 'RESOURCE_STAR', template: 'workspace.template.json', resources: WORKSPACE_KEYS,
    reason: 'In a key policy "*" is the key the policy belongs to, the only resource a key policy can name.',
  },
  { issue: 'RESOURCE_STAR', template: 'portfolio.template.json', resources: ['StackEventsKey73901768'], reason: 'In a key policy "*" is the key the policy belongs to.' },
  {
    issue: 'PERMISSIONS_MANAGEMENT_ACTIONS', template: 'workspace.template.json', resources: WORKSPACE_KEYS,
    reason: 'The account administers its keys (the key policy lets IAM policies grant kms:Put*, Create*, Enable*...), as AWS\'s default key policy does, so keys stay manageable; grants are denied unless for an AWS resource (NoGrantsExceptForAwsResources).',
  },
  {
    issue: 'PERMISSIONS_MANAGEMENT_ACTIONS', template: 'portfolio.template.json', resources: ['StackEventsKey73901768'],
    reason: 'The account administers the key, as AWS\'s default key policy does; grants are denied unless for an AWS resource.',
  },
  { issue: 'MISMATCHED_TYPE', template: 'workspace.template.json', resources: ['KeysLogsKey19388E9F'], reason: LOGS_KEY_POLICY },
  { issue: 'MISMATCHED_TYPE', template: 'portfolio.template.json', resources: ['StackEventsKey73901768'], reason: LOGS_KEY_POLICY },
  { issue: 'UNKNOWN_CONDITION_FOR_ACTION', template: 'workspace.template.json', resources: ['KeysLogsKey19388E9F'], reason: LOGS_KEY_POLICY },
  { issue: 'UNKNOWN_CONDITION_FOR_ACTION', template: 'portfolio.template.json', resources: ['StackEventsKey73901768'], reason: LOGS_KEY_POLICY },
  {
    issue: 'RESOURCE_STAR', template: 'workspace.template.json', reason: NETWORK_INTERFACES,
    resources: ['DefaultSecurityGroupCloserExecutionRoleDefaultPolicy57A73C41', 'ApiHandlerExecutionRoleDefaultPolicy73568755',
      'WorkflowExecutorExecutionRoleDefaultPolicy9007AC9D', 'ConsolePublicationPublisherExecutionRoleDefaultPolicyD7067C5A',
      'ApprovalWorkflowStepsExecutionRoleDefaultPolicy5F0BB42B', 'SecretRotationExecutionRoleDefaultPolicy696B6045'],
  },
  {
    issue: 'RESOURCE_MISMATCH', template: 'workspace.template.json', reason: AWS_OWNED,
    resources: ['EngineTaskDefinitionTaskRoleDefaultPolicy0D053CBA', 'BedrockInvokeListedModelsE4364DFF', 'ApprovalWorkflowBedrockInvokeListedModels449755AC'],
  },
  {
    issue: 'RESOURCE_MISMATCH', template: 'workspace.template.json', resources: ['SignInOwnExportsPolicyA048DE2B'],
    reason: 'The object ARN ends in /exports/${cognito-identity.amazonaws.com:sub}/*, a policy variable whose colon parliament 1.6.4 reads as an ARN separator; the ARN is an S3 object ARN.',
  },
  {
    issue: 'RESOURCE_MISMATCH', template: 'workspace.template.json', resources: ['ApprovalWorkflowStartsB71FE01F'],
    reason: 'DescribeExecution takes an execution or an express execution; the state machine is a standard one, so its execution ARN is the one; parliament 1.6.4 asks for both formats.',
  },
  {
    issue: 'CREDENTIALS_EXPOSURE', template: 'workspace.template.json', reason: PULLS_IMAGES,
    resources: ['EngineTaskDefinitionExecutionRoleDefaultPolicy4D6DA3D1', 'AgentsSupervisorTaskDefinitionExecutionRoleDefaultPolicyF90A89F9',
      'AgentsThreatHunterTaskDefinitionExecutionRoleDefaultPolicyADE09B55', 'AgentsIncidentResponseTaskDefinitionExecutionRoleDefaultPolicyA6E52DCF',
      'AgentsServiceOrchestrationTaskDefinitionExecutionRoleDefaultPolicyABE13243'],
  },
  {
    issue: 'PERMISSIONS_MANAGEMENT_ACTIONS', template: 'workspace.template.json', resources: ['ApprovalWorkflowStateMachineRoleDefaultPolicy7D3382BA'],
    reason: 'Step Functions needs logs:PutResourcePolicy and the log-delivery actions to deliver the state machine\'s logs, on "*" as the Step Functions guide lists them.',
  },
  {
    issue: 'PERMISSIONS_MANAGEMENT_ACTIONS', template: 'portfolio.template.json', reason: LAUNCH_ROLE_MANAGES,
    resources: ['LaunchRoleResourcePolicy70CEE9BD0', 'LaunchRoleRolePolicyB6BB96E5', 'LaunchRoleBoundedRolePolicyC5B243D3'],
  },
  {
    issue: 'INVALID_ARN', template: 'portfolio.template.json', resources: ['LaunchRoleStackPolicy41BB8C9D'],
    reason: 'AWS publishes the Secrets Manager rotation applications from accounts of its own that differ by Region (arn:aws:serverlessrepo:*:*:applications/SecretsManager*), and CloudFormation\'s transforms are in the account "aws".',
  },
];
