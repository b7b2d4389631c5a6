import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The CloudFormation registry schemas shipped with cfn-lint (installed by `npm ci` into qa/.venv): each
 * names, per resource type, the IAM actions its create, read, update and delete handlers call.
 */
const LIB = join(__dirname, '../../qa/.venv/cfn-lint/lib');
const HANDLERS = ['create', 'read', 'update', 'delete'];
/**
 * An IAM action is `service:Name`. Some schemas also list S3 access-log operation names
 * (`s3:REST.PUT.OBJECT`, in AWS::Logs::LogGroup's), which are not IAM actions and IAM rejects.
 */
const IAM_ACTION = /^[a-zA-Z0-9-]+:[a-zA-Z0-9*]+$/;

/**
 * Types whose schema names no handler permissions (DocumentDB's are older than the registry), with the
 * actions CloudFormation calls for them, from the DocumentDB API reference. Deletion with a final
 * snapshot (`DeletionPolicy: Snapshot`) needs the snapshot action.
 */
export const PERMISSIONS_WITHOUT_SCHEMA: Record<string, string[]> = {
  'AWS::DocDB::DBCluster': ['rds:CreateDBCluster', 'rds:ModifyDBCluster', 'rds:DeleteDBCluster', 'rds:DescribeDBClusters',
    'rds:CreateDBClusterSnapshot', 'rds:AddTagsToResource', 'rds:RemoveTagsFromResource', 'rds:ListTagsForResource',
    // The first cluster of an account creates RDS's service-linked role with the caller's permissions.
    'iam:CreateServiceLinkedRole'],
  'AWS::DocDB::DBInstance': ['rds:CreateDBInstance', 'rds:ModifyDBInstance', 'rds:DeleteDBInstance', 'rds:DescribeDBInstances',
    'rds:AddTagsToResource', 'rds:RemoveTagsFromResource', 'rds:ListTagsForResource'],
};

function schemaDirectory(): string {
  const python = existsSync(LIB) ? readdirSync(LIB).find((name) => name.startsWith('python')) : undefined;
  const directory = python && join(LIB, python, 'site-packages/cfnlint/data/schemas');
  if (!directory || !existsSync(directory)) {
    throw new Error(`the CloudFormation resource schemas were not found under ${LIB}; run npm ci (it installs cfn-lint, which carries them)`);
  }
  return directory;
}

/** cfn-lint's copy of the Service Authorization Reference: per service (lower case), its actions and resource types. */
type ServiceAuthorization = Record<string, {
  Actions: Record<string, { Resources?: string[] }>;
  Resources?: Record<string, { ARNFormats: string[] }>;
}>;

let authorization: ServiceAuthorization | undefined;

/**
 * IAM's own list of actions per service (lower case), as cfn-lint ships it, read once: some schemas name
 * actions that IAM does not have (renamed or never published), which a policy must not carry.
 */
function serviceAuthorization(): ServiceAuthorization {
  authorization ??= JSON.parse(readFileSync(join(schemaDirectory(), '../AdditionalSpecs/Policies.json'), 'utf8')) as ServiceAuthorization;
  return authorization;
}

/** Each type's actions once derived: synthesis asks for them per policy, per role grant and per service-linked role. */
const permissionsByType = new Map<string, string[]>();

/** A resource type an action is authorized on, with its ARN formats (`arn:${Partition}:iam::${Account}:role/.*`). */
export interface ActionResource {
  /** The type's name in the Service Authorization Reference: `role`, `user`, `key`... */
  readonly type: string;
  readonly formats: string[];
}

/**
 * The resource types IAM authorizes `action` on, per the Service Authorization Reference; empty when the
 * action takes no resource and a policy must name "*" for it.
 */
export function actionResources(action: string): ActionResource[] {
  const known = serviceAuthorization();
  const [service, name] = action.toLowerCase().split(':');
  const types = known[service]?.Actions[name]?.Resources ?? [];
  return types.map((type) => {
    const formats = known[service].Resources?.[type]?.ARNFormats ?? known[service].Resources?.[type.toLowerCase()]?.ARNFormats;
    if (!formats) throw new Error(`${action}: resource type ${type} has no ARN format in cfn-lint's Policies.json`);
    return { type, formats };
  });
}

function isKnownAction(action: string, known: ServiceAuthorization): boolean {
  const [service, name] = action.toLowerCase().split(':');
  return Boolean(known[service]?.Actions && name in known[service].Actions);
}

/**
 * The IAM actions CloudFormation needs to create, update and delete resources of `type` in us-east-1
 * (the schemas of both supported Regions name the same handlers), sorted.
 */
export function resourcePermissions(type: string): string[] {
  if (PERMISSIONS_WITHOUT_SCHEMA[type]) return [...PERMISSIONS_WITHOUT_SCHEMA[type]].sort();
  if (!permissionsByType.has(type)) permissionsByType.set(type, schemaPermissions(type));
  return [...permissionsByType.get(type)!];
}

function schemaPermissions(type: string): string[] {
  const directory = schemaDirectory();
  const index: Record<string, string> = JSON.parse(readFileSync(join(directory, 'providers/us-east-1.json'), 'utf8'));
  if (!index[type]) throw new Error(`${type} has no CloudFormation resource schema; add its actions to PERMISSIONS_WITHOUT_SCHEMA with their source`);
  const schema = JSON.parse(readFileSync(join(directory, 'resources', `${index[type]}.json`), 'utf8'));
  const known = serviceAuthorization();
  const actions = HANDLERS.flatMap((handler): string[] => schema.handlers?.[handler]?.permissions ?? [])
    .filter((action) => IAM_ACTION.test(action) && isKnownAction(action, known));
  if (actions.length === 0) throw new Error(`the schema of ${type} names no handler permissions; add them to PERMISSIONS_WITHOUT_SCHEMA with their source`);
  return [...new Set<string>(actions)].sort();
}

/** The resource types a template creates (custom resources excluded: they run their own code). */
export function resourceTypes(template: Record<string, any>): string[] {
  const types = Object.values(template.Resources ?? {}).map((resource: any) => resource.Type as string);
  return [...new Set(types.filter((type) => !type.startsWith('Custom::') && type !== 'AWS::CloudFormation::CustomResource'))].sort();
}
