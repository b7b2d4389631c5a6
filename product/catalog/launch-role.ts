import { Aws, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { acceptNagFinding } from '../shared/policy-exceptions';
import { resourcePermissions, resourceTypes } from './resource-permissions';

/** Props of {@link WorkspaceLaunchRole}. */
export interface WorkspaceLaunchRoleProps {
  /** The role's name, the same in every account the portfolio is shared with (a local launch role). */
  readonly roleName: string;
  /** Every workspace template the product offers: the role may create exactly their resource types. */
  readonly templates: Record<string, any>[];
  /** Objects the templates read (the release files): `arn:aws:s3:::<bucket>/<key pattern>`. */
  readonly releaseObjectArns: string[];
}

/** Actions of the expansion of the `AWS::SecretsManager-2024-09-16` transform (hosted rotation, a nested Serverless application). */
const TRANSFORM_ACTIONS = ['serverlessrepo:CreateCloudFormationTemplate', 'serverlessrepo:GetCloudFormationTemplate', 'serverlessrepo:GetApplication'];
/** What Service Catalog asks of a launch role to run the product's stack (AWS Service Catalog, "Launch constraints"). */
const STACK_ACTIONS = ['cloudformation:CreateStack', 'cloudformation:UpdateStack', 'cloudformation:DeleteStack', 'cloudformation:DescribeStacks',
  'cloudformation:DescribeStackEvents', 'cloudformation:SetStackPolicy', 'cloudformation:CreateChangeSet', 'cloudformation:DescribeChangeSet',
  'cloudformation:ExecuteChangeSet', 'cloudformation:DeleteChangeSet'];
/** A customer managed policy holds at most 6,144 characters; leave room for the statement layout. */
const POLICY_BUDGET = 5_000;

/**
 * The launch role of the Workspace product: Service Catalog assumes it to create, update and delete the
 * workspace stack, so buyers need no rights of their own on what the stack creates. Its permissions are
 * derived from the templates: the handler permissions of every resource type they use, per the
 * CloudFormation registry schemas, split into customer managed policies by service.
 */
export class WorkspaceLaunchRole extends Construct {
  readonly role: iam.Role;
  private stackPolicy!: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: WorkspaceLaunchRoleProps) {
    super(scope, id);
    this.role = new iam.Role(this, 'Role', {
      roleName: props.roleName,
      assumedBy: new iam.ServicePrincipal('servicecatalog.amazonaws.com'),
      description: 'Launch role of the Automation Workspace product: creates, updates and deletes the workspace stack.',
    });
    this.allowStackOperations(props.releaseObjectArns);
    workspaceActionsByPolicy(props.templates).forEach((actions, index) => {
      new iam.ManagedPolicy(this, `ResourcePolicy${index + 1}`, {
        description: `Resource types of the Automation Workspace template (part ${index + 1}).`,
        roles: [this.role],
        statements: [new iam.PolicyStatement({ actions, resources: ['*'] })],
      });
    });
    acceptNagFinding(this, 'AwsSolutions-IAM5[Resource::*]',
      'The workspace stack names most of its resources at creation (generated names), so the launch role cannot know their ARNs in advance; its actions are exactly the handler permissions of the resource types the templates create, and template validation takes no resource.');
    acceptNagFinding(this, `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:cloudformation:*:<AWS::AccountId>:stack/SC-*]`,
      'Service Catalog names each provisioned product\'s stack SC-<account>-pp-<id> at launch; the role reaches only those stacks of this account.');
    acceptNagFinding(this, 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:cloudformation:*:aws:transform/*]',
      'Transforms are AWS-owned macros; the template uses the Secrets Manager transform for hosted rotation.');
    for (const arn of props.releaseObjectArns) {
      acceptNagFinding(this, `AwsSolutions-IAM5[Resource::${this.nagForm(arn)}]`,
        'Read access to the release files of every workspace version (templates and function code) under the release prefix, in the bucket and its regional copies.');
    }
  }

  /** Lets launched stacks announce their events on the portfolio's encrypted topic. */
  allowNotifications(topicArn: string, keyArn: string): void {
    this.stackPolicy.addStatements(
      new iam.PolicyStatement({ actions: ['sns:Publish'], resources: [topicArn] }),
      new iam.PolicyStatement({ actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [keyArn] }),
    );
  }

  /** An ARN as cdk-nag writes it in a finding: every `{Ref: X}` as `<X>`. */
  private nagForm(arn: string): string {
    const resolved = Stack.of(this).resolve(arn);
    const parts: any[] = resolved['Fn::Join'] ? resolved['Fn::Join'][1] : [resolved];
    return parts.map((part) => (typeof part === 'string' ? part : `<${part.Ref}>`)).join('');
  }

  private allowStackOperations(releaseObjectArns: string[]): void {
    this.stackPolicy = new iam.ManagedPolicy(this, 'StackPolicy', {
      description: 'Run the workspace stack for Service Catalog and read its release files.',
      roles: [this.role],
      statements: [
        new iam.PolicyStatement({ actions: STACK_ACTIONS, resources: [`arn:${Aws.PARTITION}:cloudformation:*:${Aws.ACCOUNT_ID}:stack/SC-*`] }),
        new iam.PolicyStatement({ actions: ['cloudformation:CreateChangeSet'], resources: [`arn:${Aws.PARTITION}:cloudformation:*:aws:transform/*`] }),
        new iam.PolicyStatement({ actions: ['cloudformation:GetTemplateSummary', 'cloudformation:ValidateTemplate', ...TRANSFORM_ACTIONS], resources: ['*'] }),
        new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: releaseObjectArns }),
      ],
    });
  }
}

/** The IAM actions for every resource type of the templates, service prefixes in lower case, sorted. */
export function workspaceActions(templates: Record<string, any>[]): string[] {
  const types = [...new Set(templates.flatMap(resourceTypes))];
  const actions = types.flatMap(resourcePermissions).map((action) => {
    const [service, name] = action.split(':');
    return `${service.toLowerCase()}:${name}`;
  });
  return [...new Set(actions)].sort();
}

/** {@link workspaceActions} packed into policies of at most POLICY_BUDGET characters, one service never split across two. */
export function workspaceActionsByPolicy(templates: Record<string, any>[]): string[][] {
  const byService = new Map<string, string[]>();
  for (const action of workspaceActions(templates)) {
    const service = action.split(':')[0];
    byService.set(service, [...(byService.get(service) ?? []), action]);
  }
  const policies: string[][] = [];
  let size = Infinity;
  for (const actions of byService.values()) {
    const length = actions.reduce((total, action) => total + action.length + 3, 0);
    if (size + length > POLICY_BUDGET) {
      policies.push([]);
      size = 0;
    }
    policies[policies.length - 1].push(...actions);
    size += length;
  }
  return policies;
}
