import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { workflowInputSchema } from '../../workspace-data/workflow';
import { portableBot } from '../../workspace-data/portable-bot';
import { BOT_TEMPLATES } from '../src/bots/bot-templates';

describe('bot templates', () => {
  for (const template of BOT_TEMPLATES) {
    test(`when "${template.title}" is saved as it comes, then the API's schema accepts it`, () => {
      const parsed = workflowInputSchema.safeParse(template.bot);
      assert.ok(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues[0]));
    });
  }

  test('when a bot is exported, then only the fields a workflow is created from remain', () => {
    const stored = { ...BOT_TEMPLATES[0].bot, workflowId: 'abc', definitionVersion: 3, createdBy: 'a@example.org', stepCount: 4 };
    assert.deepEqual(Object.keys(portableBot(stored)).sort(), ['description', 'name', 'schedule', 'steps']);
  });
});
