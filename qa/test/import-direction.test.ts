import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { importGraph } from '../imports/import-violations';

// Each rule's comment in import-rules.cjs says how to mend a violation.
const RULES: { name: string; comment: string }[] = require('../imports/import-rules.cjs').forbidden;
const { modules, violations } = importGraph();

describe('imports run in one direction (dependency-cruiser, qa/imports/import-rules.cjs)', () => {
  for (const rule of RULES) {
    test(`no import breaks ${rule.name}`, () => {
      const broken = violations.filter((violation) => violation.rule === rule.name).map((violation) => violation.path);
      assert.deepEqual(broken, [], `${rule.comment}\n${broken.join('\n')}`);
    });
  }

  test('the check resolves the TypeScript imports it checks: the CDK app is seen importing the workspace stack', () => {
    const app = modules.find((module) => module.source === 'product/synthesis/workspace-app.ts');
    assert.ok(app?.dependencies.some((dependency) => dependency.resolved === 'product/workspace/workspace-stack.ts'));
  });
});
