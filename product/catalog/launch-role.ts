import { Aws, CfnCondition, Fn, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { acceptNagFinding } from '../shared/policy-exceptions';
import { serviceActionsByPolicy, serviceLinkedRoles, trustedServices, workspaceActions } from './launch-actions';
import { ArnScope, serviceStatements, THROUGH_CLOUDFORMATION } from './launch-scope';
import { roleStatements } from './role-grants';

/** Props of {@link WorkspaceLaunchRole}. */
export interface WorkspaceLaunchRoleProps {
  /** The role's name, the same in every account the portfolio is shared with (a local launch role). */
  readonly roleName: string;
  /** Every workspace template the product offers: the role may create exactly their resource types. */
  readonly templates: Record<string, any>[];
  /** Objects the templates read (the release files): `arn:aws:s3:::<bucket>/<key pattern>`. */
  readonly releaseObjectArns: string[];
  /** The permissions boundary every role the workspace creates must carry (`PermissionsBoundaryArn`). */
  readonly boundaryArn: string;
  /** Holds when {@link boundaryArn} is given; otherwise roles are created without a boundary. */
  readonly boundaryGiven: CfnCondition;
}

/** Actions of the expansion of the `AWS::SecretsManager-2024-09-16` transform (hosted rotation, a nested Serverless application). */
const TRANSFORM_ACTIONS = ['serverlessrepo:CreateCloudFormationTemplate', 'serverlessrepo:GetCloudFormationTemplate', 'serverlessrepo:GetApplication'];
/** What Service Catalog asks of a launch role to run the product's stack (AWS Service Catalog, "Launch constraints"). */
const STACK_ACTIONS = ['cloudformation:CreateStack', 'cloudformation:UpdateStack', 'cloudformation:DeleteStack', 'cloudformation:DescribeStacks',
  'cloudformation:DescribeStackEvents', 'cloudformation:SetStackPolicy', 'cloudformation:CreateChangeSet', 'cloudformation:DescribeChangeSet',
  'cloudformation:ExecuteChangeSet', 'cloudformation:DeleteChangeSet'];

/**
 * The launch role of the Workspace product: Service Catalog assumes it to create, update and delete the
 * workspace stack, so buyers need no rights of their own on what the stack creates. Its actions are the
 * handler permissions of every resource type the templates use, per the CloudFormation registry schemas;
 * each holds only for CloudFormation's calls, on what a provisioned product's stack creates (by name, or
 * by the stack's tag), and roles it creates carry the buyer's permissions boundary when one is given.
 */
export class WorkspaceLaunchRole extends Construct {
  readonly role: iam.Role;
  private stackPolicy!: iam.ManagedPolicy;
  /** Every resource the role's grants on the workspace name. */
  private readonly grantedResources: string[] = [];

  constructor(scope: Construct, id: string, props: WorkspaceLaunchRoleProps) {
    super(scope, id);
    this.role = new iam.Role(this, 'Role', {
      roleName: props.roleName,
      // Service Catalog assumes the role for launches in this account; where it states the account, it must be this one.
      assumedBy: new iam.ServicePrincipal('servicecatalog.amazonaws.com').withConditions({ StringEqualsIfExists: { 'aws:SourceAccount': Aws.ACCOUNT_ID } }),
      description: 'Launch role of the Automation Workspace product: creates, updates and deletes the workspace stack.',
    });
    const arnScope: ArnScope = { partition: Aws.PARTITION, account: Aws.ACCOUNT_ID };
    this.allowStackOperations(props.releaseObjectArns);
    serviceActionsByPolicy(props.templates).forEach((services, index) => {
      new iam.ManagedPolicy(this, `ResourcePolicy${index + 1}`, {
        description: `Resource types of the Automation Workspace template (part ${index + 1}), on what a provisioned product creates.`,
        roles: [this.role],
        statements: this.granted(services.flatMap((actions) => serviceStatements(actions[0].split(':')[0], actions, arnScope))),
      });
    });
    this.allowRoles(props, arnScope);
    this.acceptNagFindings(props.releaseObjectArns);
  }

  /** Lets launched stacks announce their events on the portfolio's encrypted topic. */
  allowNotifications(topicArn: string, keyArn: string): void {
    this.stackPolicy.addStatements(
      new iam.PolicyStatement({ actions: ['sns:Publish'], resources: [topicArn] }),
      new iam.PolicyStatement({ actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [keyArn] }),
    );
  }

  /** The IAM grants, in two policies of which the boundary's condition picks one. */
  private allowRoles(props: WorkspaceLaunchRoleProps, arnScope: ArnScope): void {
    const actions = workspaceActions(props.templates).filter((action) => action.startsWith('iam:'));
    const passedTo = trustedServices(props.templates);
    const linked = serviceLinkedRoles(props.templates);
    const unbounded = new CfnCondition(this, 'NoBoundary', { expression: Fn.conditionNot(props.boundaryGiven) });
    const variants: [string, CfnCondition, string | undefined][] = [['RolePolicy', unbounded, undefined], ['BoundedRolePolicy', props.boundaryGiven, props.boundaryArn]];
    for (const [name, condition, boundary] of variants) {
      const policy = new iam.ManagedPolicy(this, name, {
        description: boundary ? 'The workspace\'s roles, each created with the permissions boundary.' : 'The workspace\'s roles.',
        roles: [this.role],
        statements: this.granted(roleStatements(actions, arnScope, { passedTo, linked, boundary })),
      });
      (policy.node.defaultChild as iam.CfnManagedPolicy).cfnOptions.condition = condition;
    }
  }

  private acceptNagFindings(releaseObjectArns: string[]): void {
    acceptNagFinding(this, 'AwsSolutions-IAM5[Resource::*]',
      'Actions that take no resource (the Service Authorization Reference lists none for them: describe and list calls, CreateKey, CreateUserPool...) name "*"; they hold only for CloudFormation\'s calls (aws:CalledViaFirst).');
    for (const resource of new Set(this.grantedResources.filter((arn) => arn !== '*').map((arn) => this.nagForm(arn)))) {
      acceptNagFinding(this, `AwsSolutions-IAM5[Resource::${resource}]`, wildcardReason(resource));
    }
    acceptNagFinding(this, `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:cloudformation:*:<AWS::AccountId>:stack/SC-*]`,
      'Service Catalog names each provisioned product\'s stack SC-<account>-pp-<id> at launch; the role reaches only those stacks of this account.');
    acceptNagFinding(this, 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:serverlessrepo:*:*:applications/SecretsManager*]',
      'AWS publishes the Secrets Manager rotation applications the transform expands, from accounts of its own that differ by Region.');
    acceptNagFinding(this, 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:cloudformation:*:aws:transform/*]',
      'Transforms are AWS-owned macros; the template uses the Secrets Manager transform for hosted rotation.');
    for (const arn of releaseObjectArns) {
      acceptNagFinding(this, `AwsSolutions-IAM5[Resource::${this.nagForm(arn)}]`,
        'Read access to the release files of every workspace version (templates and function code) under the release prefix, in the bucket and its regional copies.');
    }
  }

  private granted(statements: iam.PolicyStatement[]): iam.PolicyStatement[] {
    this.grantedResources.push(...statements.flatMap((statement) => statement.resources));
    return statements;
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
        new iam.PolicyStatement({ actions: ['cloudformation:GetTemplateSummary', 'cloudformation:ValidateTemplate'], resources: ['*'] }),
        // The transform reads AWS's published rotation applications (in AWS's own accounts) while CloudFormation expands the template.
        new iam.PolicyStatement({ actions: TRANSFORM_ACTIONS, resources: [`arn:${Aws.PARTITION}:serverlessrepo:*:*:applications/SecretsManager*`], conditions: THROUGH_CLOUDFORMATION }),
        new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: releaseObjectArns }),
      ],
    });
  }
}

/** Why the launch role may name a wildcard resource (cdk-nag's IAM5), by the kind of pattern. */
function wildcardReason(resource: string): string {
  if (resource.includes('aws-service-role/')) return 'Service-linked roles, only of the services the workspace\'s resource types use (iam:AWSServiceName), created on their first use in the account.';
  if (/(SC-|sc-|workspace-)\*/.test(resource)) {
    return 'What a provisioned product creates: Service Catalog names its stack SC-<account>-pp-<id>, and CloudFormation names the resources after the stack (the workspace names the rest workspace-*).';
  }
  return 'Resources this service names with generated IDs, which no pattern ties to a stack: the grant is limited to this account and to CloudFormation\'s calls (aws:CalledViaFirst), and deleting or reading keys, secrets and the detector to those tagged with a provisioned product\'s stack.';
}
