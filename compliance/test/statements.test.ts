import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Statement, StatementSchema, StatementsSchema, statementsHoldingIn } from '../lib/statements';

const texts = (statements: readonly Statement[]) => statements.map((statement) => statement.text);

describe('statements that hold from a version on', () => {
  const statements = StatementsSchema.parse(['Always.', { since: '1.2.0', text: 'From the second.' }, { since: '1.10.0', text: 'From the tenth.' }, 'Also always.']);

  test('when a statement has no since, then it holds in every version, the first release included', () => {
    assert.deepEqual(texts(statementsHoldingIn(statements, '1.0.0')), ['Always.', 'Also always.']);
  });

  test('when a statement holds since 1.2.0, then 1.1.0 leaves it out and 1.2.0 keeps it, in the mapping order', () => {
    assert.deepEqual(texts(statementsHoldingIn(statements, '1.1.0')), ['Always.', 'Also always.']);
    assert.deepEqual(texts(statementsHoldingIn(statements, '1.2.0')), ['Always.', 'From the second.', 'Also always.']);
  });

  test('when versions are compared, then they compare as versions, not as text (1.10.0 comes after 1.9.0)', () => {
    assert.deepEqual(texts(statementsHoldingIn(statements, '1.9.0')), ['Always.', 'From the second.', 'Also always.']);
    assert.deepEqual(texts(statementsHoldingIn(statements, '1.10.0')), ['Always.', 'From the second.', 'From the tenth.', 'Also always.']);
  });

  test('when the statements are one plain string, then they are one statement of every version', () => {
    assert.deepEqual(StatementsSchema.parse('Encrypts everything.'), [{ text: 'Encrypts everything.' }]);
  });
});

describe('the since of a statement', () => {
  const problems = (since: unknown) => StatementSchema.safeParse({ since, text: 'Encrypts.' }).error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);

  test('when since is not a version, then the statement is refused naming since and the value', () => {
    assert.deepEqual(problems('1.2'), ['since: must be a version such as 1.2.0, got "1.2"']);
    assert.deepEqual(problems('v1.2.0'), ['since: must be a version such as 1.2.0, got "v1.2.0"']);
    assert.match(problems(1.2)!.join(), /^since: .*expected string/);
  });

  test('when since is the first release, then the statement is refused, since it holds in every version', () => {
    assert.deepEqual(problems('1.0.0'), ['since: 1.0.0 is not later than the first release 1.0.0; write a statement of every version as plain text']);
  });

  test('when a statement has an unknown field, then it is refused naming the field', () => {
    assert.match(JSON.stringify(StatementSchema.safeParse({ since: '1.2.0', text: 'Encrypts.', until: '1.3.0' }).error?.issues), /unrecognized_keys.*until/);
  });
});
