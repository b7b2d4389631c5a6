import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { resolveValue } from './intrinsics';
import { CloudFormationTemplate } from './template';

const template: CloudFormationTemplate = {
  Parameters: {
    Stage: { Type: 'String', Default: 'prod' },
    Zones: { Type: 'CommaDelimitedList', Default: 'a,b,c' },
    Email: { Type: 'String' },
  },
  Mappings: { Sizes: { prod: { Cpu: '1024' } } },
  Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] } },
  Resources: { Bucket: { Type: 'AWS::S3::Bucket' } },
};
const bucket = { Bucket: { Ref: 'my-bucket', Arn: 'arn:aws:s3:::my-bucket', 'DomainName.Regional': 'my-bucket.s3.eu-west-1.amazonaws.com' } };

describe('resolving intrinsic functions for a launch', () => {
  test('when a condition holds, then Fn::If resolves to its first branch', () => {
    assert.equal(resolveValue(template, { 'Fn::If': ['IsProd', 'large', 'small'] }), 'large');
  });

  test('when a condition is false, then Fn::If resolves to its second branch', () => {
    assert.equal(resolveValue(template, { 'Fn::If': ['IsProd', 'large', 'small'] }, { parameters: { Stage: 'test' } }), 'small');
  });

  test('when Fn::If gives AWS::NoValue, then the property holding it is left out', () => {
    const properties = { Name: 'queue', KmsKey: { 'Fn::If': ['IsProd', { Ref: 'AWS::NoValue' }, 'key'] } };
    assert.deepEqual(resolveValue(template, properties), { Name: 'queue' });
  });

  test('when a list item is AWS::NoValue, then the list leaves it out', () => {
    assert.deepEqual(resolveValue(template, ['a', { Ref: 'AWS::NoValue' }, 'b']), ['a', 'b']);
  });

  test('when a parameter is not given, then Ref gives its default', () => {
    assert.equal(resolveValue(template, { Ref: 'Stage' }), 'prod');
  });

  test('when a parameter is given, then Ref gives the given value', () => {
    assert.equal(resolveValue(template, { Ref: 'Stage' }, { parameters: { Stage: 'test' } }), 'test');
  });

  test('when a list parameter is referenced, then Ref gives its items', () => {
    assert.deepEqual(resolveValue(template, { Ref: 'Zones' }), ['a', 'b', 'c']);
  });

  test('when a parameter has no default and is not given, then Ref fails naming it', () => {
    assert.throws(() => resolveValue(template, { Ref: 'Email' }), /parameter Email has no Default, and the launch gives no value/);
  });

  test('when the launch gives the Region and account, then the pseudo parameters resolve to them, and the partition defaults to aws', () => {
    const launch = { region: 'eu-west-1', accountId: '111111111111' };
    assert.deepEqual(resolveValue(template, [{ Ref: 'AWS::Region' }, { Ref: 'AWS::AccountId' }, { Ref: 'AWS::Partition' }], launch), ['eu-west-1', '111111111111', 'aws']);
  });

  test('when the launch gives no Region, then Ref AWS::Region fails', () => {
    assert.throws(() => resolveValue(template, { Ref: 'AWS::Region' }), /Ref AWS::Region: the launch gives no value/);
  });

  test('when a name is neither parameter nor resource, then Ref fails naming it', () => {
    assert.throws(() => resolveValue(template, { Ref: 'Nope' }), /Nope, which is not a parameter, pseudo parameter or resource/);
  });

  test('when the launch gives a resource\'s values, then Ref and both forms of Fn::GetAtt resolve to them', () => {
    const values = resolveValue(template, [{ Ref: 'Bucket' }, { 'Fn::GetAtt': ['Bucket', 'Arn'] }, { 'Fn::GetAtt': 'Bucket.Arn' }], { resources: bucket });
    assert.deepEqual(values, ['my-bucket', 'arn:aws:s3:::my-bucket', 'arn:aws:s3:::my-bucket']);
  });

  test('when a Fn::GetAtt string names a dotted attribute, then the logical ID ends at the first dot', () => {
    assert.equal(resolveValue(template, { 'Fn::GetAtt': 'Bucket.DomainName.Regional' }, { resources: bucket }), 'my-bucket.s3.eu-west-1.amazonaws.com');
  });

  test('when the launch gives no value for a resource, then Ref and Fn::GetAtt fail naming it', () => {
    assert.throws(() => resolveValue(template, { Ref: 'Bucket' }), /Ref Bucket: the launch gives no value for this resource/);
    assert.throws(() => resolveValue(template, { 'Fn::GetAtt': 'Bucket.Arn' }), /Fn::GetAtt Bucket\.Arn: the launch gives no value/);
  });

  test('when Fn::GetAtt names a logical ID the template lacks, then it fails naming it', () => {
    assert.throws(() => resolveValue(template, { 'Fn::GetAtt': ['Queue', 'Arn'] }), /Queue is not a resource of the template/);
  });

  test('when Fn::Sub is a string, then its placeholders resolve as Ref and Fn::GetAtt', () => {
    const text = resolveValue(template, { 'Fn::Sub': '${Stage}-${AWS::Region} reads ${Bucket.Arn}' }, { region: 'eu-west-1', resources: bucket });
    assert.equal(text, 'prod-eu-west-1 reads arn:aws:s3:::my-bucket');
  });

  test('when Fn::Sub has variables, then they take the place of placeholders of their name, resolved themselves', () => {
    const sub = { 'Fn::Sub': ['${Stage}/${Domain}', { Stage: 'override', Domain: { 'Fn::Join': ['.', ['console', { Ref: 'Stage' }]] } }] };
    assert.equal(resolveValue(template, sub), 'override/console.prod');
  });

  test('when Fn::Sub escapes a placeholder with ${!...}, then the text keeps it as ${...}', () => {
    assert.equal(resolveValue(template, { 'Fn::Sub': '${!Literal} ${Stage}' }), '${Literal} prod');
  });

  test('when Fn::Join, Fn::Split and Fn::Select nest, then they resolve inside out', () => {
    const second = { 'Fn::Select': [1, { 'Fn::Split': [',', { 'Fn::Join': ['', [{ Ref: 'Stage' }, ',x,y']] }] }] };
    assert.equal(resolveValue(template, second), 'x');
  });

  test('when Fn::Select\'s index is outside the list, then it fails', () => {
    assert.throws(() => resolveValue(template, { 'Fn::Select': [3, { Ref: 'Zones' }] }), /index 3 is outside the list of 3/);
  });

  test('when Fn::FindInMap names an entry of the Mappings, then it gives its value', () => {
    assert.equal(resolveValue(template, { 'Fn::FindInMap': ['Sizes', { Ref: 'Stage' }, 'Cpu'] }), '1024');
  });

  test('when Fn::Equals, Fn::And, Fn::Or and Fn::Not combine, then they give the boolean of the expression', () => {
    const isProd = { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] };
    assert.equal(resolveValue(template, { 'Fn::And': [isProd, { 'Fn::Not': [{ 'Fn::Or': [{ Condition: 'IsProd' }, false] }] }] }), false);
    assert.equal(resolveValue(template, { 'Fn::Or': [{ 'Fn::Not': [isProd] }, { Condition: 'IsProd' }] }), true);
  });

  test('when an object has a Condition key that is not a name, then it is a property (an IAM policy statement\'s), not a function', () => {
    const statement = { Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
    assert.deepEqual(resolveValue(template, statement), statement);
  });

  test('when a function is one the reader does not resolve, then it fails naming the function', () => {
    assert.throws(() => resolveValue(template, { 'Fn::GetAZs': '' }), /Fn::GetAZs is not resolved by the template reader/);
  });
});
