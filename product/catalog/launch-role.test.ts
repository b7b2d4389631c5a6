import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readTemplate } from '../cloudformation';
import { releasedVersions } from '../versions/released-versions';
import { PORTFOLIO_TEMPLATE, templatePath } from '../versions/template-files';
import { WORKSPACE_VERSION } from '../versions/workspace-version';
import { serviceActionsByPolicy, workspaceActions } from './launch-actions';
import { PERMISSIONS_WITHOUT_SCHEMA, resourcePermissions, resourceTypes } from './resource-permissions';

const templates = releasedVersions().map((version) => version.template());

describe('the launch role\'s permissions, derived from the resource types', () => {
  test('a type\'s actions are its registry schema\'s handler permissions (DynamoDB table: create, describe, delete)', () => {
    const actions = resourcePermissions('AWS::DynamoDB::Table');
    for (const action of ['dynamodb:CreateTable', 'dynamodb:DescribeTable', 'dynamodb:DeleteTable', 'dynamodb:UpdateTable']) assert.ok(actions.includes(action), action);
  });

  test('names in a schema that are not IAM actions are left out (the log group schema\'s s3:REST.PUT.OBJECT)', () => {
    const actions = resourcePermissions('AWS::Logs::LogGroup');
    assert.ok(actions.includes('logs:CreateLogGroup'));
    assert.ok(!actions.some((action) => action.includes('REST.')), actions.join(','));
  });

  test('DocumentDB types, whose schemas name no handler permissions, use the listed actions', () => {
    assert.deepEqual(resourcePermissions('AWS::DocDB::DBCluster'), [...PERMISSIONS_WITHOUT_SCHEMA['AWS::DocDB::DBCluster']].sort());
  });

  test('when a type has no schema, then the error names the type and the fix', () => {
    assert.throws(() => resourcePermissions('AWS::Nothing::Here'), /AWS::Nothing::Here has no CloudFormation resource schema; add its actions to PERMISSIONS_WITHOUT_SCHEMA/);
  });

  test('custom resources are not resource types the role creates (their function runs its own code)', () => {
    assert.ok(!resourceTypes(templates[0]).some((type) => type.startsWith('Custom::')));
    assert.ok(resourceTypes(templates[0]).includes('AWS::EC2::VPC'));
  });

  test('the actions outside IAM fit customer managed policies, each service in one policy', () => {
    const policies = serviceActionsByPolicy(templates);
    assert.deepEqual(policies.flat(2).sort(), workspaceActions(templates).filter((action) => !action.startsWith('iam:')));
    const services = policies.map((groups) => new Set(groups.flat().map((action) => action.split(':')[0])));
    for (const [index, mine] of services.entries()) {
      for (const other of services.slice(index + 1)) assert.ok([...mine].every((service) => !other.has(service)));
    }
  });
});

describe('the launch role within IAM\'s quotas', () => {
  test('with the version under development among the templates, the role attaches at most the 10 managed policies IAM allows by default', () => {
    const next = [...templates, readTemplate(templatePath(WORKSPACE_VERSION))];
    // The resource policies, the stack policy, and one of the two role policies (with or without a boundary).
    assert.ok(serviceActionsByPolicy(next).length + 2 <= 10, `${serviceActionsByPolicy(next).length + 2} policies`);
  });
});

describe('the committed launch role\'s IAM grants', () => {
  const portfolio = readTemplate(PORTFOLIO_TEMPLATE);
  const statements = Object.values(portfolio.Resources).filter((resource) => resource.Type === 'AWS::IAM::ManagedPolicy')
    .flatMap((policy) => policy.Properties!.PolicyDocument.Statement as any[]);
  const iamStatements = statements.filter((statement) => [statement.Action].flat().some((action: string) => action.startsWith('iam:')));

  test('no IAM action is granted on "*" or on anything but roles', () => {
    assert.ok(iamStatements.length >= 4);
    for (const statement of iamStatements) {
      const resources = JSON.stringify(statement.Resource);
      assert.ok(!resources.includes('"*"') && /:role\//.test(resources), `${statement.Sid}: ${resources}`);
    }
  });

  test('no action touches IAM users or groups', () => {
    const actions = statements.flatMap((statement) => [statement.Action].flat() as string[]);
    assert.deepEqual(actions.filter((action) => /^iam:.*(User|Group)/.test(action)), []);
  });
});
