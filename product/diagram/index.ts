import ELK from 'elkjs/lib/elk.bundled.js';
import { Resvg } from '@resvg/resvg-js';
import { CloudFormationTemplate } from '../cloudformation';
import { diagramGraph } from './diagram-graph';
import { diagramSvg } from './diagram-svg';
import { FONT_FAMILY, fontFiles } from './typeface';
import { readArchitecture } from './workspace-architecture';

/** The architecture diagram of a workspace template, as SVG text and as a PNG image (1100x700). */
export interface ArchitectureDiagram {
  readonly svg: string;
  readonly png: Buffer;
}

/**
 * Draws the architecture diagram of a synthesized workspace template for the Marketplace listing:
 * what it shows is read from the template, ELK lays it out, and resvg renders the PNG with the bundled
 * font only, so the same template gives byte-identical files on every machine.
 */
export async function renderArchitectureDiagram(template: object): Promise<ArchitectureDiagram> {
  const workspace = template as CloudFormationTemplate;
  const architecture = readArchitecture(workspace);
  const { root, elements, arrows } = diagramGraph(architecture);
  const laidOut = await new ELK().layout(root);
  const svg = diagramSvg(laidOut, elements, arrows, { title: architecture.title, legend: 'Dashed outline: optional, created when its launch parameter turns it on. CIDR blocks are the launch defaults.' });
  const png = new Resvg(svg, { font: { loadSystemFonts: false, fontFiles: fontFiles(), defaultFontFamily: FONT_FAMILY } }).render().asPng();
  return { svg, png };
}
