import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { pseudoParameterValue } from './launch';

describe('pseudo parameters of a launch', () => {
  test('when the launch names its stack, then AWS::StackName is that name', () => {
    assert.equal(pseudoParameterValue('AWS::StackName', { stackName: 'workspace' }), 'workspace');
  });

  test('when the launch gives a partition, then AWS::Partition is it', () => {
    assert.equal(pseudoParameterValue('AWS::Partition', { partition: 'aws-cn' }), 'aws-cn');
  });

  test('when a pseudo parameter is one the reader does not resolve, then it fails listing those it does', () => {
    assert.throws(() => pseudoParameterValue('AWS::StackId', {}), /Ref AWS::StackId: the template reader resolves only AWS::Region, AWS::AccountId, AWS::Partition, AWS::StackName and AWS::NoValue/);
  });
});
