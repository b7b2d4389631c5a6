import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { gte } from 'semver';
import { evaluateCompliance, requireCompliance } from '../lib/evaluate';
import { CloudFormationTemplate, resourcesOfType } from '../../product/cloudformation';
import { copyOf, TEMPLATES } from './workspace-templates';

type Template = Record<string, any>;

/** The one resource of a type (whose properties match), as it is in the copy, so a weakness can change it. */
function the(template: Template, type: string, match: (properties: any) => boolean = () => true): Template {
  const found = resourcesOfType(template as CloudFormationTemplate, type).filter(([, r]) => match(r.Properties ?? {}));
  assert.ok(found.length > 0, `the template has no ${type} to weaken`);
  return found[0][1] as Template;
}

/** The one resource of a type, by its logical ID, as it is in the copy. */
function idOf(template: Template, type: string, match: (properties: any) => boolean = () => true): string {
  const found = resourcesOfType(template as CloudFormationTemplate, type).filter(([, r]) => match(r.Properties ?? {}));
  assert.ok(found.length > 0, `the template has no ${type} to weaken`);
  return found[0][0];
}

/** A seeded weakness: what it changes in a copy of the template, and the controls it must turn non-compliant. */
interface Weakness {
  readonly apply: (template: Template) => void;
  readonly controls: readonly string[];
  /** The first template version with the part the weakness changes. @default - every version */
  readonly since?: string;
}

const isTaskQueue = (properties: any) => properties.RedrivePolicy !== undefined && properties.VisibilityTimeout === 900;

