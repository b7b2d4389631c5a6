import { CheckOutcome, isFinding } from '../lib/check';
import { ComplianceResults, ControlResult, FrameworkResult } from '../lib/evaluate';
import { sectionOf } from '../lib/catalog';
import { statementsHoldingIn } from '../lib/statements';
import { CloudFormationTemplate, resourcesOfType } from '../../product/cloudformation';
import { Block } from './document';
import { SecurityTable } from './security-tables';
import { markedParagraph, markedText } from './statement-text';
import { summarize } from './summary';
import { describeValue, propertyValue, shorten } from './values';

/** What the report is about: the version and the template it was computed from. */
export interface ReportSubject {
  readonly version: string;
  readonly templatePath: string;
  readonly templateSha256: string;
  readonly template: CloudFormationTemplate;
  /** The version's container images and their SBOMs (from 1.3.0 on; absent before). */
  readonly images?: readonly ImageInventory[];
}

/** One container image of the version, as the software inventory lists it. */
export interface ImageInventory {
  readonly name: string;
  /** `<repository>@sha256:...`, what the template's default names. */
  readonly reference: string;
  /** The SBOM's path in the repository and its SHA-256. */
  readonly sbomPath: string;
  readonly sbomSha256: string;
  /** Components the SBOM lists (operating system packages, runtime, npm packages). */
  readonly components: number;
}

const RESPONSIBILITY_TEXT = [
  'product-implemented: the template implements the control; automated checks verify it on every version.',
  'shared: the template implements its part (checked where the template can show it); the customer does the rest.',
  'inherited: AWS implements it for the services the workspace uses; the customer keeps AWS\'s attestations as evidence.',
  'customer: policies, people and contracts outside the template.',
];
const STATUS_TEXT = [
  'compliant: every check and cited tool rule passes on this template.',
  'non-compliant: a check fails or throws, or a cited tool rule finds a resource at fault.',
  'not-applicable: the checks found nothing of their kind in the template.',
  'not-automated: no automated evidence exists for this control (inherited or customer controls, or shared ones the template cannot show).',
];

const outcomeText = (check: CheckOutcome) => isFinding(check) ? 'fail' : check.status === 'compliant' ? 'pass' : check.status;

function summaryBlocks(results: ComplianceResults): Block[] {
  const rows = results.frameworks.map((framework) => {
    const s = summarize(framework);
    return [framework.catalog.title, String(s.controls), String(s.byResponsibility['product-implemented']), String(s.byResponsibility.shared),
      String(s.byResponsibility.inherited), String(s.byResponsibility.customer), String(s.automated), String(s.byStatus.compliant), String(s.byStatus['non-compliant'])];
  });
  return [
    { kind: 'heading', level: 2, text: 'Summary', anchor: 'summary' },
    { kind: 'table', columns: ['Framework', 'Controls', 'Product-implemented', 'Shared', 'Inherited', 'Customer', 'With automated evidence', 'Compliant', 'Non-compliant'], rows },
    { kind: 'paragraph', text: `${results.checks.length} automated checks ran on the template; ${results.checks.filter(isFinding).length} found a problem.` },
    { kind: 'heading', level: 3, text: 'Responsibility' }, { kind: 'list', items: RESPONSIBILITY_TEXT },
    { kind: 'heading', level: 3, text: 'Status' }, { kind: 'list', items: STATUS_TEXT },
  ];
}

function resourceRows(template: CloudFormationTemplate, result: ControlResult): string[][] {
  return result.mapping.resources.flatMap(({ type, properties }) => resourcesOfType(template, type).flatMap(([id, resource]) => properties
    .map((property) => [id, type, property, shorten(describeValue(template, propertyValue(resource, property))), resource.Condition ? `when ${resource.Condition}` : 'always'])));
}

