import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { conditionHolds, createdResources } from './conditions';
import { CloudFormationTemplate } from './template';

const template: CloudFormationTemplate = {
  Parameters: { EnableTrail: { Type: 'String', Default: 'true', AllowedValues: ['true', 'false'] }, Region: { Type: 'String', Default: 'us-east-1' } },
  Conditions: {
    TrailEnabled: { 'Fn::Equals': [{ Ref: 'EnableTrail' }, 'true'] },
    InHomeRegion: { 'Fn::Equals': [{ Ref: 'Region' }, { Ref: 'AWS::Region' }] },
    HomeTrail: { 'Fn::And': [{ Condition: 'TrailEnabled' }, { Condition: 'InHomeRegion' }] },
  },
  Resources: {
    Key: { Type: 'AWS::KMS::Key' },
    Trail: { Type: 'AWS::CloudTrail::Trail', Condition: 'TrailEnabled' },
    Replica: { Type: 'AWS::S3::Bucket', Condition: 'HomeTrail' },
  },
};

describe('which conditions hold and which resources a launch creates', () => {
  test('when no parameter is given, then conditions are evaluated under the defaults', () => {
    assert.equal(conditionHolds(template, 'TrailEnabled'), true);
  });

  test('when a parameter is given, then conditions use its value', () => {
    assert.equal(conditionHolds(template, 'TrailEnabled', { parameters: { EnableTrail: 'false' } }), false);
  });

  test('when a condition is built from other conditions, then it follows them and the Region of the launch', () => {
    assert.equal(conditionHolds(template, 'HomeTrail', { region: 'us-east-1' }), true);
    assert.equal(conditionHolds(template, 'HomeTrail', { region: 'eu-west-1' }), false);
  });

  test('when a condition is not defined, then evaluating it fails naming it', () => {
    assert.throws(() => conditionHolds(template, 'Missing'), /condition Missing is not defined in the template/);
  });

  test('when a resource\'s condition is false, then the launch does not create it; resources without one always', () => {
    const created = createdResources(template, { parameters: { EnableTrail: 'false' }, region: 'us-east-1' });
    assert.deepEqual([...created], [['Key', 'AWS::KMS::Key']]);
  });

  test('when every condition holds, then the launch creates every resource, with its type', () => {
    assert.deepEqual([...createdResources(template, { region: 'us-east-1' }).values()], ['AWS::KMS::Key', 'AWS::CloudTrail::Trail', 'AWS::S3::Bucket']);
  });
});
