import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { resourcesOfType, target, theResource, workspaceJson } from './workspace-template';

const logsKeyPolicy = () => {
  const [, key] = resourcesOfType('AWS::KMS::Key').find(([id]) => id.startsWith('KeysLogsKey'))!;
  return key.Properties!.KeyPolicy.Statement as any[];
};
const eventBridgeStatements = () => logsKeyPolicy().filter((statement) => statement.Principal?.Service === 'events.amazonaws.com');
const actionsOf = (statement: any): string[] => [statement.Action].flat();

describe('the workspace event bus and its archive are encrypted with the logs key (compliance review of 1.2.0)', () => {
  test('the bus and the archive name the logs key as their customer-managed key', () => {
    const [, bus] = theResource('AWS::Events::EventBus');
    const [, archive] = theResource('AWS::Events::Archive');
    for (const resource of [bus, archive]) {
      assert.deepEqual(resource.Properties!.KmsKeyIdentifier, { 'Fn::GetAtt': [target(resource.Properties!.KmsKeyIdentifier), 'Arn'] });
      assert.match(target(resource.Properties!.KmsKeyIdentifier), /^KeysLogsKey/);
    }
  });

  test('EventBridge may make data keys and decrypt with the logs key only for this account\'s workspace bus', () => {
    const [, bus] = theResource('AWS::Events::EventBus');
    const encrypts = eventBridgeStatements().find((statement) => statement.Sid === 'EventBridgeEncryptsTheWorkspaceBus');
    assert.deepEqual(actionsOf(encrypts).sort(), ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:ReEncrypt*']);
    assert.deepEqual(encrypts.Condition.StringEquals['aws:SourceAccount'], { Ref: 'AWS::AccountId' });
    const [, parts] = encrypts.Condition.StringEquals['kms:EncryptionContext:aws:events:event-bus:arn']['Fn::Join'];
    assert.deepEqual(parts.slice(-2), [':event-bus/', bus.Properties!.Name]);
    assert.deepEqual(parts.slice(0, 6), ['arn:', { Ref: 'AWS::Partition' }, ':events:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }]);
  });

  test('the only EventBridge key permission without a condition is DescribeKey, which reveals metadata only', () => {
    const unconditioned = eventBridgeStatements().filter((statement) => !statement.Condition);
    assert.deepEqual(unconditioned.flatMap(actionsOf), ['kms:DescribeKey']);
  });

  test('the key statement exists unconditionally, so turning event routing on needs no key policy change', () => {
    const [keyId] = resourcesOfType('AWS::KMS::Key').find(([id]) => id.startsWith('KeysLogsKey'))!;
    assert.equal(workspaceJson.Resources[keyId].Condition, undefined);
  });

  test('publishers need only events:PutEvents on the bus: EventBridge encrypts as itself, not with their credentials', () => {
    const [busId] = theResource('AWS::Events::EventBus');
    const publish = resourcesOfType('AWS::IAM::Policy').filter(([, policy]) => JSON.stringify(policy.Properties!.PolicyDocument).includes('events:PutEvents'));
    assert.equal(publish.length, 1);
    const statements = publish[0][1].Properties!.PolicyDocument.Statement;
    assert.deepEqual(statements.map((statement: any) => [statement.Action, target(statement.Resource)]), [['events:PutEvents', busId]]);
  });
});
