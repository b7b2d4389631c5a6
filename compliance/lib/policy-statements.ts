import { asList, CloudFormationTemplate, referencedOfType, resourcesOfType } from '../../product/cloudformation';

/** One statement of an IAM policy in the template, with the resource that holds it. */
export interface PolicyStatement {
  readonly resource: string;
  /** The logical IDs of the template's roles the statement applies to. */
  readonly roles: readonly string[];
  readonly statement: Record<string, any>;
}

/** Every identity policy statement: AWS::IAM::Policy, AWS::IAM::ManagedPolicy and inline role policies. */
export function identityPolicyStatements(template: CloudFormationTemplate): PolicyStatement[] {
  const documents: [string, string[], any][] = [
    ...resourcesOfType(template, 'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy')
      .map(([id, r]): [string, string[], any] => [id, referencedOfType(template, r.Properties?.Roles, 'AWS::IAM::Role'), r.Properties?.PolicyDocument]),
    ...resourcesOfType(template, 'AWS::IAM::Role')
      .flatMap(([id, r]) => asList(r.Properties?.Policies).map((p: any): [string, string[], any] => [id, [id], p?.PolicyDocument])),
  ];
  return documents.flatMap(([resource, roles, document]) => asList(document?.Statement).map((statement: any) => ({ resource, roles, statement })));
}

/** Whether a resource policy statement denies every action of a service (`s3`, `sqs`) over plain HTTP. */
export function deniesPlainHttp(statement: any, service: string): boolean {
  const insecure = statement?.Condition?.Bool?.['aws:SecureTransport'];
  return statement?.Effect === 'Deny' && (insecure === 'false' || insecure === false)
    && asList(statement.Action).some((action) => action === `${service}:*` || action === '*');
}
