import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TemplateResource } from '../cloudformation';
import { detailLines } from '../diagram/detail-lines';

const resource = (condition?: string): [string, TemplateResource][] => [[`R${condition ?? 'Always'}`, { Type: 'AWS::SQS::Queue', ...(condition === undefined ? {} : { Condition: condition }) }]];

describe('the lines under a component title, marked optional where a launch parameter can leave a part out', () => {
  test('when a part carries a Condition and the component does not, then its line says (optional)', () => {
    assert.deepEqual(detailLines([{ text: 'schedule', resources: resource() }, { text: 'event bus', resources: resource('Bus') }], false), ['schedule', 'event bus (optional)']);
  });

  test('when the whole component is optional on the same parameter as the part, then the dashed outline says it and the line does not', () => {
    assert.deepEqual(detailLines([{ text: 'approval workflow', resources: resource('Workflows') }], true), ['approval workflow']);
  });

  test('when an optional component has a part on another parameter, then that part is still marked', () => {
    assert.deepEqual(detailLines([{ text: 'listed models only', resources: resource('Bedrock') }, { text: 'guardrail', resources: resource('Guardrail') }], true), ['listed models only', 'guardrail (optional)']);
  });

  test('when optional parts follow each other, then they share one line and one mark', () => {
    const parts = [{ text: 'Engine', resources: resource() }, { text: 'Supervisor', resources: resource('Agents') }, { text: 'Research agent', resources: resource('Agents') }, { text: '+ sidecar' }];
    assert.deepEqual(detailLines(parts, false), ['Engine', 'Supervisor, Research agent (optional)', '+ sidecar']);
  });

  test('when two optional parts that follow each other begin with the same word, then the line names it once', () => {
    const parts = ['Agents supervisor', 'Agents threat hunter'].map((text) => ({ text, resources: resource('Agents') }));
    assert.deepEqual(detailLines(parts, false), ['Agents: supervisor, threat hunter (optional)']);
  });

  test('when three or more optional parts share their first word, then the line counts them', () => {
    const parts = ['Agents supervisor', 'Agents threat hunter', 'Agents incident response'].map((text) => ({ text, resources: resource('Agents') }));
    assert.deepEqual(detailLines(parts, false), ['3 agents (optional)']);
  });

  test('a line without resources is never marked', () => {
    assert.deepEqual(detailLines([{ text: '3 buckets' }], false), ['3 buckets']);
  });
});
