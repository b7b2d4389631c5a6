import type { ElkExtendedEdge, ElkLabel, ElkNode } from 'elkjs/lib/elk-api';
import { DETAIL_LEADING, GroupKind, SIZES, TITLE_LEADING } from './diagram-style';
import { textWidth, wrapText } from './typeface';
import { Component, Subnet, SubnetTier, WorkspaceArchitecture } from './workspace-architecture';

/** What a node of the layout graph stands for, for the renderer. */
export type DiagramElement =
  | { readonly kind: 'group'; readonly group: GroupKind; readonly label: string; readonly detail?: string }
  | { readonly kind: 'component'; readonly component: ComponentLabel }
  | { readonly kind: 'frame' };

/** A component as drawn: its icon, and its title and details wrapped to the component's width. */
export interface ComponentLabel {
  readonly icon: string;
  readonly titleLines: readonly string[];
  readonly detailLines: readonly string[];
  readonly optional: boolean;
}

/** Which ends of a connection carry an arrowhead; 'hidden' edges only order the layout. */
export type EdgeArrows = 'end' | 'start' | 'hidden';

/** The ELK graph of an architecture, what each node stands for, and how each edge is drawn. */
export interface DiagramGraph {
  readonly root: ElkNode;
  readonly elements: ReadonlyMap<string, DiagramElement>;
  readonly arrows: ReadonlyMap<string, EdgeArrows>;
}

const TIER_NAMES: Record<SubnetTier, string> = { public: 'Public subnet', private: 'Private subnet', database: 'Database subnet' };

const USERS: Component = { key: 'users', icon: 'resource/Users', title: 'Workspace users', details: ['browser, API clients'], optional: false, placement: { area: 'entry' } };

/**
 * Builds the layout graph: AWS Cloud > Region > VPC > Availability Zone > subnet as compound nodes,
 * each laid out on its own by ELK's layered algorithm (so each level can run its own direction), with
 * connections only between siblings: users to the cloud, the API to the VPC, the internet gateway to
 * each zone, and within a zone public to private to database subnet.
 */
export function diagramGraph(architecture: WorkspaceArchitecture): DiagramGraph {
  const elements = new Map<string, DiagramElement>();
  const arrows = new Map<string, EdgeArrows>();
  const connect = (from: string, to: string, arrow: EdgeArrows, label?: string): ElkExtendedEdge => {
    const id = `${from}->${to}`;
    arrows.set(id, arrow);
    return { id, sources: [from], targets: [to], labels: label === undefined ? [] : [edgeLabel(label)] };
  };
  const group = (id: string, kind: GroupKind | 'frame', [label, detail]: [string, string?], children: ElkNode[], options: Record<string, string>, edges: ElkExtendedEdge[] = []): ElkNode => {
    elements.set(id, kind === 'frame' ? { kind } : { kind: 'group', group: kind, label, detail });
    return { ...groupNode(kind === 'frame' ? [] : [label, detail], evenHeights(children), options), id, edges };
  };
  const component = (id: string, item: Component): ElkNode => {
    const label = componentLabel(item);
    elements.set(id, { kind: 'component', component: label });
    return componentNode(id, label);
  };
  const placedIn = (area: string) => architecture.components.filter((item) => item.placement.area === area);

  const subnetNode = (subnet: Subnet) => {
    const inside = architecture.components.filter((item) => item.placement.area === 'subnets' && item.placement.subnetIds.includes(subnet.logicalId));
    return group(subnet.logicalId, subnet.tier, [TIER_NAMES[subnet.tier], subnet.cidr], inside.map((item) => component(`${item.key}@${subnet.logicalId}`, item)), ROW);
  };
  const zoneNode = (zone: number) => {
    const subnets = architecture.subnets.filter((subnet) => subnet.zone === zone);
    return group(`zone-${zone}`, 'zone', [`Availability Zone ${zone + 1}`], subnets.map(subnetNode), FLOW_RIGHT, zoneEdges(architecture, subnets, connect));
  };
  const zones = [...new Set(architecture.subnets.map((subnet) => subnet.zone))];
  const gateways = placedIn('vpc');
  const vpcEdges = gateways.flatMap((gateway) => zones.map((zone) => connect(gateway.key, `zone-${zone}`, routesTo(architecture, zone, gateway.key) ? 'end' : 'hidden')));
  const vpc = group('vpc', 'vpc', ['VPC', architecture.vpcCidr], [...gateways.map((item) => component(item.key, item)), ...zones.map(zoneNode)], FLOW_RIGHT, vpcEdges);

  const entry = placedIn('entry');
  const entersVpc = entry.filter((item) => architecture.flows.some((flow) => flow.from === item.key));
  const workload = group('workload', 'frame', [''], [...entry.map((item) => component(item.key, item)), vpc], { ...FLOW_RIGHT, 'elk.separateConnectedComponents': 'false' }, entersVpc.map((item) => connect(item.key, 'vpc', 'end', 'invokes')));
  const services = group('services', 'services', ['Regional services used by the workspace'], placedIn('regional').map((item) => component(item.key, item)), GRID);
  const regionLabel = architecture.regions.length > 0 ? `Region (${architecture.regions.join(' or ')})` : 'Region';
  const region = group('region', 'region', [regionLabel], [workload, services], FLOW_DOWN, [connect('workload', 'services', 'hidden')]);
  const cloud = group('cloud', 'cloud', ['AWS Cloud'], [region], FLOW_RIGHT);
  const root = group('root', 'frame', [''], [component('users', USERS), cloud], { ...FLOW_RIGHT, 'elk.padding': '[top=0,left=0,bottom=0,right=0]' }, [connect('users', 'cloud', 'end', 'HTTPS')]);
  return { root, elements, arrows };
}

