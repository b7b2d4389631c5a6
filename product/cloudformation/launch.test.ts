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
    assert.throws(() => pseudoParameterValue('AWS::NotificationARNs', {}),
      /Ref AWS::NotificationARNs: the template reader resolves only AWS::Region, AWS::AccountId, AWS::Partition, AWS::StackName, AWS::StackId, AWS::URLSuffix and AWS::NoValue/);
  });

  test('the stack ID is the launch\'s, and the URL suffix follows the partition', () => {
    assert.equal(pseudoParameterValue('AWS::StackId', { stackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/s/1' }), 'arn:aws:cloudformation:us-east-1:123456789012:stack/s/1');
    assert.throws(() => pseudoParameterValue('AWS::StackId', {}), /Ref AWS::StackId: the launch gives no value for this pseudo parameter/);
    assert.equal(pseudoParameterValue('AWS::URLSuffix', {}), 'amazonaws.com');
    assert.equal(pseudoParameterValue('AWS::URLSuffix', { partition: 'aws-cn' }), 'amazonaws.com.cn');
  });
});
