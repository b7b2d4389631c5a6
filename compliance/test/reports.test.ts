import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, describe, test } from 'node:test';
import { parse } from 'yaml';
import { evaluateCompliance } from '../lib/evaluate';
import { evidenceDirectory, frozenEvidenceProblems, isEvidenceFrozen, REPORTS_DIR } from '../report/evidence';
import { renderComplianceReports, validateOscal, writeComplianceReports } from '../report/write-reports';
import { TEMPLATES } from './workspace-templates';
import { workspaceVersions } from '../../product/versions/released-versions';

describe('compliance reports', () => {
  const workdir = mkdtempSync(join(tmpdir(), 'compliance-reports-'));
  after(() => rmSync(workdir, { recursive: true, force: true }));

  for (const version of workspaceVersions().filter(isEvidenceFrozen)) {
    test(`the evidence of ${version}, released, is frozen: every file is the one its manifest lists`, () => {
      assert.deepEqual(frozenEvidenceProblems(version), []);
    });

    test(`the frozen OSCAL component definition of ${version} validates with compliance-trestle`, () => {
      validateOscal([join(evidenceDirectory(version), 'component-definition.json')]);
    });

    test(`npm run compliance refuses to regenerate ${version}'s evidence`, () => {
      assert.throws(() => writeComplianceReports(version, join(workdir, version)), new RegExp(`${version.replace(/\./g, '\\.')} is released; its evidence \\(compliance/reports/${version.replace(/\./g, '\\.')}\\) is frozen`));
    });
  }

  for (const version of workspaceVersions().filter((version) => !isEvidenceFrozen(version))) {
    const rendered = renderComplianceReports(version);

    test(`the committed reports of ${version} are what npm run compliance generates now`, () => {
      for (const [name, content] of Object.entries(rendered)) {
        const path = join(REPORTS_DIR, version, name);
        assert.ok(existsSync(path), `${path} is missing: run npm run compliance`);
        assert.ok(readFileSync(path, 'utf8') === content, `${path} is stale: run npm run compliance`);
      }
    });

    test(`the OSCAL component definition of ${version} validates with compliance-trestle`, () => {
      const [written] = writeComplianceReports(version, join(workdir, version)).filter((path) => path.endsWith('component-definition.json'));
      validateOscal([written]);
    });

    test(`the OSCAL file of ${version} has one implemented requirement per control, with its responsibility`, () => {
      const definition = JSON.parse(rendered['component-definition.json'])['component-definition'];
      const requirements = definition.components[0]['control-implementations'].flatMap((ci: any) => ci['implemented-requirements']);
      assert.equal(requirements.length, 85);
      assert.ok(requirements.every((r: any) => r.props.some((p: any) => p.name === 'responsibility')));
      assert.equal(definition.metadata.version, version);
    });

    test(`the HTML report of ${version} is one self-contained page`, () => {
      const html = rendered['compliance-report.html'];
      assert.doesNotMatch(html, /<script|<link|src=|https?:\/\//i);
      assert.match(html, /<h2 id="summary">Summary<\/h2>/);
    });

    test(`the control matrix of ${version} has a row per control and parses as CSV`, () => {
      const lines = rendered['control-matrix.csv'].trimEnd().split('\r\n');
      assert.equal(lines[0], 'framework,control,title,kind,requirement,responsibility,status,checks,tool_rules,customer_duties');
      assert.equal(lines.length, 1 + 85);
    });

    test(`the security tables of ${version} list every KMS key, data store, backup vault and copying plan, security group and role of the template`, () => {
      const resources = Object.entries(TEMPLATES.get(version)!.Resources);
      const tables = rendered['security-tables.md'];
      for (const [id] of resources.filter(([, r]) => ['AWS::KMS::Key', 'AWS::DynamoDB::Table', 'AWS::DocDB::DBCluster', 'AWS::S3::Bucket', 'AWS::EC2::SecurityGroup', 'AWS::IAM::Role', 'AWS::EC2::Subnet', 'AWS::SQS::Queue', 'AWS::Events::Archive', 'AWS::Backup::BackupVault', 'AWS::Backup::BackupPlan'].includes(r.Type))) {
        assert.match(tables, new RegExp(`\\| ${id} \\|`), `${id} is missing from the security tables`);
      }
    });

    test(`the security tables of ${version} say what is copied outside the Region, or that nothing is`, () => {
      const plans = Object.values(TEMPLATES.get(version)!.Resources).filter((r) => r.Type === 'AWS::Backup::BackupPlan');
      const copies = rendered['security-tables.md'].split('## Copies outside the Region')[1].split('\n## ')[0];
      if (plans.length === 0) assert.match(copies, /None: the template copies no data to another Region/);
      else assert.match(copies, /\| when DisasterRecoveryEnabled \|/);
    });
  }

  for (const version of workspaceVersions()) {
    test(`today's checks find every product-implemented control of ${version} met`, () => {
      const controls = evaluateCompliance(TEMPLATES.get(version)!, { tools: false }).frameworks.flatMap((f) => f.controls)
        .filter((c) => c.mapping.responsibility === 'product-implemented');
      assert.ok(controls.length > 0);
      for (const control of controls) {
        assert.ok(control.checks.length > 0, control.control.id);
        assert.equal(control.status, 'compliant', control.control.id);
      }
    });
  }

  test('when a frozen evidence file is edited, then the check names the file and its manifest', () => {
    const [version] = workspaceVersions().filter(isEvidenceFrozen);
    cpSync(evidenceDirectory(version), join(workdir, 'tampered', version), { recursive: true });
    writeFileSync(join(workdir, 'tampered', version, 'control-matrix.csv'), 'framework,control\r\n');
    assert.deepEqual(frozenEvidenceProblems(version, join(workdir, 'tampered')), [`control-matrix.csv has changed since release (sha256 differs from ${relative(process.cwd(), join(workdir, 'tampered', version, 'manifest.json'))})`]);
  });

  test('when a report folder exists, then its version still has a template', () => {
    const committed = existsSync(REPORTS_DIR) ? readdirSync(REPORTS_DIR) : [];
    assert.deepEqual(committed.filter((version: string) => !workspaceVersions().includes(version)), []);
  });

  test('when an OSCAL file is broken, then validation fails naming the file and the field', () => {
    const definition = JSON.parse(readFileSync(join(REPORTS_DIR, workspaceVersions()[0], 'component-definition.json'), 'utf8'));
    definition['component-definition'].components[0].uuid = 'not-a-uuid';
    const broken = join(workdir, 'broken.json');
    writeFileSync(broken, JSON.stringify(definition));
    assert.throws(() => validateOscal([broken]), /broken\.json[\s\S]*components\[0\]\.uuid/);
  });

  test('the mappings were reviewed on a real date, which the OSCAL file uses as last-modified', () => {
    for (const file of ['hipaa-security-rule', 'gdpr']) {
      const reviewed = parse(readFileSync(join(__dirname, '../mappings', `${file}.yaml`), 'utf8')).reviewed;
      assert.ok(!Number.isNaN(Date.parse(reviewed)), file);
    }
  });
});
