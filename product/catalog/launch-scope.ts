import * as iam from 'aws-cdk-lib/aws-iam';
import { actionResources } from './resource-permissions';

/**
 * The names of what a provisioned product creates: Service Catalog names its stack `SC-<account>-pp-<id>`,
 * CloudFormation names a resource it names itself `<stack>-<logical ID>-<suffix>` (lower case where the
 * service wants it) and a nested stack after its parent, and the workspace names the rest `workspace-*`.
 */
export const PROVISIONED_STACKS = 'SC-*';

/**
 * Every grant of the launch role holds only for calls CloudFormation makes for a stack: it calls the
 * resource APIs with the role's forward access session, which carries `aws:CalledViaFirst`. The role's
 * credentials used directly (by Service Catalog, or anyone who obtained them) get none of these grants.
 */
export const THROUGH_CLOUDFORMATION = { StringEquals: { 'aws:CalledViaFirst': 'cloudformation.amazonaws.com' } };

/**
 * The tag CloudFormation puts on every resource it creates that takes tags; a provisioned product's
 * resources carry its stack's name there.
 */
export const STACK_NAME_TAG = 'aws:cloudformation:stack-name';

/**
 * Destructive or data-reading actions on resources with generated IDs (keys, secrets, the detector),
 * which no ARN pattern can tie to a stack: granted only on resources tagged by a provisioned product's stack.
 */
export const STACK_TAGGED_ONLY = new Set([
  'kms:ScheduleKeyDeletion', 'kms:DisableKey', 'kms:DisableKeyRotation', 'kms:PutKeyPolicy', 'kms:Decrypt', 'kms:ReEncryptFrom', 'kms:CreateGrant', 'kms:RevokeGrant',
  'secretsmanager:DeleteSecret', 'secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue', 'secretsmanager:UpdateSecret',
  'secretsmanager:PutResourcePolicy', 'secretsmanager:DeleteResourcePolicy', 'secretsmanager:CancelRotateSecret',
  'guardduty:DeleteDetector', 'guardduty:UpdateDetector',
]);

/**
 * Actions whose resource types in the Service Authorization Reference are all optional and not what
 * CloudFormation's call touches (CreateGuardrail names an automated-reasoning policy only when the
 * guardrail uses one; Unsubscribe acts on a subscription, which is no resource type): IAM then authorizes
 * the call on "*", so they are granted there too.
 */
export const AUTHORIZED_ON_ANY_RESOURCE = new Set([
  'bedrock:CreateGuardrail', 'cloudwatch:GetMetricData', 'redshift:DescribeClusters', 'sns:GetSubscriptionAttributes',
  'sns:SetSubscriptionAttributes', 'sns:Unsubscribe', 'vpce:AllowMultiRegion',
]);

/** IAM actions that give a role permissions: with a boundary, allowed only when the role carries it (`iam:PermissionsBoundary`). */
export const ROLE_PERMISSION_ACTIONS = ['iam:CreateRole', 'iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:PutRolePermissionsBoundary'];

/** Where the ARNs of a launch resolve: the partition and account, as tokens in the template or as text for sizing. */
export interface ArnScope {
  readonly partition: string;
  readonly account: string;
}

/**
 * ARN patterns of the resources of a type that a provisioned product's stack creates, where their names
 * derive from the stack's name or the workspace's naming, by `<service> <resource type>` as the Service
 * Authorization Reference names them. Other types are scoped to the account.
 */
const NAMED_BY_STACK: Record<string, (scope: ArnScope) => string[]> = {
  'iam role': ({ partition, account }) => [`arn:${partition}:iam::${account}:role/${PROVISIONED_STACKS}`],
  's3 bucket': ({ partition }) => [`arn:${partition}:s3:::${PROVISIONED_STACKS.toLowerCase()}`],
  's3 object': ({ partition }) => [`arn:${partition}:s3:::${PROVISIONED_STACKS.toLowerCase()}/*`],
  'cloudtrail trail': ({ partition, account }) => [`arn:${partition}:cloudtrail:*:${account}:trail/${PROVISIONED_STACKS}`],
  'lambda function': ({ partition, account }) => [`arn:${partition}:lambda:*:${account}:function:${PROVISIONED_STACKS}`,
    `arn:${partition}:lambda:*:${account}:function:workspace-*`],
};

/**
 * S3's other resource types (access points, access grants, Storage Lens groups): the workspace creates
 * none, and their ARNs are regional, which IAM refuses in a policy that also names buckets.
 */
const S3_TYPES_CREATED = new Set(['bucket', 'object']);

/** IAM's users and groups: the workspace creates none, so the launch role may touch none. */
const PEOPLE = new Set(['user', 'group']);

/** Whether an action acts only on IAM users or groups (`iam:PutUserPolicy`). */
export function actsOnPeople(action: string): boolean {
  const resources = actionResources(action);
  return action.startsWith('iam:') && resources.length > 0 && resources.every(({ type }) => PEOPLE.has(type));
}

/**
 * The resources an action may act on for a provisioned product: the stack's own names where
 * {@link NAMED_BY_STACK} knows them, else the account's resources of the action's service; `["*"]`
 * when the action takes no resource, or none of its resource types is what the call touches.
 */
export function launchResources(action: string, scope: ArnScope): string[] {
  const [service] = action.split(':');
  const resources = actionResources(action);
  if (resources.length === 0 || AUTHORIZED_ON_ANY_RESOURCE.has(action)) return ['*'];
  const relevant = service === 's3' ? resources.filter(({ type }) => S3_TYPES_CREATED.has(type)) : resources;
  const patterns = (relevant.length > 0 ? relevant : resources).flatMap(({ type, formats }) => {
    const named = NAMED_BY_STACK[`${service} ${type}`];
    return named ? named(scope) : formats.map((format) => accountWide(format, scope));
  });
  return [...new Set(patterns)].sort();
}

/** `arn:${Partition}:ec2:${Region}:${Account}:vpc/.*` as `arn:<partition>:ec2:*:<account>:*`: the service's resources in the account. */
function accountWide(format: string, scope: ArnScope): string {
  const [arn, , service, region, account] = format.split(':');
  return [arn, scope.partition, service, region ? '*' : '', account ? scope.account : '', '*'].join(':');
}

/** One service's grants: its actions on its resources, with the conditions every grant carries. */
export function serviceStatements(service: string, actions: string[], scope: ArnScope): iam.PolicyStatement[] {
  const byResources = new Map<string, string[]>();
  for (const action of actions) {
    const key = `${STACK_TAGGED_ONLY.has(action) ? 'tagged' : 'any'} ${launchResources(action, scope).join(' ')}`;
    byResources.set(key, [...(byResources.get(key) ?? []), action]);
  }
  return [...byResources.entries()].map(([key, grouped], index) => {
    const [kind, ...resources] = key.split(' ');
    const tagged = kind === 'tagged';
    return new iam.PolicyStatement({
      sid: `${sidOf(service)}${tagged ? 'StackTagged' : ''}${index + 1}`,
      actions: grouped.sort(),
      resources,
      conditions: tagged
        ? { ...THROUGH_CLOUDFORMATION, StringLike: { [`aws:ResourceTag/${STACK_NAME_TAG}`]: PROVISIONED_STACKS } }
        : THROUGH_CLOUDFORMATION,
    });
  });
}

/** `cognito-idp` as `CognitoIdp`: a statement ID takes letters and digits only. */
function sidOf(service: string): string {
  return service.split('-').map((part) => part[0].toUpperCase() + part.slice(1)).join('');
}
