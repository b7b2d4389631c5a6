import { CfnParameter } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { LaunchWizard } from '../../shared/launch-wizard';
import { WizardGroup } from './wizard-group';

const CUSTOM_DOMAIN_URL_PATTERN = '^(https://[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+)?$';

/** The launch wizard's "Web console" group: the console's optional custom domain and web ACL. */
export class WebConsoleParameters {
  /** `WorkspaceUrl`: a custom domain for the console (`https://host`); empty: the CloudFront address. */
  readonly workspaceUrl: CfnParameter;
  /** `ConsoleCertificateArn`: the ACM certificate (us-east-1) of the custom domain. */
  readonly certificateArn: CfnParameter;
  /** `ConsoleWebAclArn`: an existing CloudFront-scope AWS WAF web ACL for the console. */
  readonly webAclArn: CfnParameter;

  constructor(scope: Construct, wizard: LaunchWizard) {
    const group = new WizardGroup(wizard, scope, 'Web console');
    this.workspaceUrl = group.parameter('WorkspaceUrl', {
      label: 'Custom domain of the web console (optional)', type: 'String', default: '',
      allowedPattern: CUSTOM_DOMAIN_URL_PATTERN, constraintDescription: 'must be empty or https:// followed by a host name, with no path, for example https://workspace.example.com',
      description: 'Empty: users open the console at the CloudFront address the stack outputs as WorkspaceUrl. Your own address (https://host): point a DNS CNAME at the distribution after launch, and give ConsoleCertificateArn.',
    });
    this.certificateArn = group.parameter('ConsoleCertificateArn', {
      label: 'ACM certificate of the custom domain', type: 'String', default: '',
      allowedPattern: '^(arn:aws[a-z-]*:acm:us-east-1:[0-9]{12}:certificate/[0-9a-f-]{36})?$',
      constraintDescription: 'must be empty or the ARN of an AWS Certificate Manager certificate in us-east-1',
      description: 'Only with a custom domain: a certificate in us-east-1 (CloudFront reads certificates only there) that covers the WorkspaceUrl host. CloudFront then accepts TLS 1.2 or newer only.',
    });
    this.webAclArn = group.parameter('ConsoleWebAclArn', {
      label: 'AWS WAF web ACL of the console (optional)', type: 'String', default: '',
      allowedPattern: '^(arn:aws[a-z-]*:wafv2:us-east-1:[0-9]{12}:global/webacl/[A-Za-z0-9_-]{1,128}/[0-9a-f-]{36})?$',
      constraintDescription: 'must be empty or the ARN of a CloudFront-scope AWS WAF web ACL (arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>)',
      description: 'An existing web ACL with CloudFront scope (created in us-east-1) that filters requests to the console; empty: none. The API has its own web ACL (EnableWaf).',
    });
  }
}
