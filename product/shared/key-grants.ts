import * as iam from 'aws-cdk-lib/aws-iam';

/**
 * The key-policy statement of every key of the workspace and the portfolio: nobody may create a grant
 * on the key for anything that is not an AWS resource (Control Tower CT.KMS.PR.3); services that hold
 * the key through a grant keep working.
 */
export function noGrantsExceptForAwsResources(): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'NoGrantsExceptForAwsResources',
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: ['kms:CreateGrant'],
    resources: ['*'],
    conditions: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
  });
}