const WEAKNESSES: Record<string, Weakness> = {
  'an unencrypted table': {
    apply: (t) => { delete the(t, 'AWS::DynamoDB::Table').Properties.SSESpecification; },
    controls: ['164.312(a)(2)(iv)', 'Art. 32(1)(a)', 'Art. 5(1)(f)', 'Art. 34'],
  },
  'key rotation off': {
    apply: (t) => { the(t, 'AWS::KMS::Key').Properties.EnableKeyRotation = false; },
    controls: ['164.312(a)(2)(iv)', 'Art. 32(1)(a)', 'Art. 5(1)(f)'],
  },
  'a public bucket': {
    apply: (t) => { the(t, 'AWS::S3::Bucket').Properties.PublicAccessBlockConfiguration = { BlockPublicAcls: false, BlockPublicPolicy: false, IgnorePublicAcls: false, RestrictPublicBuckets: false }; },
    controls: ['164.312(a)(1)', 'Art. 25(2)', 'Art. 5(1)(f)'],
  },
  'HTTP allowed to a bucket': {
    apply: (t) => {
      const document = the(t, 'AWS::S3::BucketPolicy').Properties.PolicyDocument;
      document.Statement = document.Statement.filter((s: any) => !JSON.stringify(s).includes('aws:SecureTransport'));
    },
    controls: ['164.312(e)(1)', '164.312(e)(2)(i)', '164.312(e)(2)(ii)', 'Art. 32(1)(b)'],
  },
  'log retention removed': {
    apply: (t) => { delete the(t, 'AWS::Logs::LogGroup').Properties.RetentionInDays; },
    controls: ['164.312(b)', 'Art. 5(1)(e)', 'Art. 25(2)'],
  },
  'DeletionPolicy Delete on the table': {
    apply: (t) => { the(t, 'AWS::DynamoDB::Table').DeletionPolicy = 'Delete'; },
    controls: ['164.308(a)(7)(ii)(A)', '164.312(c)(1)', 'Art. 32(1)(c)'],
  },
  'the Region rule removed': {
    apply: (t) => {
      for (const [name, rule] of Object.entries(t.Rules as Record<string, any>)) if (JSON.stringify(rule).includes('AWS::Region')) delete t.Rules[name];
    },
    controls: ['Art. 44', 'Art. 45', 'Art. 46'],
  },
  'CloudTrail log file validation off': {
    apply: (t) => { the(t, 'AWS::CloudTrail::Trail').Properties.EnableLogFileValidation = false; },
    controls: ['164.312(c)(2)', '164.312(b)', 'Art. 5(2)'],
  },
  'a wildcard IAM action': {
    apply: (t) => { the(t, 'AWS::IAM::Policy').Properties.PolicyDocument.Statement[0].Action = '*'; },
    controls: ['164.312(a)(1)', '164.308(a)(4)(i)', 'Art. 5(1)(f)'],
  },
  'DocumentDB TLS off': {
    apply: (t) => { the(t, 'AWS::DocDB::DBClusterParameterGroup').Properties.Parameters.tls = 'disabled'; },
    controls: ['164.312(e)(2)(ii)', '164.312(e)(1)', 'Art. 32(1)(b)'],
  },
  'MFA optional': {
    apply: (t) => { the(t, 'AWS::Cognito::UserPool').Properties.MfaConfiguration = 'OPTIONAL'; },
    controls: ['164.312(d)', '164.308(a)(5)(ii)(D)', 'Art. 25(2)'],
  },
  'a bucket replicated to another Region': {
    apply: (t) => { the(t, 'AWS::S3::Bucket').Properties.ReplicationConfiguration = { Role: 'arn:aws:iam::111122223333:role/copy', Rules: [{ Status: 'Enabled', Destination: { Bucket: 'arn:aws:s3:::copy-eu' } }] }; },
    controls: ['Art. 44', 'Art. 46', 'Art. 25(2)'],
  },
  'point-in-time recovery off': {
    apply: (t) => { the(t, 'AWS::DynamoDB::Table').Properties.PointInTimeRecoverySpecification = { PointInTimeRecoveryEnabled: false }; },
    controls: ['164.308(a)(7)(ii)(A)', '164.308(a)(7)(ii)(B)', 'Art. 32(1)(c)'],
  },
  'WAF logging removed': {
    since: '1.2.0',
    apply: (t) => { delete t.Resources[idOf(t, 'AWS::WAFv2::LoggingConfiguration')]; },
    controls: ['164.312(b)', '164.308(a)(1)(ii)(D)', 'Art. 33'],
  },
  'the web ACL detached from the API': {
    since: '1.2.0',
    apply: (t) => { delete t.Resources[idOf(t, 'AWS::WAFv2::WebACLAssociation')]; },
    controls: ['164.308(a)(1)(ii)(B)', '164.308(a)(5)(ii)(B)', 'Art. 32(1)(b)'],
  },
  'an unencrypted task queue': {
    since: '1.2.0',
    apply: (t) => { delete the(t, 'AWS::SQS::Queue', isTaskQueue).Properties.KmsMasterKeyId; },
    controls: ['164.312(a)(2)(iv)', 'Art. 32(1)(a)'],
  },
  'plain HTTP allowed to the task queue': {
    since: '1.2.0',
    apply: (t) => {
      const queue = idOf(t, 'AWS::SQS::Queue', isTaskQueue);
      delete t.Resources[idOf(t, 'AWS::SQS::QueuePolicy', (p) => JSON.stringify(p.Queues).includes(`"${queue}"`))];
    },
    controls: ['164.312(e)(1)', '164.312(e)(2)(ii)', 'Art. 32(1)(b)'],
  },
  'automation logging off': {
    since: '1.2.0',
    apply: (t) => { the(t, 'AWS::StepFunctions::StateMachine').Properties.LoggingConfiguration.Level = 'OFF'; },
    controls: ['164.312(b)', '164.308(a)(1)(ii)(D)', 'Art. 5(2)'],
  },
  'automations that act when nobody approves in time': {
    since: '1.2.0',
    apply: (t) => {
      const definition = the(t, 'AWS::StepFunctions::StateMachine').Properties.DefinitionString['Fn::Join'][1];
      const part = definition.findIndex((p: unknown) => typeof p === 'string' && p.includes('"Next":"NotDecidedInTime"'));
      assert.ok(part >= 0, 'the definition has no timeout path to weaken');
      definition[part] = definition[part].replace('"Next":"NotDecidedInTime"', '"Next":"RunAction"');
    },
    controls: ['164.308(a)(1)(ii)(B)', 'Art. 32(1)(b)'],
  },
  'GuardDuty without S3 protection': {
    since: '1.2.0',
    apply: (t) => { the(t, 'AWS::GuardDuty::Detector').Properties.DataSources = { S3Logs: { Enable: false } }; },
    controls: ['164.308(a)(1)(ii)(D)', '164.308(a)(5)(ii)(B)', '164.308(a)(6)(ii)', 'Art. 33'],
  },
  'model calls allowed without the guardrail': {
    since: '1.2.0',
    apply: (t) => {
      for (const [, policy] of resourcesOfType(t as CloudFormationTemplate, 'AWS::IAM::Policy')) {
        const document = (policy as Template).Properties.PolicyDocument;
        document.Statement = document.Statement.filter((s: any) => s.Effect !== 'Deny' || !JSON.stringify(s).includes('bedrock:GuardrailIdentifier'));
      }
    },
    controls: ['164.308(a)(1)(ii)(B)', 'Art. 25(1)'],
  },
  'an event archive kept forever': {
    since: '1.2.0',
    apply: (t) => { the(t, 'AWS::Events::Archive').Properties.RetentionDays = 0; },
    controls: ['Art. 5(1)(e)'],
  },
  'the event bus and its archive on EventBridge\'s AWS owned key': {
    since: '1.2.0',
    apply: (t) => {
      delete the(t, 'AWS::Events::EventBus').Properties.KmsKeyIdentifier;
      delete the(t, 'AWS::Events::Archive').Properties.KmsKeyIdentifier;
    },
    controls: ['164.312(a)(2)(iv)', 'Art. 32(1)(a)'],
  },
  'GuardDuty findings forwarded nowhere': {
    since: '1.2.0',
    apply: (t) => { delete t.Resources[idOf(t, 'AWS::Events::Rule', (p) => JSON.stringify(p.EventPattern ?? {}).includes('aws.guardduty'))]; },
    controls: ['164.308(a)(6)(ii)', 'Art. 33'],
  },
};

