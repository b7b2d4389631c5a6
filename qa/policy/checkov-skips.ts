/**
 * Every checkov check the static checks let fail, with the reason: the one place checkov's findings are
 * accepted (qa/policy/checkov.ts reads it). A skip names the template and, when the check is wrong for
 * some resources only, their logical IDs. A skip that no longer matches a failure fails the run, so the
 * list only holds what still applies.
 */
export interface CheckovSkip {
  /** The checkov check ID, `CKV_AWS_<n>`. */
  readonly check: string;
  /** The file name of the template the check fails on. */
  readonly template: 'workspace.template.json' | 'portfolio.template.json' | string;
  /**
   * Logical IDs of the resources the skip covers.
   * @default - every resource of the template
   */
  readonly resources?: readonly string[];
  /** Why the check does not apply, or when it will be fixed. */
  readonly reason: string;
}

export const CHECKOV_SKIPS: readonly CheckovSkip[] = [
  {
    check: 'CKV_AWS_111', template: 'workspace.template.json',
    resources: ['DefaultSecurityGroupCloserExecutionRoleDefaultPolicy57A73C41', 'ApiHandlerExecutionRoleDefaultPolicy73568755',
      'WorkflowExecutorExecutionRoleDefaultPolicy9007AC9D', 'ConsolePublicationPublisherExecutionRoleDefaultPolicyD7067C5A',
      'SecretRotationExecutionRoleDefaultPolicy696B6045'],
    reason: 'The writes on "*" are the network-interface actions Lambda takes for a function in the private subnets (interfaces it creates at scaling time, whose IDs no policy can name; AWSLambdaVPCAccessExecutionRole grants them on "*" too) and X-Ray\'s PutTraceSegments and PutTelemetryRecords, which take no resource ARN.',
  },
  {
    check: 'CKV_AWS_18', template: 'workspace.template.json', resources: ['AccessLogBucketE546A1FA'],
    reason: 'This is the bucket the other buckets log their access to; logging its own access would need a further bucket, and that one another.',
  },
  {
    check: 'CKV_AWS_120', template: 'workspace.template.json', resources: ['ApiDeploymentStagev1149A6FAE'],
    reason: 'Responses are per signed-in user and change with every write; a cache would serve stale or another user\'s data.',
  },
  {
    check: 'CKV_AWS_86', template: 'workspace.template.json', resources: ['ConsoleDistribution022D3262'],
    reason: 'CloudFront standard logs need an ACL-enabled bucket, which every workspace bucket refuses (BucketOwnerEnforced); the console bucket\'s S3 server access logs record every read through the distribution.',
  },
  {
    check: 'CKV_AWS_174', template: 'workspace.template.json', resources: ['ConsoleDistribution022D3262'],
    reason: 'With WorkspaceUrl set the viewer certificate requires TLSv1.2_2021; without it the distribution uses CloudFront\'s default certificate, which takes no MinimumProtocolVersion. checkov does not read the Fn::If between the two.',
  },
  {
    check: 'CKV_AWS_173', template: 'workspace.template.json', resources: ['ApiHandlerFunction73BB96D1', 'WorkflowExecutorFunctionD0F25FC4'],
    reason: 'The variables hold resource names and ARNs, no secret (credentials are read from Secrets Manager), and Lambda encrypts them at rest with its AWS managed key. A customer managed key needs the logs key policy to let Lambda create grants for the launch role, a change to verify on a real deployment first.',
  },
  {
    check: 'CKV_AWS_360', template: 'workspace.template.json', resources: ['DocumentDbCluster876287C6'],
    reason: 'checkov 3.3.30 crashes on this check (it compares the parameter\'s value as a string to 7); the retention is the DocumentDbBackupRetentionDays parameter, whose MinValue is 7.',
  },
  {
    check: 'CKV_AWS_116', template: 'portfolio.template.json', resources: ['AdministrationFunction7D633CB8'],
    reason: 'CloudFormation is the function\'s only caller and waits for its answer: a failure shows as the custom resource\'s failed event, and a queued request could not be replayed once its response URL expires.',
  },
  {
    check: 'CKV_AWS_117', template: 'portfolio.template.json', resources: ['AdministrationFunction7D633CB8'],
    reason: 'The portfolio has no VPC: the function calls only the Service Catalog and Organizations APIs and CloudFormation\'s response URL, and holds no data.',
  },
];
