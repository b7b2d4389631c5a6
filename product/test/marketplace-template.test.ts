import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { WORKSPACE_VERSION } from '../versions/workspace-version';
import { synthesizeWorkspace } from '../synthesis/synthesize';
import { templatePath } from '../versions/template-files';
import { resourcesOfType, workspaceJson } from './workspace-template';

const parameters = Object.entries(workspaceJson.Parameters as Record<string, any>);
const groups = workspaceJson.Metadata['AWS::CloudFormation::Interface'].ParameterGroups as { Parameters: string[] }[];
const labels = workspaceJson.Metadata['AWS::CloudFormation::Interface'].ParameterLabels;

describe('a template a buyer can launch without CDK (Marketplace template policies)', () => {
  test('has no CDK bootstrap parameter or rule and no cdk-assets bucket reference', () => {
    assert.equal(workspaceJson.Parameters.BootstrapVersion, undefined);
    assert.equal(workspaceJson.Rules.CheckBootstrapVersion, undefined);
    const text = JSON.stringify(workspaceJson);
    for (const marker of ['cdk-hnb659fds', 'AssetParameters', 'BootstrapVersion', 'AWS::CDK::Metadata']) assert.ok(!text.includes(marker), marker);
  });

  test('rejects Regions other than us-east-1 and ap-south-1 with a message that says so', () => {
    const [assertion] = workspaceJson.Rules.SupportedRegion.Assertions;
    assert.deepEqual(assertion.Assert, { 'Fn::Contains': [['us-east-1', 'ap-south-1'], { Ref: 'AWS::Region' }] });
    assert.match(assertion.AssertDescription, /us-east-1 and ap-south-1/);
  });

  test('addresses its files through MPS3BucketName, MPS3BucketRegion and MPS3KeyPrefix', () => {
    for (const name of ['MPS3BucketName', 'MPS3BucketRegion', 'MPS3KeyPrefix']) assert.equal(workspaceJson.Parameters[name].Type, 'String', name);
    assert.equal(workspaceJson.Parameters.MPS3KeyPrefix.Default, `workspace/${WORKSPACE_VERSION}/`);
    const resources = JSON.stringify(workspaceJson.Resources);
    assert.ok(resources.includes('{"Ref":"MPS3BucketName"}') && resources.includes('{"Ref":"MPS3KeyPrefix"}'));
    assert.ok(JSON.stringify(workspaceJson.Conditions.ReleaseBucketInStackRegion).includes('MPS3BucketRegion'));
  });

  test('puts every parameter in exactly one launch wizard group, with a label and a description', () => {
    for (const [name, parameter] of parameters) {
      assert.equal(groups.filter((group) => group.Parameters.includes(name)).length, 1, name);
      assert.ok(labels[name]?.default, name);
      assert.ok(parameter.Description, name);
    }
  });

  test('types and constrains every parameter', () => {
    for (const [name, parameter] of parameters) {
      if (parameter.Type === 'String' || parameter.Type === 'CommaDelimitedList') {
        assert.ok(parameter.AllowedValues || parameter.AllowedPattern, `${name} is unconstrained`);
      } else {
        assert.equal(parameter.Type, 'Number', name);
        assert.ok(parameter.AllowedValues || (parameter.MinValue !== undefined && parameter.MaxValue !== undefined), `${name} is unbounded`);
      }
    }
  });

  test('hides secret parameters, asks for no AWS credentials, and sets no default password', () => {
    for (const [name, parameter] of parameters) {
      if (/secret|password|token/i.test(name)) {
        assert.equal(parameter.NoEcho, true, name);
        assert.ok(!parameter.Default, name);
      }
      assert.ok(!/access.?key|secret.?key|aws.?credential/i.test(name), name);
    }
  });

  test('has a condition for every component the seed\'s cost table marks optional', () => {
    for (const [condition, type] of [
      ['BackupBucketEnabled', 'AWS::S3::Bucket'], ['CloudTrailEnabled', 'AWS::CloudTrail::Trail'],
      ['BedrockEnabled', 'AWS::IAM::Policy'], ['InterfaceEndpointsEnabled', 'AWS::EC2::VPCEndpoint'],
    ]) {
      assert.ok(workspaceJson.Conditions[condition], condition);
      assert.ok(resourcesOfType(type).some(([, resource]) => resource.Condition === condition), `${type} under ${condition}`);
    }
  });

  test('retains or snapshots every stateful resource on delete and on replacement', () => {
    const stateful = ['AWS::DynamoDB::Table', 'AWS::DocDB::DBCluster', 'AWS::S3::Bucket', 'AWS::KMS::Key',
      'AWS::SecretsManager::Secret', 'AWS::Cognito::UserPool', 'AWS::Logs::LogGroup'];
    for (const type of stateful) {
      const resources = resourcesOfType(type);
      assert.ok(resources.length > 0, type);
      for (const [id, resource] of resources) {
        assert.ok(['Retain', 'Snapshot'].includes(resource.DeletionPolicy!), `${id} DeletionPolicy ${resource.DeletionPolicy}`);
        assert.ok(['Retain', 'Snapshot'].includes(resource.UpdateReplacePolicy!), `${id} UpdateReplacePolicy ${resource.UpdateReplacePolicy}`);
      }
    }
  });

  test('outputs what a buyer needs: the API URL, the pools and the dashboard', () => {
    for (const name of ['ApiUrl', 'UserPoolId', 'UserPoolClientId', 'IdentityPoolId', 'DashboardUrl']) {
      assert.ok(workspaceJson.Outputs[name]?.Description, name);
    }
  });

});

describe('the committed template', () => {
  const fresh = synthesizeWorkspace();

  test(`templates/workspace/${WORKSPACE_VERSION}/workspace.template.json is what a fresh synth writes (run npm run synth)`, () => {
    assert.equal(readFileSync(templatePath(WORKSPACE_VERSION), 'utf8'), fresh);
  });

  test('synthesis is deterministic', () => {
    assert.equal(synthesizeWorkspace(), fresh);
  });
});
