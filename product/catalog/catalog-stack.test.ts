import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { WORKSPACE_VERSION } from '../versions/workspace-version';
import { PORTFOLIO_TEMPLATE, templatePath } from '../versions/template-files';
import { synthesize } from '../synthesis/synthesize';
import { releasedVersions } from '../versions/released-versions';
import { CatalogStack } from './catalog-stack';
import { workspaceActions } from './launch-actions';

const portfolio: Record<string, any> = JSON.parse(readFileSync(PORTFOLIO_TEMPLATE, 'utf8'));
const template = Template.fromJSON(portfolio);
const released = releasedVersions();
const resourcesOfType = (type: string) => Object.entries(portfolio.Resources as Record<string, any>).filter(([, resource]) => resource.Type === type);

/** A portfolio stack offering `versions` only (no workspace stack, no cdk-nag: just the catalog's definition). */
function portfolioOf(versions: typeof released): Record<string, any> {
  const stack = new CatalogStack(new App(), 'Portfolio', { versions, templates: versions.map((version) => version.template()) });
  return Template.fromStack(stack).toJSON();
}

describe('the Service Catalog portfolio', () => {
  test('holds one provisioning artifact per released version, named by version and described by the changelog', () => {
    const [[, product]] = resourcesOfType('AWS::ServiceCatalog::CloudFormationProduct');
    const artifacts = product.Properties.ProvisioningArtifactParameters;
    assert.deepEqual(artifacts.map((artifact: any) => artifact.Name), released.map((version) => version.version));
    assert.deepEqual(artifacts.map((artifact: any) => artifact.Description), released.map((version) => version.summary));
    assert.equal(product.Properties.ReplaceProvisioningArtifacts, false);
    for (const [index, artifact] of artifacts.entries()) {
      assert.ok(JSON.stringify(artifact.Info.LoadTemplateFromURL).includes(`"workspace/${released[index].version}/workspace.template.json"`));
    }
  });

  test('names the product, its support email and URL and its distributor', () => {
    template.hasResourceProperties('AWS::ServiceCatalog::CloudFormationProduct', {
      Name: 'Workspace', Distributor: 'Automation Workspace',
      SupportEmail: Match.stringLikeRegexp('^[^@]+@[^@]+$'), SupportUrl: Match.stringLikeRegexp('^https://'),
    });
    template.hasResourceProperties('AWS::ServiceCatalog::Portfolio', { DisplayName: 'Automation Workspace', ProviderName: 'Automation Workspace' });
  });

  test('when a version is added, then every earlier artifact\'s definition stays byte-identical (stable artifact IDs, unlike aws-cdk #24561)', () => {
    const artifactsOf = (json: Record<string, any>) => Object.values(json.Resources as Record<string, any>)
      .find((resource) => resource.Type === 'AWS::ServiceCatalog::CloudFormationProduct').Properties.ProvisioningArtifactParameters;
    const before = artifactsOf(portfolioOf(released.slice(0, 1)));
    const after = artifactsOf(portfolioOf(released));
    assert.equal(after.length, before.length + released.length - 1);
    assert.equal(JSON.stringify(after[0]), JSON.stringify(before[0]));
  });

  test('launches with a local launch role named by parameter, created here and trusted by Service Catalog only', () => {
    const [[roleId, role]] = resourcesOfType('AWS::IAM::Role');
    template.hasResourceProperties('AWS::ServiceCatalog::LaunchRoleConstraint', { LocalRoleName: { Ref: roleId } });
    assert.deepEqual(role.Properties.RoleName, { Ref: 'LaunchRoleName' });
    assert.deepEqual(role.Properties.AssumeRolePolicyDocument.Statement.map((s: any) => s.Principal.Service), ['servicecatalog.amazonaws.com']);
  });

  test('the launch role may do exactly what the released templates\' resource types need, and no wildcard action', () => {
    const granted = resourcesOfType('AWS::IAM::ManagedPolicy').flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement)
      .flatMap((statement: any) => [statement.Action].flat());
    const derived = workspaceActions(released.map((version) => version.template()));
    for (const action of derived) assert.ok(granted.includes(action), action);
    for (const action of ['dynamodb:CreateTable', 'rds:CreateDBCluster', 'cognito-idp:CreateUserPool', 'ecs:CreateService']) assert.ok(derived.includes(action), action);
    assert.ok(granted.every((action: string) => !action.endsWith(':*') && action !== '*'), 'no service-wide or global wildcard');
    assert.ok(!granted.includes('ec2:RunInstances'), 'nothing the templates do not create');
  });

  test('offers TagOptions for CostCenter, Environment and DataClassification', () => {
    const keys = new Set(resourcesOfType('AWS::ServiceCatalog::TagOption').map(([, option]) => option.Properties.Key));
    assert.deepEqual([...keys].sort(), ['CostCenter', 'DataClassification', 'Environment']);
    assert.ok(resourcesOfType('AWS::ServiceCatalog::TagOptionAssociation').length >= 10);
  });

  test('constrains launches to the supported Regions and the approved DocumentDB instance classes', () => {
    const [[, constraint]] = resourcesOfType('AWS::ServiceCatalog::LaunchTemplateConstraint');
    const rules = JSON.parse(constraint.Properties.Rules);
    const [assertions] = Object.values(rules).map((rule: any) => rule.Assertions);
    assert.deepEqual(assertions[0].Assert, { 'Fn::Contains': [['us-east-1', 'ap-south-1'], { Ref: 'AWS::Region' }] });
    assert.deepEqual(assertions[1].Assert['Fn::Contains'][1], { Ref: 'DocumentDbInstanceClass' });
    assert.ok(assertions[1].Assert['Fn::Contains'][0].includes('db.r5.large'));
    const workspace = JSON.parse(readFileSync(templatePath(WORKSPACE_VERSION), 'utf8'));
    assert.ok(workspace.Parameters.DocumentDbInstanceClass, 'the rule names a parameter the workspace template has');
  });

  test('announces stack events on an encrypted topic (notification constraint)', () => {
    const [[, constraint]] = resourcesOfType('AWS::ServiceCatalog::LaunchNotificationConstraint');
    const [[topicId, topic]] = resourcesOfType('AWS::SNS::Topic');
    assert.deepEqual(constraint.Properties.NotificationArns, [{ Ref: topicId }]);
    assert.ok(topic.Properties.KmsMasterKeyId);
  });

  test('marks the artifacts of versions deprecated in the changelog inactive, through a custom resource (none today)', () => {
    const [[, guidance]] = resourcesOfType('Custom::ProvisioningArtifactGuidance');
    assert.deepEqual(guidance.Properties.DeprecatedVersions, []);
    const withDeprecated = portfolioOf(released.map((version, index) => ({ ...version, deprecated: index === 0 })));
    const [custom] = Object.values(withDeprecated.Resources as Record<string, any>).filter((resource) => resource.Type === 'Custom::ProvisioningArtifactGuidance');
    assert.deepEqual(custom.Properties.DeprecatedVersions, [released[0].version]);
  });

  test('shares with the organization nodes of ShareWithOrganizationNodes through a custom resource, only when some are given', () => {
    const [[, shares]] = resourcesOfType('Custom::OrganizationShares');
    assert.equal(shares.Condition, 'ShareWithOrganization');
    assert.deepEqual(shares.Properties.OrganizationNodes, { 'Fn::Split': [',', { Ref: 'ShareWithOrganizationNodes' }] });
    assert.equal(portfolio.Parameters.ShareWithOrganizationNodes.Default, '');
    assert.match('ou-ab12-11111111,o-abcdefghij', new RegExp(portfolio.Parameters.ShareWithOrganizationNodes.AllowedPattern));
    assert.doesNotMatch('ou-ab12-11111111, 123456789012', new RegExp(portfolio.Parameters.ShareWithOrganizationNodes.AllowedPattern));
  });

  test('shares with each account of ShareWithAccountIds, and with none by default', () => {
    const shares = resourcesOfType('AWS::ServiceCatalog::PortfolioShare');
    assert.equal(shares.length, 5);
    for (const [, share] of shares) assert.ok(portfolio.Conditions[share.Condition], share.Condition);
    assert.equal(portfolio.Parameters.ShareWithAccountIds.Default, '');
  });

  test('templates/catalog/portfolio.template.json is what a fresh synth writes (run npm run synth)', () => {
    assert.equal(readFileSync(PORTFOLIO_TEMPLATE, 'utf8'), synthesize().portfolio);
  });

  test('.taskcat.yml deploys the workspace version under development and the portfolio', () => {
    const config = parse(readFileSync(join(__dirname, '../../.taskcat.yml'), 'utf8'));
    const root = join(__dirname, '../..');
    assert.equal(join(root, config.project.template), templatePath(WORKSPACE_VERSION));
    assert.ok(Object.values(config.tests).some((scenario: any) => scenario.template && join(root, scenario.template) === PORTFOLIO_TEMPLATE));
  });
});
