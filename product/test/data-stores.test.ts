import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ROTATION_PASSWORD_ACTION, ROTATION_SECRET_ACTIONS } from '../../services/secret-rotation/contract';
import { resourcesOfType, target, taskDefinitionOf, template, theResource, workspaceJson } from './workspace-template';

const keyWithAlias = (name: string) => target(resourcesOfType('AWS::KMS::Alias')
  .find(([, alias]) => JSON.stringify(alias.Properties!.AliasName).includes(`/${name}`))![1].Properties!.TargetKeyId);

describe('DynamoDB table (seed guide: workflow metadata, execution history)', () => {
  const [, table] = theResource('AWS::DynamoDB::Table');

  test('is on-demand, encrypted with the DynamoDB key, with point-in-time recovery, TTL and deletion protection', () => {
    const p = table.Properties!;
    assert.equal(p.BillingMode, 'PAY_PER_REQUEST');
    assert.deepEqual(p.SSESpecification.SSEEnabled, true);
    assert.equal(p.SSESpecification.SSEType, 'KMS');
    assert.equal(target(p.SSESpecification.KMSMasterKeyId), keyWithAlias('DynamoDB-Key'));
    assert.equal(p.PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled, true);
    assert.deepEqual(p.TimeToLiveSpecification, { AttributeName: 'expiresAt', Enabled: true });
    assert.equal(p.DeletionProtectionEnabled, true);
  });

  test('is retained when the stack is deleted or the table would be replaced', () => {
    assert.equal(table.DeletionPolicy, 'Retain');
    assert.equal(table.UpdateReplacePolicy, 'Retain');
  });
});

