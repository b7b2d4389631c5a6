import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { allConditional, asList, CloudFormationTemplate, readTemplate, resourcesOfType } from './template';

const template: CloudFormationTemplate = {
  Resources: { Logs: { Type: 'AWS::S3::Bucket' }, Alerts: { Type: 'AWS::SNS::Topic', Condition: 'Alerting' }, Backup: { Type: 'AWS::S3::Bucket', Condition: 'Backups' } },
};

describe('reading a template', () => {
  const folder = mkdtempSync(join(tmpdir(), 'template-'));
  after(() => rmSync(folder, { recursive: true, force: true }));

  test('when a file holds a template, then readTemplate gives its sections', () => {
    const file = join(folder, 'stack.template.json');
    writeFileSync(file, JSON.stringify(template));
    assert.deepEqual(readTemplate(file), template);
  });

  test('when a file has no Resources section, then readTemplate fails naming the file', () => {
    const file = join(folder, 'not-a-template.json');
    writeFileSync(file, JSON.stringify({ name: 'package' }));
    assert.throws(() => readTemplate(file), /not-a-template\.json is not a CloudFormation template: it has no Resources section/);
  });

  test('when resources of several types are asked for, then they come in template order', () => {
    assert.deepEqual(resourcesOfType(template, 'AWS::SNS::Topic', 'AWS::S3::Bucket').map(([id]) => id), ['Logs', 'Alerts', 'Backup']);
    assert.deepEqual(resourcesOfType(template, 'AWS::SQS::Queue'), []);
  });

  test('when every resource carries a Condition, then they are all conditional; one without makes them not', () => {
    assert.equal(allConditional(resourcesOfType(template, 'AWS::SNS::Topic')), true);
    assert.equal(allConditional(resourcesOfType(template, 'AWS::S3::Bucket')), false);
  });

  test('when a property is one item or a list, then asList gives a list; nothing gives an empty list', () => {
    assert.deepEqual(asList('s3:GetObject'), ['s3:GetObject']);
    assert.deepEqual(asList(['s3:GetObject', 's3:PutObject']), ['s3:GetObject', 's3:PutObject']);
    assert.deepEqual(asList(undefined), []);
  });
});
