import type { ElkExtendedEdge, ElkLabel, ElkNode, ElkPoint } from 'elkjs/lib/elk-api';
import { awsIcon } from './aws-icons';
import { DiagramElement, EdgeArrows } from './diagram-graph';
import { CANVAS, COLORS, DETAIL_LEADING, DRAWING_AREA, GROUP_STYLES, SIZES, TITLE_LEADING } from './diagram-style';
import { FONT_FAMILY, FontWeight } from './typeface';

/** What frames the laid-out graph on the canvas. */
export interface DiagramFrame {
  /** The heading at the top left. */
  readonly title: string;
  /** One line at the bottom left explaining the notation. */
  readonly legend: string;
}

/** Draws a laid-out graph as an SVG document of the canvas size, scaled to fit and centred. */
export function diagramSvg(laidOut: ElkNode, elements: ReadonlyMap<string, DiagramElement>, arrows: ReadonlyMap<string, EdgeArrows>, frame: DiagramFrame): string {
  const area = DRAWING_AREA;
  const scale = Math.min(area.width / (laidOut.width ?? 1), area.height / (laidOut.height ?? 1));
  const offsetX = area.x + (area.width - (laidOut.width ?? 0) * scale) / 2;
  const offsetY = area.y + (area.height - (laidOut.height ?? 0) * scale) / 2;
  const body: string[] = [];
  const edges: string[] = [];
  drawContents(laidOut, 0, 0, { elements, arrows, body, edges });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CANVAS.width}" height="${CANVAS.height}" viewBox="0 0 ${CANVAS.width} ${CANVAS.height}" font-family="${FONT_FAMILY}, Arial, Helvetica, sans-serif">`,
    `<rect width="${CANVAS.width}" height="${CANVAS.height}" fill="${COLORS.background}"/>`,
    text(SIZES.margin, 24, frame.title, 16, 600, COLORS.text, 'start'),
    legend(frame.legend),
    `<defs><marker id="arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L8 4L0 8z" fill="${COLORS.edge}"/></marker></defs>`,
    `<g transform="translate(${round(offsetX)} ${round(offsetY)}) scale(${round(scale, 4)})">`,
    ...body,
    ...edges,
    '</g>',
    '</svg>',
    '',
  ].join('\n');
}

/** The notation line at the bottom, after a sample of the dashed outline it explains. */
function legend(content: string): string {
  const baseline = CANVAS.height - SIZES.margin + 4;
  const sample = `<rect x="${SIZES.margin}" y="${baseline - 9}" width="16" height="11" rx="2" fill="none" stroke="${COLORS.optional}" stroke-width="1" stroke-dasharray="3 3"/>`;
  return sample + text(SIZES.margin + 22, baseline, content, 10, 400, COLORS.detail, 'start');
}

interface Drawing {
  readonly elements: ReadonlyMap<string, DiagramElement>;
  readonly arrows: ReadonlyMap<string, EdgeArrows>;
  readonly body: string[];
  /** Drawn after the boxes, so no box hides a connection. */
  readonly edges: string[];
}

/** Draws a node's children and its edges; ELK gives both relative to the node. */
function drawContents(parent: ElkNode, originX: number, originY: number, drawing: Drawing): void {
  for (const edge of parent.edges ?? []) {
    const arrow = drawing.arrows.get(edge.id) ?? 'end';
    if (arrow !== 'hidden') drawing.edges.push(drawEdge(edge, originX, originY, arrow));
  }
  for (const child of parent.children ?? []) {
    const x = originX + (child.x ?? 0);
    const y = originY + (child.y ?? 0);
    const element = drawing.elements.get(child.id);
    if (element?.kind === 'group') drawing.body.push(drawGroup(element, x, y, child));
    if (element?.kind === 'component') drawing.body.push(drawComponent(element, x, y, child));
    drawContents(child, x, y, drawing);
  }
}