/** Within a zone: the private subnet's default route out through the NAT gateway in the public subnet, and the workload's calls into the database subnet. */
function zoneEdges(architecture: WorkspaceArchitecture, subnets: Subnet[], connect: (from: string, to: string, arrow: EdgeArrows, label?: string) => ElkExtendedEdge): ElkExtendedEdge[] {
  const edges: ElkExtendedEdge[] = [];
  const inSubnet = (subnet: Subnet) => architecture.components.filter((item) => item.placement.area === 'subnets' && item.placement.subnetIds.includes(subnet.logicalId)).map((item) => item.key);
  for (const subnet of subnets) {
    const route = architecture.defaultRoutes.find((candidate) => candidate.subnetId === subnet.logicalId);
    const natSubnet = subnets.find((candidate) => candidate !== subnet && route !== undefined && inSubnet(candidate).includes(route.gateway));
    if (natSubnet) edges.push(connect(natSubnet.logicalId, subnet.logicalId, 'start', 'outbound'));
  }
  for (const from of subnets) {
    for (const to of subnets) {
      const calls = architecture.flows.some((flow) => from !== to && inSubnet(from).includes(flow.from) && inSubnet(to).includes(flow.to));
      if (calls) edges.push(connect(from.logicalId, to.logicalId, 'end', 'TLS'));
    }
  }
  return [...edges, ...tierOrder(subnets, edges, connect)];
}

/** Hidden edges between neighbouring tiers not otherwise connected, so tiers always read public, private, database from the left. */
function tierOrder(subnets: Subnet[], edges: ElkExtendedEdge[], connect: (from: string, to: string, arrow: EdgeArrows) => ElkExtendedEdge): ElkExtendedEdge[] {
  const linked = (a: Subnet, b: Subnet) => edges.some((edge) => [a.logicalId, b.logicalId].includes(edge.sources[0]) && [a.logicalId, b.logicalId].includes(edge.targets[0]));
  const neighbours = subnets.slice(1).map((subnet, index) => [subnets[index], subnet] as const);
  return neighbours.filter(([left, right]) => !linked(left, right)).map(([left, right]) => connect(left.logicalId, right.logicalId, 'hidden'));
}

