import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parameterValue, valueRange } from './parameters';
import { CloudFormationTemplate } from './template';

const template: CloudFormationTemplate = {
  Parameters: {
    Retention: { Type: 'Number', Default: 30, AllowedValues: [7, 30, 90] },
    Count: { Type: 'Number', Default: 2, MinValue: 1, MaxValue: 6 },
    Subnets: { Type: 'List<AWS::EC2::Subnet::Id>' },
    Name: { Type: 'String' },
  },
  Resources: {},
};

describe('what a parameter takes at launch', () => {
  test('when the launch gives no value, then a parameter takes its Default, as a string', () => {
    assert.equal(parameterValue(template, 'Retention', {}), '30');
  });

  test('when a list parameter is given, then its value is the list of items', () => {
    assert.deepEqual(parameterValue(template, 'Subnets', { parameters: { Subnets: 'subnet-1,subnet-2' } }), ['subnet-1', 'subnet-2']);
  });

  test('when a name is not a parameter, then its value fails naming it', () => {
    assert.throws(() => parameterValue(template, 'Nope', {}), /Nope is not a parameter of the template/);
  });

  test('when a value references a parameter with AllowedValues, then its range is their lowest and highest', () => {
    assert.deepEqual(valueRange(template, { Ref: 'Retention' }), { lowest: 7, highest: 90 });
  });

  test('when a value references a parameter with MinValue and MaxValue, then its range is theirs', () => {
    assert.deepEqual(valueRange(template, { Ref: 'Count' }), { lowest: 1, highest: 6 });
  });

  test('when a value is a literal number or numeric text, then its range is that number', () => {
    assert.deepEqual(valueRange(template, 14), { lowest: 14, highest: 14 });
    assert.deepEqual(valueRange(template, '14'), { lowest: 14, highest: 14 });
  });

  test('when nothing bounds a value, then its range has no bounds', () => {
    assert.deepEqual(valueRange(template, { Ref: 'Name' }), { lowest: undefined, highest: undefined });
    assert.deepEqual(valueRange(template, { Ref: 'Bucket' }), {});
  });
});
