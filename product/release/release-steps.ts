import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { buildImages } from '../images/build-images';
import { archivePath, imagesRecordText } from '../images/image-files';
import { IMAGES_FILE, imagesRecordPath } from '../images/image-record';
import { BUNDLE_EVIDENCE_FOLDER, REPORTS_DIR, renderComplianceReports, validateOscal } from '../../compliance';
import { renderArchitectureDiagram } from '../diagram';
import { buildFunction, consoleFiles, RELEASED_FUNCTIONS } from '../functions/build-functions';
import { buildConsole } from '../../services/console/build-console';
import { synthesizeWorkspace } from '../synthesis/synthesize';
import { templatePath } from '../versions/template-files';
import { checkStatically } from '../../qa/policy/static-checks';
import { ReleaseStep } from './release-context';
import { TEMPLATE_FILE, versionDirectory } from '../versions/released-versions';
import { describeViolation, upgradeViolations } from './upgrade-safety';

/** Synthesizes the workspace template; it must be the one committed for the version (npm run synth writes it). */
export const synthStep: ReleaseStep = {
  title: 'synth',
  run: (release) => {
    const text = synthesizeWorkspace(release.version);
    assertCommitted(templatePath(release.version), text, 'npm run synth');
    release.templateText = text;
    release.template = JSON.parse(text);
    release.addFile(TEMPLATE_FILE, text);
  },
};

/** cfn-lint with the Marketplace rules, and cfn-guard's Control Tower rules, on the template. */
export const staticChecksStep: ReleaseStep = {
  title: 'static checks (cfn-lint, cfn-guard)',
  run: (release) => {
    const findings = checkStatically([templatePath(release.version)]);
    if (findings.length > 0) {
      throw new Error(`${findings.length} finding(s):\n${findings.map((f) => `  ${f.tool} ${f.rule}${f.subject ? ` at ${f.subject}` : ''}: ${f.message}`).join('\n')}`);
    }
  },
};

/** No stateful resource of the previous release is deleted or replaced by upgrading to this one. */
export const upgradeSafetyStep: ReleaseStep = {
  title: 'upgrade safety against the previous release',
  run: (release) => {
    if (!release.previous) return;
    const violations = upgradeViolations(release.previous.template(), release.template);
    if (violations.length > 0) {
      throw new Error(`upgrading from ${release.previous.version} would lose data:\n${violations.map((v) => `  ${describeViolation(v)}`).join('\n')}`);
    }
  },
};

/**
 * HIPAA and GDPR evidence: every control the product implements or shares passes its checks on this
 * template, and the committed reports (compliance/reports/<version>/, what reviewers read) are the ones
 * this template gives, with a valid OSCAL component definition. They go into the bundle
 * (`compliance/<file>`, checksums in the manifest), where they are frozen; the release then removes
 * compliance/reports/<version>/.
 */
export const complianceEvidenceStep: ReleaseStep = {
  title: 'compliance evidence (HIPAA, GDPR, OSCAL)',
  run: (release) => {
    const directory = join(REPORTS_DIR, release.version);
    for (const [name, content] of Object.entries(renderComplianceReports(release.version))) {
      assertCommitted(join(directory, name), content, 'npm run compliance');
      release.addFile(`${BUNDLE_EVIDENCE_FOLDER}/${name}`, content);
    }
    validateOscal([join(directory, 'component-definition.json')]);
  },
};

/** The architecture diagram for the Marketplace listing, drawn from this template, in the bundle beside it. */
export const architectureDiagramStep: ReleaseStep = {
  title: 'architecture diagram',
  run: async (release) => {
    const { svg, png } = await renderArchitectureDiagram(release.template);
    release.addFile('architecture-diagram.svg', svg);
    release.addFile('architecture-diagram.png', png);
  },
};

function assertCommitted(path: string, content: string, command: string): void {
  if (!existsSync(path) || readFileSync(path, 'utf8') !== content) {
    throw new Error(`${relative(process.cwd(), path)} is not what this template gives; run ${command}, test and commit first`);
  }
}

/**
 * The web console, built again from this checkout, in the bundle under `console/` (each file's checksum
 * in the manifest) as the console publisher's archive carries it to the console bucket.
 */
export const consoleStep: ReleaseStep = {
  title: 'web console',
  run: async (release) => {
    await buildConsole();
    for (const [path, content] of Object.entries(consoleFiles(release.version))) release.addFile(path, content);
  },
};

/** The Lambda code archives the template reads from `<MPS3KeyPrefix>functions/<name>.zip`. */
export const functionArchivesStep: ReleaseStep = {
  title: 'function code archives',
  run: (release) => {
    for (const name of RELEASED_FUNCTIONS) release.addFile(`functions/${name}.zip`, buildFunction(name, release.version));
  },
};

/**
 * The container images, built again from this checkout: their digests must be the ones images.json
 * pins (and the template's defaults name), which proves the images reproducible before they are
 * released. images.json and each SBOM join the bundle; the manifest records the digests; the OCI
 * archives are written to build/images/<version>/ for npm run publish:images.
 */
export const containerImagesStep: ReleaseStep = {
  title: 'container images (build, reproduce the pinned digests, SBOMs)',
  run: async (release) => {
    const { record, images } = await buildImages({ version: release.version, progress: (line) => console.log(`  ${line}`) });
    assertCommitted(imagesRecordPath(release.version), imagesRecordText(record), 'npm run synth');
    release.addFile(IMAGES_FILE, imagesRecordText(record));
    for (const image of images) {
      assertCommitted(join(versionDirectory(release.version), image.record.sbom), image.sbom, 'npm run synth');
      release.addFile(image.record.sbom, image.sbom);
      mkdirSync(dirname(archivePath(release.version, image.name)), { recursive: true });
      writeFileSync(archivePath(release.version, image.name), image.archive);
    }
    release.images = record;
  },
};

/** The steps of a release, in order; each may add files to the bundle. A new step is one more entry here. */
export const RELEASE_STEPS: ReleaseStep[] = [
  synthStep,
  containerImagesStep,
  staticChecksStep,
  complianceEvidenceStep,
  upgradeSafetyStep,
  architectureDiagramStep,
  consoleStep,
  functionArchivesStep,
];