describe('DocumentDB cluster (seed guide: bot definitions, audit logs)', () => {
  const [clusterId, cluster] = theResource('AWS::DocDB::DBCluster');
  const p = cluster.Properties!;

  test('is encrypted with the DocumentDB key', () => {
    assert.equal(p.StorageEncrypted, true);
    assert.equal(target(p.KmsKeyId), keyWithAlias('DocumentDB-Key'));
  });

  test('enforces TLS, and audits and profiles through its parameter group', () => {
    const group = workspaceJson.Resources[target(p.DBClusterParameterGroupName)];
    assert.equal(group.Properties.Parameters.tls, 'enabled');
    assert.equal(group.Properties.Parameters.audit_logs, 'enabled');
    assert.equal(group.Properties.Parameters.profiler, 'enabled');
  });

  test('exports audit and profiler logs into encrypted groups created before it', () => {
    assert.deepEqual(p.EnableCloudwatchLogsExports, ['audit', 'profiler']);
    const groups = resourcesOfType('AWS::Logs::LogGroup').filter(([, group]) => JSON.stringify(group.Properties!.LogGroupName ?? '').includes('/aws/docdb/'));
    assert.equal(groups.length, 2);
    for (const [groupId] of groups) assert.ok(cluster.DependsOn!.includes(groupId));
  });

  test('lives in the database subnets behind the database security group', () => {
    const subnetGroup = workspaceJson.Resources[target(p.DBSubnetGroupName)];
    assert.deepEqual(subnetGroup.Properties.SubnetIds.map((id: any) => workspaceJson.Resources[target(id)].Properties.CidrBlock.Ref),
      ['DatabaseSubnet1Cidr', 'DatabaseSubnet2Cidr']);
    const [sg] = theResource('AWS::EC2::SecurityGroup', (properties) => /database tier/.test(properties.GroupDescription));
    assert.deepEqual(p.VpcSecurityGroupIds.map(target), [sg]);
  });

  test('keeps backups for the DocumentDbBackupRetentionDays parameter and is snapshotted on delete or replacement', () => {
    assert.deepEqual(p.BackupRetentionPeriod, { Ref: 'DocumentDbBackupRetentionDays' });
    assert.equal(p.DeletionProtection, true);
    assert.equal(cluster.DeletionPolicy, 'Snapshot');
    assert.equal(cluster.UpdateReplacePolicy, 'Snapshot');
  });

  test('defaults to two db.r5.large instances; the class and count are parameters', () => {
    assert.equal(workspaceJson.Parameters.DocumentDbInstanceClass.Default, 'db.r5.large');
    assert.equal(workspaceJson.Parameters.DocumentDbInstanceCount.Default, '2');
    const instances = resourcesOfType('AWS::DocDB::DBInstance');
    for (const [, instance] of instances) {
      assert.equal(target(instance.Properties!.DBClusterIdentifier), clusterId);
      assert.deepEqual(instance.Properties!.DBInstanceClass, { Ref: 'DocumentDbInstanceClass' });
    }
    assert.deepEqual(instances.map(([, instance]) => instance.Condition),
      [undefined, 'MoreThan1DocumentDbInstances', 'MoreThan2DocumentDbInstances', 'MoreThan3DocumentDbInstances', 'MoreThan4DocumentDbInstances', 'MoreThan5DocumentDbInstances']);
  });

  test('takes its master credentials from a generated secret that the workspace\'s own function rotates every 30 days', () => {
    assert.match(p.MasterUserPassword['Fn::Join'][1].join(''), /^\{\{resolve:secretsmanager:/);
    const [, secret] = theResource('AWS::SecretsManager::Secret', (properties) => /Master user/.test(properties.Description));
    assert.equal(secret.Properties!.GenerateSecretString.GenerateStringKey, 'password');
    assert.equal(target(secret.Properties!.KmsKeyId), keyWithAlias('DocumentDB-Key'));
    assert.equal(secret.DeletionPolicy, 'Retain');
    const [, schedule] = theResource('AWS::SecretsManager::RotationSchedule');
    assert.deepEqual(schedule.Properties!.RotationRules, { ScheduleExpression: 'rate(30 days)' });
    const [rotationId, rotation] = theResource('AWS::Lambda::Function', (properties) => JSON.stringify(properties.Code?.S3Key ?? '').includes('functions/secret-rotation.zip'));
    assert.equal(target(schedule.Properties!.RotationLambdaARN), rotationId);
    assert.equal(workspaceJson.Transform, undefined, 'no AWS-hosted rotation application (the Secrets Manager transform), whose role could carry no boundary');
    assert.deepEqual(rotation.Properties!.VpcConfig.SubnetIds.length, 2);
    template.hasResourceProperties('AWS::SecretsManager::SecretTargetAttachment', { TargetType: 'AWS::DocDB::DBCluster', TargetId: { Ref: clusterId } });
  });

  test('the rotation function may make exactly the calls of its contract on the master secret, and use the DocumentDB key only through Secrets Manager', () => {
    const [, rotation] = theResource('AWS::Lambda::Function', (properties) => JSON.stringify(properties.Code?.S3Key ?? '').includes('functions/secret-rotation.zip'));
    const role = target(rotation.Properties!.Role);
    const statements = resourcesOfType('AWS::IAM::Policy').filter(([, policy]) => policy.Properties!.Roles.some((candidate: any) => target(candidate) === role))
      .flatMap(([, policy]) => policy.Properties!.PolicyDocument.Statement as any[]);
    const attachment = theResource('AWS::SecretsManager::SecretTargetAttachment')[0];
    const onSecret = statements.filter((statement) => statement.Resource?.Ref === attachment);
    assert.deepEqual(onSecret.flatMap((statement) => [statement.Action].flat()).sort(), [...ROTATION_SECRET_ACTIONS].sort());
    const onKey = statements.find((statement) => JSON.stringify(statement.Action).includes('kms:'));
    assert.deepEqual(Object.keys(onKey.Condition.StringEquals), ['kms:ViaService']);
    assert.ok(statements.some((statement) => [statement.Action].flat().includes(ROTATION_PASSWORD_ACTION) && statement.Resource === '*'));
  });

  test('the engine is told which collections to create before it serves', () => {
    const [, taskDefinition] = taskDefinitionOf('engine');
    const engine = taskDefinition.Properties!.ContainerDefinitions.find((container: any) => container.Name === 'engine');
    assert.deepEqual(engine.Environment.find((variable: any) => variable.Name === 'DOCUMENTDB_COLLECTIONS').Value, 'bot_definitions,audit_logs');
  });
});

describe('secrets (seed guide: Integration Credentials)', () => {
  test('integration credentials live in a secret encrypted with a customer-managed key and retained', () => {
    const [, secret] = theResource('AWS::SecretsManager::Secret', (properties) => /Credentials of the systems/.test(properties.Description));
    assert.equal(target(secret.Properties!.KmsKeyId), keyWithAlias('DocumentDB-Key'));
    assert.equal(secret.DeletionPolicy, 'Retain');
  });
});

describe('bot import/export bucket (seed guide: S3, optional)', () => {
  const [bucketId, bucket] = theResource('AWS::S3::Bucket', (properties) => JSON.stringify(properties).includes('aws:kms') && JSON.stringify(properties).includes('backup-bucket/'));

  test('exists only when the buyer keeps EnableBackupBucket on (the default)', () => {
    assert.equal(bucket.Condition, 'BackupBucketEnabled');
    assert.equal(workspaceJson.Parameters.EnableBackupBucket.Default, 'true');
  });

  test('is encrypted with the Backup-Storage key, versioned, private, logged, and expires replaced versions', () => {
    const p = bucket.Properties!;
    const rule = p.BucketEncryption.ServerSideEncryptionConfiguration[0];
    assert.equal(target(rule.ServerSideEncryptionByDefault.KMSMasterKeyID), keyWithAlias('Backup-Storage'));
    assert.equal(p.VersioningConfiguration.Status, 'Enabled');
    assert.deepEqual(p.PublicAccessBlockConfiguration, { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    assert.equal(p.LoggingConfiguration.LogFilePrefix, 'backup-bucket/');
    assert.deepEqual(p.LifecycleConfiguration.Rules[0].NoncurrentVersionExpiration, { NoncurrentDays: { Ref: 'BackupVersionRetentionDays' } });
    assert.equal(bucket.DeletionPolicy, 'Retain');
  });

  test('refuses every request that is not over TLS', () => {
    const [, policy] = theResource('AWS::S3::BucketPolicy', (properties) => target(properties.Bucket) === bucketId);
    const deny = policy.Properties!.PolicyDocument.Statement.find((statement: any) => statement.Effect === 'Deny');
    assert.deepEqual(deny.Condition, { Bool: { 'aws:SecureTransport': 'false' } });
    assert.equal(deny.Action, 's3:*');
    assert.equal(policy.Condition, 'BackupBucketEnabled');
  });
});