/** IDs of the controls that are non-compliant on a template (our checks only: milliseconds). */
function nonCompliant(template: Template): string[] {
  return evaluateCompliance(template as CloudFormationTemplate, { tools: false }).frameworks
    .flatMap((f) => f.controls).filter((c) => c.status === 'non-compliant').map((c) => c.control.id);
}

for (const [version, original] of TEMPLATES) {
  describe(`seeded weaknesses in a copy of template ${version}`, () => {
    test('the unchanged template has no non-compliant control', () => {
      assert.deepEqual(nonCompliant(copyOf(original)), []);
    });

    for (const [name, weakness] of Object.entries(WEAKNESSES).filter(([, w]) => !w.since || gte(version, w.since))) {
      test(`when the copy has ${name}, then ${weakness.controls.join(', ')} turn non-compliant`, () => {
        const template = copyOf(original);
        weakness.apply(template);
        const failing = nonCompliant(template);
        assert.deepEqual(weakness.controls.filter((control) => !failing.includes(control)), [], `still compliant; non-compliant: ${failing.join(', ')}`);
      });
    }
  });
}

describe('the cited cdk-nag and Control Tower rules see the weaknesses too', () => {
  const [version, original] = [...TEMPLATES].at(-1)!;
  const template = copyOf(original);
  for (const weakness of Object.values(WEAKNESSES)) weakness.apply(template);
  const results = evaluateCompliance(template as CloudFormationTemplate);
  const failingRules = new Set(results.frameworks.flatMap((f) => f.controls).flatMap((c) => c.toolRules).filter((r) => r.findings.length > 0).map((r) => r.rule));

  test(`when every weakness is in a copy of ${version}, then the tools find the table, key, bucket, trail, policy, web ACL, queue, state machine and detector at fault`, () => {
    for (const rule of ['CT.DYNAMODB.PR.2', 'CT.KMS.PR.1', 'CT.S3.PR.1', 'CT.S3.PR.8', 'CT.CLOUDTRAIL.PR.2', 'HIPAA.Security-CloudTrailLogFileValidationEnabled', 'HIPAA.Security-DynamoDBPITREnabled', 'AwsSolutions-COG2',
      'HIPAA.Security-WAFv2LoggingEnabled', 'CT.SQS.PR.2', 'AwsSolutions-SQS4', 'AwsSolutions-SF1', 'CT.STEPFUNCTIONS.PR.1', 'CT.GUARDDUTY.PR.1']) {
      assert.ok(failingRules.has(rule), `${rule} found nothing; failing: ${[...failingRules].join(', ')}`);
    }
  });

  test('when the product fails its own controls, then requireCompliance refuses, naming the control and the check', () => {
    assert.throws(() => requireCompliance(results), /164\.312\(a\)\(2\)\(iv\) Encryption and decryption \(product-implemented\): .*table-encrypted-with-customer-key/);
  });
});
