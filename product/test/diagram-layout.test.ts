import assert from 'node:assert/strict';
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api';
import { before, describe, test } from 'node:test';
import { renderArchitectureDiagram } from '../diagram';
import { diagramGraph } from '../diagram/diagram-graph';
import { CANVAS, DRAWING_AREA, SIZES } from '../diagram/diagram-style';
import { readArchitecture } from '../diagram/workspace-architecture';
import { workspaceJson } from './workspace-template';

type Box = { id: string; x: number; y: number; width: number; height: number };

const boxOf = (node: ElkNode): Box => ({ id: node.id, x: node.x ?? 0, y: node.y ?? 0, width: node.width ?? 0, height: node.height ?? 0 });
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

function groups(node: ElkNode): ElkNode[] {
  return node.children === undefined ? [] : [node, ...node.children.flatMap(groups)];
}

describe('the layout of the architecture diagram', () => {
  let laidOut: ElkNode;
  let svg: string;
  before(async () => {
    laidOut = await new ELK().layout(diagramGraph(readArchitecture(workspaceJson as any)).root);
    svg = (await renderArchitectureDiagram(workspaceJson)).svg;
  });

  test('no two boxes side by side overlap, at any level of the nesting', () => {
    for (const group of groups(laidOut)) {
      const children = (group.children ?? []).map(boxOf);
      for (const [index, a] of children.entries()) {
        for (const b of children.slice(index + 1)) assert.ok(!overlap(a, b), `${a.id} overlaps ${b.id} in ${group.id}`);
      }
    }
  });

  test('every box lies inside its group', () => {
    for (const group of groups(laidOut)) {
      for (const child of (group.children ?? []).map(boxOf)) {
        const inside = child.x >= 0 && child.y >= 0 && child.x + child.width <= (group.width ?? 0) && child.y + child.height <= (group.height ?? 0);
        assert.ok(inside, `${child.id} sticks out of ${group.id}`);
      }
    }
  });

  test('the drawing, scaled to fit, stays between the title and the legend, and its text stays legible', () => {
    const [, x, y, scale] = /<g transform="translate\(([\d.]+) ([\d.]+)\) scale\(([\d.]+)\)">/.exec(svg)!.map(Number);
    const area = DRAWING_AREA;
    assert.ok(x >= area.x - 0.01 && y >= area.y - 0.01);
    assert.ok(x + (laidOut.width ?? 0) * scale <= area.x + area.width + 0.01);
    assert.ok(y + (laidOut.height ?? 0) * scale <= area.y + area.height + 0.01);
    assert.ok(area.y + area.height < CANVAS.height - SIZES.margin, 'the legend line stays free');
    assert.ok(SIZES.title * scale >= 9, `titles are ${SIZES.title * scale}px`);
    assert.ok(SIZES.detail * scale >= 8, `details are ${SIZES.detail * scale}px`);
  });
});

describe('the layout when more optional agent services run on Fargate', () => {
  test('when agent services and three more optional services join the cluster, then the drawing still fits legibly and counts them, marked optional once, in one Fargate component per subnet', async () => {
    const template = structuredClone(workspaceJson);
    const services = Object.entries<any>(template.Resources).filter(([, resource]) => resource.Type === 'AWS::ECS::Service');
    const agents = services.filter(([logicalId]) => logicalId.startsWith('Agents'));
    const [, agent] = agents[0];
    for (const name of ['AgentsResearch', 'AgentsOperations', 'AgentsReporting']) template.Resources[`${name}Service0A1B2C3D`] = structuredClone(agent);
    const { svg } = await renderArchitectureDiagram(template);
    const scale = Number(/scale\(([\d.]+)\)/.exec(svg)![1]);
    assert.ok(SIZES.detail * scale >= 8, `details are ${SIZES.detail * scale}px`);
    const wording = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) => match[1]).join(' ');
    assert.equal(wording.match(new RegExp(`ECS on Fargate Engine ${agents.length + 3} agents \\(optional\\) \\+ metering sidecar`, 'g'))?.length, 2, 'one Fargate component per private subnet');
  });
});