function routesTo(architecture: WorkspaceArchitecture, zone: number, gateway: string): boolean {
  return architecture.defaultRoutes.some((route) => route.gateway === gateway && architecture.subnets.some((subnet) => subnet.logicalId === route.subnetId && subnet.zone === zone));
}

const COMMON = {
  'elk.algorithm': 'layered',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.spacing.nodeNode': '14',
  'elk.layered.spacing.nodeNodeBetweenLayers': '28',
  'elk.edgeLabels.placement': 'TAIL',
  'elk.spacing.edgeLabel': '2',
};
const FLOW_RIGHT = { ...COMMON, 'elk.direction': 'RIGHT' };
const FLOW_DOWN = { ...COMMON, 'elk.direction': 'DOWN', 'elk.layered.spacing.nodeNodeBetweenLayers': '16' };
/** Unconnected children of a downward layout, kept in one graph, share one layer: a row. */
const ROW = { ...COMMON, 'elk.direction': 'DOWN', 'elk.spacing.nodeNode': '10', 'elk.separateConnectedComponents': 'false' };
/** Rows of services in template order, wrapped to roughly the given width-to-height ratio. */
const GRID = { 'elk.algorithm': 'rectpacking', 'elk.aspectRatio': '12', 'elk.spacing.nodeNode': '10' };

/** A group box: its label (and a second line, such as a CIDR block) in the header; no header for a frame. */
function groupNode([label, detail]: (string | undefined)[], children: ElkNode[], options: Record<string, string>): Omit<ElkNode, 'id'> {
  if (label === undefined) return { children, layoutOptions: { 'elk.padding': '[top=0,left=0,bottom=0,right=0]', ...options } };
  const textWidths = [textWidth(label, SIZES.groupLabel, 600), detail === undefined ? 0 : textWidth(detail, SIZES.detail)];
  const labelWidth = SIZES.groupIcon + 8 + Math.max(...textWidths) + 12;
  const header = SIZES.groupIcon + (detail === undefined ? 8 : 14);
  return {
    children,
    layoutOptions: {
      'elk.padding': `[top=${header},left=12,bottom=10,right=12]`,
      'elk.nodeSize.constraints': 'MINIMUM_SIZE',
      'elk.nodeSize.minimum': `(${Math.ceil(labelWidth)}, ${SIZES.groupIcon + 24})`,
      ...options,
    },
  };
}

function edgeLabel(text: string): ElkLabel {
  return { text, width: Math.ceil(textWidth(text, SIZES.edgeLabel)) + 4, height: Math.ceil(SIZES.edgeLabel * 1.3), layoutOptions: { 'elk.edgeLabels.placement': 'TAIL' } };
}

function componentLabel(item: Component): ComponentLabel {
  return {
    icon: item.icon,
    titleLines: wrapText(item.title, SIZES.title, 600, SIZES.titleWidth),
    detailLines: item.details.flatMap((line) => wrapText(line, SIZES.detail, 400, SIZES.detailWidth)),
    optional: item.optional,
  };
}

function componentNode(id: string, label: ComponentLabel): ElkNode {
  const lines = [...label.titleLines.map((line) => textWidth(line, SIZES.title, 600)), ...label.detailLines.map((line) => textWidth(line, SIZES.detail))];
  const width = Math.ceil(Math.max(SIZES.icon, ...lines)) + 2 * SIZES.componentPadding;
  const height = SIZES.icon + 4 + label.titleLines.length * SIZES.title * TITLE_LEADING + label.detailLines.length * SIZES.detail * DETAIL_LEADING + 2 * SIZES.componentPadding;
  return { id, width, height: Math.ceil(height) };
}

/** Components side by side get the height of the tallest, so their icons line up. */
function evenHeights(children: ElkNode[]): ElkNode[] {
  const components = children.filter((child) => child.children === undefined);
  const height = Math.max(0, ...components.map((child) => child.height ?? 0));
  return children.map((child) => (child.children === undefined ? { ...child, height } : child));
}
