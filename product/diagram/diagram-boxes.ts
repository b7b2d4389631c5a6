import type { ElkLabel, ElkNode } from 'elkjs/lib/elk-api';
import { DETAIL_LEADING, SIZES, TITLE_LEADING } from './diagram-style';
import { textWidth, wrapText } from './typeface';
import { Component } from './workspace-architecture';
import { NO_PADDING } from './layout-options';

/** A component as drawn: its icon, and its title and details wrapped to the component's width. */
export interface ComponentLabel {
  readonly icon: string;
  readonly titleLines: readonly string[];
  readonly detailLines: readonly string[];
  readonly optional: boolean;
}

/** A component's label, wrapped so that no component is much wider than its icon row needs. */
export function componentLabel(item: Component): ComponentLabel {
  return {
    icon: item.icon,
    titleLines: wrapText(item.title, SIZES.title, 600, SIZES.titleWidth),
    detailLines: item.details.flatMap((line) => wrapText(line, SIZES.detail, 400, SIZES.detailWidth)),
    optional: item.optional,
  };
}

/** A component's node: the icon above its lines of text, sized to the widest line. */
export function componentBox(id: string, label: ComponentLabel): ElkNode {
  const lines = [...label.titleLines.map((line) => textWidth(line, SIZES.title, 600)), ...label.detailLines.map((line) => textWidth(line, SIZES.detail))];
  const width = Math.ceil(Math.max(SIZES.icon, ...lines)) + 2 * SIZES.componentPadding;
  const height = SIZES.icon + 4 + label.titleLines.length * SIZES.title * TITLE_LEADING + label.detailLines.length * SIZES.detail * DETAIL_LEADING + 2 * SIZES.componentPadding;
  return { id, width, height: Math.ceil(height) };
}

/**
 * A group's node: room for the label (and a second line, such as a CIDR block) next to the group icon
 * in the header; a frame without a label gets no header and no padding.
 */
export function groupBox(id: string, [label, detail]: readonly string[], children: ElkNode[], options: Record<string, string>): ElkNode {
  if (label === undefined) return { id, children: evenHeights(children), layoutOptions: { ...NO_PADDING, ...options } };
  const labelWidth = SIZES.groupIcon + 8 + Math.max(textWidth(label, SIZES.groupLabel, 600), detail === undefined ? 0 : textWidth(detail, SIZES.detail)) + 12;
  const header = SIZES.groupIcon + (detail === undefined ? 8 : 14);
  return {
    id,
    children: evenHeights(children),
    layoutOptions: {
      'elk.padding': `[top=${header},left=12,bottom=10,right=12]`,
      'elk.nodeSize.constraints': 'MINIMUM_SIZE',
      'elk.nodeSize.minimum': `(${Math.ceil(labelWidth)}, ${SIZES.groupIcon + 24})`,
      ...options,
    },
  };
}

/** A label at the tail of an edge; ELK places it, the renderer draws it. */
export function edgeLabel(text: string): ElkLabel {
  return { text, width: Math.ceil(textWidth(text, SIZES.edgeLabel)) + 4, height: Math.ceil(SIZES.edgeLabel * 1.3), layoutOptions: { 'elk.edgeLabels.placement': 'TAIL' } };
}

/** Components side by side get the height of the tallest, so their icons line up. */
function evenHeights(children: ElkNode[]): ElkNode[] {
  const components = children.filter((child) => child.children === undefined);
  const height = Math.max(0, ...components.map((child) => child.height ?? 0));
  return children.map((child) => (child.children === undefined ? { ...child, height } : child));
}
