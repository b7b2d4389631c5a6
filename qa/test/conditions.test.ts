import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { conditionHolds, createdResources, readTemplate } from '../../product/cloudformation';

const template = readTemplate(join(__dirname, '../../templates/workspace/1.0.0/workspace.template.json'));
const launch = (parameters: Record<string, string> = {}, region = 'us-east-1') => ({ parameters, region });

describe('which resources a stack must have (the skipped-resource check)', () => {
  test('with the defaults, the backup bucket and the trail are expected, the interface endpoints and SSO are not', () => {
    assert.ok(conditionHolds(template, 'BackupBucketEnabled', launch()));
    assert.ok(conditionHolds(template, 'CloudTrailEnabled', launch()));
    assert.ok(!conditionHolds(template, 'InterfaceEndpointsEnabled', launch()));
    assert.ok(!conditionHolds(template, 'SingleSignOnEnabled', launch()));
  });

  test('conditions built from other conditions follow them (Fn::Or of conditions)', () => {
    assert.ok(conditionHolds(template, 'SingleSignOnEnabled', launch({ IdentityProviderType: 'OIDC' })));
    assert.ok(!conditionHolds(template, 'AccessLogBucketNeeded', launch({ EnableBackupBucket: 'false', EnableCloudTrail: 'false' })));
  });

  test('conditions on the Region use the stack\'s Region', () => {
    assert.ok(conditionHolds(template, 'ReleaseBucketInStackRegion', launch({ MPS3BucketRegion: 'ap-south-1' }, 'ap-south-1')));
    assert.ok(!conditionHolds(template, 'ReleaseBucketInStackRegion', launch({ MPS3BucketRegion: 'us-east-1' }, 'ap-south-1')));
  });

  test('three DocumentDB instances expect three instance resources', () => {
    const expected = createdResources(template, launch({ DocumentDbInstanceCount: '3' }));
    assert.equal([...expected.values()].filter((type) => type === 'AWS::DocDB::DBInstance').length, 3);
  });

  test('a condition on a name that is not a parameter is an error, not a silent false', () => {
    const unknownName = { Resources: {}, Conditions: { X: { 'Fn::Equals': [{ Ref: 'Nope' }, 'a'] } } };
    assert.throws(() => conditionHolds(unknownName, 'X', launch()), /Nope, which is not a parameter/);
  });

  test('the portfolio shares with each listed account only (Fn::Select of Fn::Split of Fn::Join)', () => {
    const portfolio = readTemplate(join(__dirname, '../../templates/catalog/portfolio.template.json'));
    const shared = (accounts: string) => [...createdResources(portfolio, launch({ ShareWithAccountIds: accounts })).values()]
      .filter((type) => type === 'AWS::ServiceCatalog::PortfolioShare').length;
    assert.equal(shared(''), 0);
    assert.equal(shared('111111111111,222222222222'), 2);
    assert.equal(shared('111111111111,222222222222,333333333333,444444444444,555555555555'), 5);
  });
});