function controlBlocks(subject: ReportSubject, result: ControlResult): Block[] {
  const { control, mapping } = result;
  const duties = statementsHoldingIn(mapping.customerDuties, subject.version);
  const blocks: Block[] = [
    { kind: 'heading', level: 4, text: `${control.id} ${control.title}`, anchor: `control-${control.id}` },
    { kind: 'table', columns: ['Kind', 'Requirement', 'Responsibility', 'Status'], rows: [[control.kind, control.requirement, mapping.responsibility, result.status]] },
    { kind: 'paragraph', text: `The control, in our words: ${control.statement}` },
    { kind: 'paragraph', text: `How it is met: ${markedParagraph(statementsHoldingIn(mapping.implementation, subject.version))}` },
  ];
  const resources = resourceRows(subject.template, result);
  if (resources.length > 0) blocks.push({ kind: 'table', columns: ['Resource', 'Type', 'Property', 'Value', 'Created'], rows: resources });
  const evidence = [
    ...result.checks.map((check) => [`check ${check.check}`, outcomeText(check), check.message]),
    ...result.toolRules.map((rule) => [`${rule.tool} ${rule.rule}`, rule.findings.length ? 'fail' : 'pass', rule.findings.length ? `at fault: ${rule.findings.join(', ')}` : 'no finding on the template']),
  ];
  if (evidence.length > 0) blocks.push({ kind: 'table', columns: ['Automated evidence', 'Result', 'Detail'], rows: evidence });
  if (duties.length > 0) blocks.push({ kind: 'paragraph', text: 'Customer duties:' }, { kind: 'list', items: duties.map(markedText) });
  return blocks;
}

function frameworkBlocks(subject: ReportSubject, framework: FrameworkResult): Block[] {
  return [
    { kind: 'heading', level: 2, text: framework.catalog.title, anchor: framework.framework },
    { kind: 'paragraph', text: `Source: ${framework.catalog.source}. Mapping reviewed ${framework.mapping.reviewed}.` },
    ...framework.catalog.sections.flatMap((section): Block[] => [
      { kind: 'heading', level: 3, text: `${section.id} ${section.title}` },
      ...framework.controls.filter((c) => sectionOf(c.control) === section.id).flatMap((c) => controlBlocks(subject, c)),
    ]),
  ];
}

function checkBlocks(template: CloudFormationTemplate, check: CheckOutcome, title: string): Block[] {
  return [
    { kind: 'heading', level: 3, text: check.check, anchor: `check-${check.check}` },
    { kind: 'paragraph', text: `${title}. Result: ${outcomeText(check)} - ${check.message}.` },
    ...(check.evidence.length === 0 ? [] : [{ kind: 'table' as const, columns: ['Resource', 'Property', 'Value', 'Acceptable'],
      rows: check.evidence.map((e) => [e.resource, e.property, shorten(describeValue(template, e.value)), e.ok ? 'pass' : 'fail']) }]),
  ];
}

/** The seed guide's security tables as report blocks. */
export function securityTableBlocks(tables: readonly SecurityTable[], level: 2 | 3): Block[] {
  return tables.flatMap((table): Block[] => [
    { kind: 'heading', level, text: table.title },
    { kind: 'paragraph', text: table.note },
    { kind: 'table', columns: table.columns, rows: table.rows },
  ]);
}

/** The whole compliance report: summary, every control of every framework, every check's evidence, the security tables. */
export function complianceDocument(subject: ReportSubject, results: ComplianceResults, tables: readonly SecurityTable[], checkTitles: ReadonlyMap<string, string>): Block[] {
  return [
    { kind: 'heading', level: 1, text: `Compliance report: Automation Workspace ${subject.version}` },
    { kind: 'paragraph', text: `Generated by npm run compliance from ${subject.templatePath} (SHA-256 ${subject.templateSha256}). Every value below comes from that template; regenerate instead of editing.` },
    ...summaryBlocks(results),
    ...results.frameworks.flatMap((framework) => frameworkBlocks(subject, framework)),
    { kind: 'heading', level: 2, text: 'Automated checks and their evidence', anchor: 'checks' },
    ...results.checks.flatMap((check) => checkBlocks(subject.template, check, checkTitles.get(check.check) ?? check.check)),
    ...inventoryBlocks(subject.images),
    { kind: 'heading', level: 2, text: 'Security tables of the deployment guide, from the template', anchor: 'security-tables' },
    ...securityTableBlocks(tables, 3),
  ];
}

/** The software inventory: each image by digest with its CycloneDX SBOM, evidence for the inventory and malware controls. */
function inventoryBlocks(images: readonly ImageInventory[] | undefined): Block[] {
  if (!images) return [];
  return [
    { kind: 'heading', level: 2, text: 'Software inventory: container images and their SBOMs', anchor: 'software-inventory' },
    { kind: 'paragraph', text: 'Every image the template runs is named by digest, and its CycloneDX 1.6 SBOM, written by the build from what it put in the image, lists every Debian package, the Node.js runtime (by CPE) and every npm package with its licence. Feed the SBOMs to your vulnerability scanner; the images rebuild to the same digests from the release\'s commit.' },
    { kind: 'table', columns: ['image', 'reference', 'SBOM', 'SBOM SHA-256', 'components'], rows: images.map((image) => [image.name, image.reference, image.sbomPath, image.sbomSha256, String(image.components)]) },
  ];
}
