import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import { ComponentLabel, componentBox, componentLabel, edgeLabel, groupBox } from './diagram-boxes';
import { GroupKind } from './diagram-style';
import { FLOW_DOWN, FLOW_RIGHT, NO_PADDING, ROW, WIDE_ROWS } from './layout-options';
import { Component, Subnet, SubnetTier, WorkspaceArchitecture } from './workspace-architecture';

/** What a node of the layout graph stands for, for the renderer; a frame only arranges its children. */
export type DiagramElement =
  | { readonly kind: 'group'; readonly group: GroupKind; readonly label: string; readonly detail?: string }
  | { readonly kind: 'component'; readonly component: ComponentLabel }
  | { readonly kind: 'frame' };

/** Which end of a connection carries the arrowhead; 'hidden' edges only order the layout. */
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
 * each laid out on its own by ELK (so each level can run its own direction), with connections only
 * between siblings: users to the cloud, the API to the VPC, the internet gateway to each zone, and
 * within a zone the public, private and database subnets.
 */
export function diagramGraph(architecture: WorkspaceArchitecture): DiagramGraph {
  const graph = new GraphBuilder(architecture);
  const region = graph.group('region', 'region', [regionLabel(architecture)], [workloadFrame(graph), servicesGroup(graph)], FLOW_DOWN, [graph.connect('workload', 'services', 'hidden')]);
  const cloud = graph.group('cloud', 'cloud', ['AWS Cloud'], [region], FLOW_RIGHT);
  const root = graph.frame('root', [graph.component('users', USERS), cloud], { ...FLOW_RIGHT, ...NO_PADDING }, [graph.connect('users', 'cloud', 'end', 'HTTPS')]);
  return { root, elements: graph.elements, arrows: graph.arrows };
}

/** Collects what each node and edge stands for while the graph is built. */
class GraphBuilder {
  readonly elements = new Map<string, DiagramElement>();
  readonly arrows = new Map<string, EdgeArrows>();

  constructor(readonly architecture: WorkspaceArchitecture) {}

  group(id: string, kind: GroupKind, [label, detail]: [string, string?], children: ElkNode[], options: Record<string, string>, edges: ElkExtendedEdge[] = []): ElkNode {
    this.elements.set(id, { kind: 'group', group: kind, label, detail });
    return { ...groupBox(id, detail === undefined ? [label] : [label, detail], children, options), edges };
  }

  frame(id: string, children: ElkNode[], options: Record<string, string>, edges: ElkExtendedEdge[] = []): ElkNode {
    this.elements.set(id, { kind: 'frame' });
    return { ...groupBox(id, [], children, options), edges };
  }

  component(id: string, item: Component): ElkNode {
    const label = componentLabel(item);
    this.elements.set(id, { kind: 'component', component: label });
    return componentBox(id, label);
  }

  connect(from: string, to: string, arrow: EdgeArrows, label?: string): ElkExtendedEdge {
    const id = `${from}->${to}`;
    this.arrows.set(id, arrow);
    return { id, sources: [from], targets: [to], labels: label === undefined ? [] : [edgeLabel(label)] };
  }

  placedIn(area: 'entry' | 'vpc' | 'regional'): Component[] {
    return this.architecture.components.filter((item) => item.placement.area === area);
  }

  /** The components in front of an entry component, such as a web firewall. */
  guarding(key: string): Component[] {
    return this.architecture.components.filter((item) => item.placement.area === 'guard' && item.placement.guards === key);
  }

  /** The components placed in a subnet. */
  inSubnet(subnet: Subnet): Component[] {
    return this.architecture.components.filter((item) => item.placement.area === 'subnets' && item.placement.subnetIds.includes(subnet.logicalId));
  }
}

function regionLabel(architecture: WorkspaceArchitecture): string {
  return architecture.regions.length > 0 ? `Region (${architecture.regions.join(' or ')})` : 'Region';
}

/** The entry services (API Gateway, Cognito) left of the VPC; the API's arrow into the VPC stands for its Lambda integrations. */
function workloadFrame(graph: GraphBuilder): ElkNode {
  const entry = graph.placedIn('entry');
  const entersVpc = entry.filter((item) => graph.architecture.flows.some((flow) => flow.from === item.key));
  const children = [...entry.map((item) => entryNode(graph, item)), vpcGroup(graph)];
  return graph.frame('workload', children, { ...FLOW_RIGHT, 'elk.separateConnectedComponents': 'false' }, entersVpc.map((item) => graph.connect(entrySource(graph, item), 'vpc', 'end', 'invokes')));
}

/**
 * An entry component, under what guards it (a web firewall passes requests down to the API), in a
 * frame whose outgoing arrow leaves from the component's side through a port: without it, ELK would
 * start the arrow at the frame's middle, between the guard and the component.
 */
