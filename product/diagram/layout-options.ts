/** ELK options every group shares: layered, orthogonal edges, children kept in the order given. */
const LAYERED = {
  'elk.algorithm': 'layered',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.spacing.nodeNode': '14',
  'elk.layered.spacing.nodeNodeBetweenLayers': '28',
  'elk.spacing.edgeLabel': '2',
};

/** Children in layers from left to right, following the edges. */
export const FLOW_RIGHT = { ...LAYERED, 'elk.direction': 'RIGHT' };

/** Children in layers from top to bottom, following the edges. */
export const FLOW_DOWN = { ...LAYERED, 'elk.direction': 'DOWN', 'elk.layered.spacing.nodeNodeBetweenLayers': '16' };

/** Unconnected children of a downward layout, kept in one graph, share one layer: a row. */
export const ROW = { ...LAYERED, 'elk.direction': 'DOWN', 'elk.spacing.nodeNode': '10', 'elk.separateConnectedComponents': 'false' };

/** Rows of children in the order given, wrapped towards this width-to-height ratio. */
export const WIDE_ROWS = { 'elk.algorithm': 'rectpacking', 'elk.aspectRatio': '12', 'elk.spacing.nodeNode': '6' };

/** No space around the children: for frames that only arrange, and draw nothing. */
export const NO_PADDING = { 'elk.padding': '[top=0,left=0,bottom=0,right=0]' };
