import { actsOnPeople, ArnScope, serviceStatements } from './launch-scope';
import { resourcePermissions, resourceTypes } from './resource-permissions';

/** A customer managed policy holds at most 6,144 characters; leave room for the statement layout. */
const POLICY_BUDGET = 5_000;
/** ARNs as they read once resolved, to size the policies. */
const SIZING_SCOPE: ArnScope = { partition: 'aws-us-gov', account: '123456789012' };

/** The IAM actions for every resource type of the templates, service prefixes in lower case, sorted; none on IAM users or groups. */
export function workspaceActions(templates: Record<string, any>[]): string[] {
  for (const template of templates) refuseUsersAndGroups(template);
  const types = [...new Set(templates.flatMap(resourceTypes))];
  const actions = types.flatMap(resourcePermissions).map((action) => {
    const [service, name] = action.split(':');
    return `${service.toLowerCase()}:${name}`;
  });
  return [...new Set(actions)].filter((action) => !actsOnPeople(action)).sort();
}

/** The launch role grants nothing on IAM users and groups, so a template must not create or attach to any. */
function refuseUsersAndGroups(template: Record<string, any>): void {
  for (const [id, resource] of Object.entries<any>(template.Resources ?? {})) {
    const people = ['AWS::IAM::User', 'AWS::IAM::Group', 'AWS::IAM::UserToGroupAddition'].includes(resource.Type)
      || Boolean(resource.Properties?.Users || resource.Properties?.Groups);
    if (people) throw new Error(`${id} (${resource.Type}) creates or grants to IAM users or groups, which the launch role may not touch; grant to a role instead`);
  }
}

/** The services a template's roles trust (`iam:PassedToService` for passing them), sorted. */
export function trustedServices(templates: Record<string, any>[]): string[] {
  const services = templates.flatMap((template) => Object.values<any>(template.Resources ?? {})
    .filter((resource) => resource.Type === 'AWS::IAM::Role')
    .flatMap((role) => role.Properties.AssumeRolePolicyDocument.Statement)
    .flatMap((statement: any) => [statement.Principal?.Service, statement.Principal?.Federated].flat())
    .filter((principal: unknown): principal is string => typeof principal === 'string'));
  return [...new Set(services)].sort();
}

/**
 * The service-linked roles CloudFormation may create for a resource type on its first use in an
 * account (`iam:AWSServiceName`), from each service's guide.
 */
export const SERVICE_LINKED_ROLES: Record<string, string[]> = {
  'AWS::ApplicationAutoScaling::ScalableTarget': ['ecs.application-autoscaling.amazonaws.com'],
  'AWS::Backup::BackupSelection': ['backup.amazonaws.com'],
  'AWS::Backup::BackupVault': ['backup.amazonaws.com'],
  'AWS::Backup::BackupPlan': ['backup.amazonaws.com'],
  'AWS::CloudTrail::Trail': ['cloudtrail.amazonaws.com'],
  'AWS::Cognito::UserPool': ['email.cognito-idp.amazonaws.com'],
  'AWS::Cognito::UserPoolClient': ['email.cognito-idp.amazonaws.com'],
  'AWS::DocDB::DBCluster': ['rds.amazonaws.com'],
  'AWS::DynamoDB::Table': ['replication.dynamodb.amazonaws.com', 'dynamodb.application-autoscaling.amazonaws.com'],
  'AWS::EC2::FlowLog': ['delivery.logs.amazonaws.com'],
  'AWS::ECS::Cluster': ['ecs.amazonaws.com'],
  'AWS::GuardDuty::Detector': ['guardduty.amazonaws.com', 'malware-protection.guardduty.amazonaws.com'],
  'AWS::WAFv2::LoggingConfiguration': ['wafv2.amazonaws.com'],
};

/** The services whose service-linked roles the templates' resource types may create, sorted. */
export function serviceLinkedRoles(templates: Record<string, any>[]): string[] {
  const types = [...new Set(templates.flatMap(resourceTypes))];
  const services = types.filter((type) => resourcePermissions(type).includes('iam:CreateServiceLinkedRole')).flatMap((type) => {
    if (!SERVICE_LINKED_ROLES[type]) throw new Error(`${type} may create a service-linked role; add the role's service name to SERVICE_LINKED_ROLES with its source`);
    return SERVICE_LINKED_ROLES[type];
  });
  return [...new Set(services)].sort();
}

/** The templates' actions outside IAM, grouped by service into policies of at most POLICY_BUDGET characters (one service never split). */
export function serviceActionsByPolicy(templates: Record<string, any>[]): string[][][] {
  const byService = new Map<string, string[]>();
  for (const action of workspaceActions(templates).filter((candidate) => !candidate.startsWith('iam:'))) {
    const service = action.split(':')[0];
    byService.set(service, [...(byService.get(service) ?? []), action]);
  }
  const policies: string[][][] = [];
  let size = Infinity;
  for (const [service, actions] of byService) {
    const length = JSON.stringify(serviceStatements(service, actions, SIZING_SCOPE).map((statement) => statement.toStatementJson())).length;
    if (size + length > POLICY_BUDGET) {
      policies.push([]);
      size = 0;
    }
    policies[policies.length - 1].push(actions);
    size += length;
  }
  return policies;
}
