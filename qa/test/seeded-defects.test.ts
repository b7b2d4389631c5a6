import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { checkStatically } from '../policy/static-checks';
import type { StaticFinding } from '../policy/static-finding';
import { WORKSPACE_VERSION } from '../../product/versions/workspace-version';
import { templatePath } from '../../product/versions/template-files';

// The version under development: released templates never change and are not run through checkov.
const TEMPLATE = templatePath(WORKSPACE_VERSION);
type Template = Record<string, any>;
const logicalIdOf = (template: Template, type: string, match: (properties: any) => boolean = () => true) =>
  Object.entries(template.Resources).find(([, resource]: [string, any]) => resource.Type === type && match(resource.Properties))![0];

/** Known defects, each applied to its own copy of the committed template; returns the resource or parameter it breaks. */
const DEFECTS: Record<string, (template: Template) => string> = {
  'SSH open to the internet': (template) => {
    const id = logicalIdOf(template, 'AWS::EC2::SecurityGroup', (properties) => /app tier/.test(properties.GroupDescription));
    template.Resources[id].Properties.SecurityGroupIngress = [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '0.0.0.0/0', Description: 'seeded' }];
    return id;
  },
  'an unencrypted table': (template) => {
    const id = logicalIdOf(template, 'AWS::DynamoDB::Table');
    delete template.Resources[id].Properties.SSESpecification;
    return id;
  },
  'a password parameter without NoEcho': (template) => {
    template.Parameters.DatabasePassword = { Type: 'String', MinLength: 14, Description: 'seeded' };
    template.Metadata['AWS::CloudFormation::Interface'].ParameterGroups[0].Parameters.push('DatabasePassword');
    template.Metadata['AWS::CloudFormation::Interface'].ParameterLabels.DatabasePassword = { default: 'Database password' };
    return 'DatabasePassword';
  },
  'a hard-coded Availability Zone': (template) => {
    const id = logicalIdOf(template, 'AWS::EC2::Subnet');
    template.Resources[id].Properties.AvailabilityZone = 'us-east-1a';
    return id;
  },
};

describe('static checks catch known defects in a copy of the template', () => {
  const workdir = mkdtempSync(join(tmpdir(), 'seeded-defects-'));
  after(() => rmSync(workdir, { recursive: true, force: true }));
  const seeded = Object.entries(DEFECTS).map(([name, apply], index) => {
    const template = JSON.parse(readFileSync(TEMPLATE, 'utf8'));
    const subject = apply(template);
    const path = join(workdir, `defect-${index}.template.json`);
    writeFileSync(path, JSON.stringify(template, undefined, 2));
    return { name, subject, path };
  });
  const findings: StaticFinding[] = checkStatically(seeded.map((copy) => copy.path));

  test('the unchanged template passes them all', () => {
    assert.deepEqual(checkStatically([TEMPLATE]), []);
  });

  for (const { name, subject, path } of seeded) {
    test(`${name} fails them, with a finding that names ${subject}`, () => {
      const mine = findings.filter((finding) => finding.template === path);
      assert.ok(mine.length > 0, 'no finding');
      const naming = mine.filter((finding) => finding.subject === subject || finding.message.includes(subject));
      assert.ok(naming.length > 0, `no finding names ${subject}: ${JSON.stringify(mine)}`);
    });
  }
});
