import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, describe, test } from 'node:test';
import { parliamentFindings, parliamentStaticFindings } from '../policy/parliament';
import { PARLIAMENT_SKIPS } from '../policy/parliament-skips';
import { WORKSPACE_VERSION } from '../../product/versions/workspace-version';
import { PORTFOLIO_TEMPLATE, templatePath } from '../../product/versions/template-files';

/** A role whose policy misspells an action, names a new one parliament's data predates, and grants a whole bucket's writes on "*". */
const POLICY_TEMPLATE = {
  AWSTemplateFormatVersion: '2010-09-09',
  Resources: {
    ReportRole: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
        Policies: [{
          PolicyName: 'Reports',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Action: ['s3:GetObjekt'], Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::reports/*' } },
              { Effect: 'Allow', Action: ['bedrock-agentcore:GatewayGetWebACLForResource'], Resource: 'arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/g' },
              { Effect: 'Allow', Action: ['s3:PutObject'], Resource: '*' },
            ],
          },
        }],
      },
    },
  },
};

describe('parliament on the templates\' IAM policies', () => {
  const workdir = mkdtempSync(join(tmpdir(), 'parliament-'));
  after(() => rmSync(workdir, { recursive: true, force: true }));
  const fixture = join(workdir, 'role.template.json');
  writeFileSync(fixture, JSON.stringify(POLICY_TEMPLATE));

  test('when a policy names an action IAM does not have, then the static checks fail naming the policy and the action', () => {
    const finding = parliamentStaticFindings([fixture], []).find((found) => found.rule === 'UNKNOWN_ACTION');
    assert.equal(finding?.subject, 'ReportRole');
    assert.match(finding!.message, /ReportRole\/Reports \(defaults\): .*s3:GetObjekt.*qa\/policy\/parliament-skips\.ts/);
  });

  test('when parliament\'s data predates an action the Service Authorization Reference lists, then that is no finding', () => {
    const findings = parliamentFindings([fixture]);
    assert.ok(!findings.some((finding) => finding.detail.includes('bedrock-agentcore')), JSON.stringify(findings));
  });

  test('when a policy writes objects on "*", then parliament reports the resource', () => {
    assert.ok(parliamentFindings([fixture]).some((finding) => finding.issue === 'RESOURCE_STAR'));
  });

  test('when a skip covers no finding, then the static checks report it as unused', () => {
    const skips = [{ issue: 'RESOURCE_STAR', template: 'role.template.json' as any, resources: ['NoSuchRole'], reason: 'fixture' }];
    const unused = parliamentStaticFindings([fixture], skips).filter((found) => /drop the skip/.test(found.message));
    assert.deepEqual(unused.map((found) => [found.rule, found.subject]), [['RESOURCE_STAR', 'NoSuchRole']]);
  });

  test('every policy of the templates under development passes, apart from the listed skips, each with its reason', () => {
    const templates = [templatePath(WORKSPACE_VERSION), PORTFOLIO_TEMPLATE].map((path) => relative(process.cwd(), path));
    assert.deepEqual(parliamentStaticFindings(templates), []);
    for (const skip of PARLIAMENT_SKIPS) assert.ok(skip.reason.length > 30, `${skip.issue}: ${skip.reason}`);
  });
});