function entryNode(graph: GraphBuilder, item: Component): ElkNode {
  const guards = graph.guarding(item.key);
  if (guards.length === 0) return graph.component(item.key, item);
  const guardRow = guards.map((guard) => graph.component(guard.key, guard));
  const entry = graph.component(item.key, item);
  const frame = graph.frame(entryNodeId(graph, item), [...guardRow, entry], { ...FLOW_DOWN, 'elk.layered.spacing.nodeNodeBetweenLayers': String(GUARD_SPACING) }, guards.map((guard) => graph.connect(guard.key, item.key, 'end')));
  const rowHeight = Math.max(...[...guardRow, entry].map((node) => node.height ?? 0));
  const width = Math.max(entry.width ?? 0, guardRow.reduce((sum, node) => sum + (node.width ?? 0), 0) + (guardRow.length - 1) * 14);
  const port = { id: `${frame.id}.out`, x: width, y: rowHeight + GUARD_SPACING + rowHeight / 2, width: 0, height: 0, layoutOptions: { 'elk.port.side': 'EAST' } };
  return { ...frame, ports: [port], layoutOptions: { ...frame.layoutOptions, 'elk.portConstraints': 'FIXED_POS' } };
}

/** The space between a guard and the component it guards. */
const GUARD_SPACING = 20;

function entryNodeId(graph: GraphBuilder, item: Component): string {
  return graph.guarding(item.key).length === 0 ? item.key : `${item.key}-guarded`;
}

/** Where the arrows of an entry component start: the component, or the port on the side of its frame. */
function entrySource(graph: GraphBuilder, item: Component): string {
  return graph.guarding(item.key).length === 0 ? item.key : `${item.key}-guarded.out`;
}

function servicesGroup(graph: GraphBuilder): ElkNode {
  return graph.group('services', 'services', ['Regional services used by the workspace'], graph.placedIn('regional').map((item) => graph.component(item.key, item)), WIDE_ROWS);
}

/** The VPC: its gateways, then one row per zone; every zone is linked from the gateway (hidden where it has no route), so zones stack in order. */
function vpcGroup(graph: GraphBuilder): ElkNode {
  const { architecture } = graph;
  const zones = [...new Set(architecture.subnets.map((subnet) => subnet.zone))];
  const gateways = graph.placedIn('vpc');
  const routesTo = (zone: number, gateway: string) =>
    architecture.defaultRoutes.some((route) => route.gateway === gateway && architecture.subnets.some((subnet) => subnet.logicalId === route.subnetId && subnet.zone === zone));
  const edges = gateways.flatMap((gateway) => zones.map((zone) => graph.connect(gateway.key, `zone-${zone}`, routesTo(zone, gateway.key) ? 'end' : 'hidden')));
  const children = [...gateways.map((item) => graph.component(item.key, item)), ...zones.map((zone) => zoneGroup(graph, zone))];
  return graph.group('vpc', 'vpc', ['VPC', architecture.vpcCidr], children, FLOW_RIGHT, edges);
}

function zoneGroup(graph: GraphBuilder, zone: number): ElkNode {
  const subnets = graph.architecture.subnets.filter((subnet) => subnet.zone === zone);
  const children = subnets.map((subnet) => graph.group(subnet.logicalId, subnet.tier, [TIER_NAMES[subnet.tier], subnet.cidr], graph.inSubnet(subnet).map((item) => graph.component(`${item.key}@${subnet.logicalId}`, item)), ROW));
  return graph.group(`zone-${zone}`, 'zone', [`Availability Zone ${zone + 1}`], children, FLOW_RIGHT, zoneEdges(graph, subnets));
}

/** Within a zone: a subnet's default route out through the NAT gateway of another subnet, and the workload's calls into the subnet of the data store it uses. */
function zoneEdges(graph: GraphBuilder, subnets: Subnet[]): ElkExtendedEdge[] {
  const keysIn = (subnet: Subnet) => graph.inSubnet(subnet).map((item) => item.key);
  const edges: ElkExtendedEdge[] = [];
  for (const subnet of subnets) {
    const route = graph.architecture.defaultRoutes.find((candidate) => candidate.subnetId === subnet.logicalId);
    const natSubnet = subnets.find((candidate) => candidate !== subnet && route !== undefined && keysIn(candidate).includes(route.gateway));
    if (natSubnet) edges.push(graph.connect(natSubnet.logicalId, subnet.logicalId, 'start', 'outbound'));
  }
  for (const from of subnets) {
    for (const to of subnets) {
      const calls = graph.architecture.flows.some((flow) => from !== to && keysIn(from).includes(flow.from) && keysIn(to).includes(flow.to));
      if (calls) edges.push(graph.connect(from.logicalId, to.logicalId, 'end', 'TLS'));
    }
  }
  return [...edges, ...tierOrder(graph, subnets, edges)];
}

/** Hidden edges between neighbouring tiers not otherwise connected, so tiers always read public, private, database from the left. */
function tierOrder(graph: GraphBuilder, subnets: Subnet[], edges: ElkExtendedEdge[]): ElkExtendedEdge[] {
  const linked = (left: Subnet, right: Subnet) => edges.some((edge) => edge.id === `${left.logicalId}->${right.logicalId}` || edge.id === `${right.logicalId}->${left.logicalId}`);
  const neighbours = subnets.slice(1).map((subnet, index) => [subnets[index], subnet] as const);
  return neighbours.filter(([left, right]) => !linked(left, right)).map(([left, right]) => graph.connect(left.logicalId, right.logicalId, 'hidden'));
}