function drawGroup(element: Extract<DiagramElement, { kind: 'group' }>, x: number, y: number, node: ElkNode): string {
  const style = GROUP_STYLES[element.group];
  const dash = style.dashed ? ' stroke-dasharray="5 4"' : '';
  const parts = [`<rect x="${round(x)}" y="${round(y)}" width="${round(node.width ?? 0)}" height="${round(node.height ?? 0)}" fill="${style.fill}" stroke="${style.stroke}" stroke-width="1.5"${dash}/>`];
  if (style.icon) parts.push(awsIcon(style.icon, round(x), round(y), SIZES.groupIcon));
  const labelX = x + (style.icon ? SIZES.groupIcon + 8 : 10);
  if (element.detail === undefined) {
    parts.push(text(labelX, y + SIZES.groupIcon / 2 + SIZES.groupLabel * 0.36, element.label, SIZES.groupLabel, 600, style.labelColor, 'start'));
  } else {
    parts.push(text(labelX, y + SIZES.groupLabel + 2, element.label, SIZES.groupLabel, 600, style.labelColor, 'start'));
    parts.push(text(labelX, y + SIZES.groupLabel + 4 + SIZES.detail * 1.2, element.detail, SIZES.detail, 400, style.labelColor, 'start'));
  }
  return parts.join('');
}

function drawComponent(element: Extract<DiagramElement, { kind: 'component' }>, x: number, y: number, node: ElkNode): string {
  const { icon, titleLines, detailLines, optional } = element.component;
  const centre = x + (node.width ?? 0) / 2;
  const iconTop = y + SIZES.componentPadding;
  const parts: string[] = [];
  if (optional) {
    parts.push(`<rect x="${round(x)}" y="${round(y)}" width="${round(node.width ?? 0)}" height="${round(node.height ?? 0)}" rx="4" fill="#FFFFFF" fill-opacity="0.6" stroke="${COLORS.optional}" stroke-width="1" stroke-dasharray="3 3"/>`);
  }
  parts.push(awsIcon(icon, round(centre - SIZES.icon / 2), round(iconTop), SIZES.icon));
  let baseline = iconTop + SIZES.icon + 4;
  for (const line of titleLines) {
    baseline += SIZES.title * TITLE_LEADING;
    parts.push(text(centre, baseline - SIZES.title * 0.25, line, SIZES.title, 600, COLORS.text, 'middle'));
  }
  for (const line of detailLines) {
    baseline += SIZES.detail * DETAIL_LEADING;
    parts.push(text(centre, baseline - SIZES.detail * 0.25, line, SIZES.detail, 400, COLORS.detail, 'middle'));
  }
  return parts.join('');
}

function drawEdge(edge: ElkExtendedEdge, originX: number, originY: number, arrow: Exclude<EdgeArrows, 'hidden'>): string {
  const markers = arrow === 'start' ? ' marker-start="url(#arrow)"' : ' marker-end="url(#arrow)"';
  return (edge.sections ?? [])
    .map((section) => {
      const points: ElkPoint[] = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint];
      const path = points.map((point, index) => `${index === 0 ? 'M' : 'L'}${round(originX + point.x)} ${round(originY + point.y)}`).join(' ');
      return `<path d="${path}" fill="none" stroke="${COLORS.edge}" stroke-width="1.25"${markers}/>`;
    })
    .concat((edge.labels ?? []).map((label) => edgeLabel(label, originX, originY)))
    .join('');
}

function edgeLabel(label: ElkLabel, originX: number, originY: number): string {
  const x = originX + (label.x ?? 0);
  const y = originY + (label.y ?? 0);
  const background = `<rect x="${round(x)}" y="${round(y)}" width="${round(label.width ?? 0)}" height="${round(label.height ?? 0)}" fill="${COLORS.background}" fill-opacity="0.85"/>`;
  return background + text(x + (label.width ?? 0) / 2, y + SIZES.edgeLabel, label.text ?? '', SIZES.edgeLabel, 400, COLORS.detail, 'middle');
}

function text(x: number, y: number, content: string, size: number, weight: FontWeight, fill: string, anchor: 'start' | 'middle'): string {
  return `<text x="${round(x)}" y="${round(y)}" font-size="${size}" font-weight="${weight}" fill="${fill}" text-anchor="${anchor}">${escapeXml(content)}</text>`;
}

function escapeXml(content: string): string {
  return content.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Coordinates rounded, so the SVG text does not depend on floating-point noise. */
function round(value: number, digits = 2): number {
  return Number(value.toFixed(digits));
}
