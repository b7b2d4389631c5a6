import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { conditionHolds, expectedResources } from '../local-aws/conditions';

const template = JSON.parse(readFileSync(join(__dirname, '../../templates/workspace/1.0.0/workspace.template.json'), 'utf8'));
const defaults = Object.fromEntries(Object.entries(template.Parameters).map(([name, parameter]: [string, any]) => [name, String(parameter.Default ?? '')]));
const context = (overrides: Record<string, string> = {}, region = 'us-east-1') =>
  ({ parameters: { ...defaults, ...overrides }, region, conditions: template.Conditions });

describe('which resources a stack must have (the skipped-resource check)', () => {
  test('with the defaults, the backup bucket and the trail are expected, the interface endpoints and SSO are not', () => {
    assert.ok(conditionHolds('BackupBucketEnabled', context()));
    assert.ok(conditionHolds('CloudTrailEnabled', context()));
    assert.ok(!conditionHolds('InterfaceEndpointsEnabled', context()));
    assert.ok(!conditionHolds('SingleSignOnEnabled', context()));
  });

  test('conditions built from other conditions follow them (Fn::Or of conditions)', () => {
    assert.ok(conditionHolds('SingleSignOnEnabled', context({ IdentityProviderType: 'OIDC' })));
    assert.ok(!conditionHolds('AccessLogBucketNeeded', context({ EnableBackupBucket: 'false', EnableCloudTrail: 'false' })));
  });

  test('conditions on the Region use the stack\'s Region', () => {
    assert.ok(conditionHolds('ReleaseBucketInStackRegion', context({ MPS3BucketRegion: 'ap-south-1' }, 'ap-south-1')));
    assert.ok(!conditionHolds('ReleaseBucketInStackRegion', context({ MPS3BucketRegion: 'us-east-1' }, 'ap-south-1')));
  });

  test('three DocumentDB instances expect three instance resources', () => {
    const expected = expectedResources(template, { parameters: { ...defaults, DocumentDbInstanceCount: '3' }, region: 'us-east-1' });
    assert.equal([...expected.values()].filter((type) => type === 'AWS::DocDB::DBInstance').length, 3);
  });

  test('a condition on a name that is not a parameter is an error, not a silent false', () => {
    assert.throws(() => conditionHolds('X', { parameters: {}, region: 'us-east-1', conditions: { X: { 'Fn::Equals': [{ Ref: 'Nope' }, 'a'] } } }), /Nope, which is not a parameter/);
  });

  test('the portfolio shares with each listed account only (Fn::Select of Fn::Split of Fn::Join)', () => {
    const portfolio = JSON.parse(readFileSync(join(__dirname, '../../templates/catalog/portfolio.template.json'), 'utf8'));
    const shared = (accounts: string) => {
      const parameters = Object.fromEntries(Object.entries(portfolio.Parameters).map(([name, p]: [string, any]) => [name, String(p.Default ?? '')]));
      return [...expectedResources(portfolio, { parameters: { ...parameters, ShareWithAccountIds: accounts }, region: 'us-east-1' }).values()]
        .filter((type) => type === 'AWS::ServiceCatalog::PortfolioShare').length;
    };
    assert.equal(shared(''), 0);
    assert.equal(shared('111111111111,222222222222'), 2);
    assert.equal(shared('111111111111,222222222222,333333333333,444444444444,555555555555'), 5);
  });
});
