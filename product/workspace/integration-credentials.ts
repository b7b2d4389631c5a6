import { RemovalPolicy, SecretValue } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { acceptNagFinding } from '../shared/policy-exceptions';
import { Construct } from 'constructs';

/** Props of {@link IntegrationCredentials}. */
export interface IntegrationCredentialsProps {
  readonly key: kms.IKey;
}

/**
 * The secret in which the workspace keeps the credentials of the third-party systems bots integrate
 * with (seed guide, "Integration Credentials"). It starts as an empty JSON object; the workspace adds
 * an entry per integration the buyer configures. It is encrypted with the DocumentDB key, which guards
 * the integration configuration it belongs to.
 */
export class IntegrationCredentials extends Construct {
  readonly secret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: IntegrationCredentialsProps) {
    super(scope, id);
    this.secret = new secretsmanager.Secret(this, 'Secret', {
      description: 'Credentials of the systems workspace bots integrate with, one JSON entry per integration.',
      encryptionKey: props.key,
      secretStringValue: SecretValue.unsafePlainText('{}'),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const reason = 'It holds credentials issued by third-party systems, which only their issuers can rotate; the workspace replaces an entry when the buyer renews one.';
    acceptNagFinding(this.secret, 'AwsSolutions-SMG4', reason);
    acceptNagFinding(this.secret, 'HIPAA.Security-SecretsManagerRotationEnabled', reason);
  }
}
