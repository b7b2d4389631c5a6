import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { resourcesOfType, target, workspaceJson } from './workspace-template';

const keys = resourcesOfType('AWS::KMS::Key');
const keyByAlias = (name: string) => {
  const [, alias] = resourcesOfType('AWS::KMS::Alias').find(([, candidate]) => JSON.stringify(candidate.Properties!.AliasName).includes(`/${name}`))!;
  return workspaceJson.Resources[target(alias.Properties!.TargetKeyId)];
};
const viaServices = (key: any) => key.Properties.KeyPolicy.Statement
  .find((statement: any) => statement.Sid === 'AccountUsesKeyThroughOwningServices').Condition.StringEquals['kms:ViaService'];
const serviceName = (value: any) => JSON.stringify(value).match(/"([a-z0-9-]+)\.",\{"Ref":"AWS::Region"\}/)?.[1];

describe('KMS keys (seed guide: Encryption Keys)', () => {
  test('there are exactly the four keys of the seed, each with rotation, an alias, and retained on delete', () => {
    assert.equal(keys.length, 4);
    for (const [, key] of keys) {
      assert.equal(key.Properties!.EnableKeyRotation, true);
      assert.equal(key.DeletionPolicy, 'Retain');
      assert.equal(key.UpdateReplacePolicy, 'Retain');
    }
    for (const name of ['DynamoDB-Key', 'DocumentDB-Key', 'CloudWatch-Logs', 'Backup-Storage']) assert.ok(keyByAlias(name), name);
  });

  test('no key policy grants kms:* or lets the account use a key outside its owning services', () => {
    for (const [, key] of keys) {
      for (const statement of key.Properties!.KeyPolicy.Statement) {
        assert.ok(![statement.Action].flat().includes('kms:*'), statement.Sid);
        const usesKey = [statement.Action].flat().some((action: string) => /Decrypt|Encrypt|GenerateDataKey/.test(action));
        if (usesKey) assert.ok(statement.Condition, `${statement.Sid} uses the key without a condition`);
      }
    }
  });

});

describe('each key admits only the services that use it', () => {
  for (const [alias, services] of [
    ['DynamoDB-Key', ['dynamodb']], ['DocumentDB-Key', ['rds', 'secretsmanager']],
    ['CloudWatch-Logs', ['sns', 'sqs']], ['Backup-Storage', ['s3']],
  ] as const) {
    test(`${alias}: ${services.join(', ')}`, () => {
      assert.deepEqual(viaServices(keyByAlias(alias)).map(serviceName), services);
    });
  }

  test('the logs key admits CloudWatch Logs only for this account\'s log groups, and CloudTrail only for its trails', () => {
    const statements = keyByAlias('CloudWatch-Logs').Properties.KeyPolicy.Statement;
    const logs = statements.find((statement: any) => statement.Sid === 'CloudWatchLogsEncryptsThisAccountsLogGroups');
    assert.ok(JSON.stringify(logs.Condition.ArnLike['kms:EncryptionContext:aws:logs:arn']).includes(':log-group:*'));
    const trail = statements.find((statement: any) => statement.Sid === 'CloudTrailEncryptsThisAccountsTrails');
    assert.deepEqual(trail.Condition.StringEquals['aws:SourceAccount'], { Ref: 'AWS::AccountId' });
  });
});

describe('every log group (seed guide: CloudWatch Logs SSE-KMS)', () => {
  test('is encrypted with the logs key and keeps events for the LogRetentionDays parameter', () => {
    const logsKey = keys.find(([, key]) => key.Properties!.Description.startsWith('Encrypts workspace log groups'))![0];
    const groups = resourcesOfType('AWS::Logs::LogGroup');
    assert.ok(groups.length >= 10);
    for (const [id, group] of groups) {
      assert.equal(target(group.Properties!.KmsKeyId), logsKey, id);
      assert.deepEqual(group.Properties!.RetentionInDays, { Ref: 'LogRetentionDays' }, id);
      assert.equal(group.DeletionPolicy, 'Retain', id);
    }
  });
});
