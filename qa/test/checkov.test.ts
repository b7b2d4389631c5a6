import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, describe, test } from 'node:test';
import { checkovFindings } from '../policy/checkov';
import { CHECKOV_SKIPS } from '../policy/checkov-skips';
import { WORKSPACE_VERSION } from '../../product/versions/workspace-version';
import { PORTFOLIO_TEMPLATE, templatePath } from '../../product/versions/template-files';

/** A bucket without access logging breaks checkov's CKV_AWS_18 and nothing cfn-lint reports. */
const BUCKET_TEMPLATE = {
  AWSTemplateFormatVersion: '2010-09-09',
  Resources: {
    ExportBucket: {
      Type: 'AWS::S3::Bucket',
      Properties: {
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        VersioningConfiguration: { Status: 'Enabled' },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      },
    },
  },
};

describe('checkov in the static checks', () => {
  const workdir = mkdtempSync(join(tmpdir(), 'checkov-'));
  after(() => rmSync(workdir, { recursive: true, force: true }));
  const fixture = join(workdir, 'bucket.template.json');
  writeFileSync(fixture, JSON.stringify(BUCKET_TEMPLATE));

  test('when a template breaks a checkov check that is not skipped, then the static checks fail naming the check and resource', () => {
    const finding = checkovFindings([fixture], []).find((found) => found.rule === 'CKV_AWS_18');
    assert.deepEqual({ ...finding, message: undefined }, { tool: 'checkov', template: fixture, rule: 'CKV_AWS_18', subject: 'ExportBucket', message: undefined });
    assert.match(finding!.message, /^Ensure the S3 bucket has access logging enabled: .*qa\/policy\/checkov-skips\.ts/);
  });

  test('when a skip covers the failing check on its resource, then checkov passes the template', () => {
    const failing = checkovFindings([fixture], []).map((found) => found.rule);
    const skips = failing.map((check) => ({ check, template: 'bucket.template.json', resources: ['ExportBucket'], reason: 'fixture' }));
    assert.deepEqual(checkovFindings([fixture], skips), []);
  });

  test('when a skip names a check that does not fail on its resource, then the static checks report the skip as unused', () => {
    const skips = [{ check: 'CKV_AWS_18', template: 'bucket.template.json', resources: ['ExportBucket', 'NoSuchBucket'], reason: 'fixture' }];
    const unused = checkovFindings([fixture], skips).filter((found) => /drop the skip/.test(found.message));
    assert.deepEqual(unused.map((found) => [found.rule, found.subject]), [['CKV_AWS_18', 'NoSuchBucket']]);
  });

  test('every skip names a check that still fails on the template, and the templates have no other failure', () => {
    const templates = [templatePath(WORKSPACE_VERSION), PORTFOLIO_TEMPLATE].map((path) => relative(process.cwd(), path));
    assert.deepEqual(checkovFindings(templates), []);
  });

  test('every skip gives its reason, and none covers the launch role (CKV_AWS_107 to 111 pass on it)', () => {
    for (const skip of CHECKOV_SKIPS) assert.ok(skip.reason.length > 30, `${skip.check}: ${skip.reason}`);
    assert.deepEqual(CHECKOV_SKIPS.filter((skip) => skip.resources?.some((id) => id.startsWith('LaunchRole'))), []);
  });
});
