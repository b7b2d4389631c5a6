import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { referencedIds, referencedOfType, referencesResource, referencesType, referenceTarget } from './references';
import { CloudFormationTemplate } from './template';

const template: CloudFormationTemplate = { Resources: { Key: { Type: 'AWS::KMS::Key' }, Topic: { Type: 'AWS::SNS::Topic' }, Queue: { Type: 'AWS::SQS::Queue' } } };

describe('what a template value references', () => {
  test('when a value is a Ref, then its target is the name it refers to', () => {
    assert.equal(referenceTarget({ Ref: 'Key' }), 'Key');
  });

  test('when a value is a Fn::GetAtt in either form, then its target is the logical ID', () => {
    assert.equal(referenceTarget({ 'Fn::GetAtt': ['Key', 'Arn'] }), 'Key');
    assert.equal(referenceTarget({ 'Fn::GetAtt': 'Key.Arn' }), 'Key');
  });

  test('when a value is a literal or another function, then it has no target', () => {
    assert.equal(referenceTarget('Key'), undefined);
    assert.equal(referenceTarget({ 'Fn::Join': ['', [{ Ref: 'Key' }]] }), undefined);
  });

  test('when references sit inside functions and lists, then every one is found, in order', () => {
    const value = { 'Fn::Join': [':', [{ Ref: 'Topic' }, { 'Fn::GetAtt': 'Key.Arn' }, [{ 'Fn::GetAtt': ['Queue', 'Arn'] }]]] };
    assert.deepEqual(referencedIds(value), ['Topic', 'Key', 'Queue']);
    assert.equal(referencesResource(value, 'Queue'), true);
    assert.equal(referencesResource(value, 'Bucket'), false);
  });

  test('when a value references a resource of a type, then referencesType says so for that type only', () => {
    assert.equal(referencesType(template, { 'Fn::GetAtt': ['Key', 'Arn'] }, 'AWS::KMS::Key'), true);
    assert.equal(referencesType(template, { Ref: 'Topic' }, 'AWS::KMS::Key'), false);
  });

  test('when a value references resources of a type several times, then each is listed once', () => {
    assert.deepEqual(referencedOfType(template, [{ Ref: 'Topic' }, { 'Fn::GetAtt': 'Topic.TopicName' }, { Ref: 'Key' }], 'AWS::SNS::Topic'), ['Topic']);
  });
});
