import { Annotations, Aws, CfnCondition, Duration, Fn, Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { CONSOLE_SECURITY_HEADERS, consoleContentSecurityPolicy } from '../../services/console/content-security-policy';
import { SecureBucket } from './buckets';
import { acceptGuardFindings, acceptLintFindings, acceptNagFinding } from '../shared/policy-exceptions';
import { stackSuffix } from './private/stack-suffix';

/** How long HSTS tells browsers to use only HTTPS, as the local workspace sends it too. */
const HSTS_SECONDS = Number(/max-age=(\d+)/.exec(CONSOLE_SECURITY_HEADERS['strict-transport-security'])![1]);

/**
 * The single-page app's routes (`/bots/<id>`, `/signed-in`) are all its index.html; requests for files
 * (a dot in the last segment) go to the bucket as they are. CloudFront Functions' JavaScript runtime 2.0.
 */
export const SPA_ROUTES_FUNCTION = `function handler(event) {
  var request = event.request;
  var last = request.uri.split('/').pop();
  if (last.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}`;

/**
 * A CloudFront name (origin access control, function, response-headers policy): unique in the account
 * across Regions, so it carries the Region and the stack's suffix.
 */
function globalName(prefix: string): string {
  return Fn.join('-', [prefix, Aws.REGION, stackSuffix()]);
}

/** Props of {@link WorkspaceConsoleHosting}. */
export interface WorkspaceConsoleHostingProps {
  /** The key the console bucket is encrypted with; its policy must let CloudFront decrypt (WorkspaceKeys). */
  readonly key: kms.IKey;
  /** Where the console bucket's S3 server access logs go. */
  readonly accessLogBucket: s3.IBucket;
  /** The API's origin (`https://<id>.execute-api.<region>.amazonaws.com`), the only API the console may call. */
  readonly apiOrigin: string;
  /** The managed login's origin, where the console sends users to sign in and fetches tokens. */
  readonly signInOrigin: string;
  /** The buyer's own domain: under `condition`, `url` (`https://host`) with its ACM `certificateArn` (us-east-1). */
  readonly customDomain: { readonly condition: CfnCondition; readonly url: string; readonly certificateArn: string };
  /** An existing CloudFront-scope web ACL, under `condition`. */
  readonly webAcl: { readonly condition: CfnCondition; readonly arn: string };
}

/**
 * Where users open the workspace (issue 14): a private, SSE-KMS encrypted, access-logged bucket that
 * only this CloudFront distribution reads (origin access control), HTTPS only, with the console's
 * Content-Security-Policy, HSTS, frame and content-type protections on every response, and the
 * buyer's optional web ACL and domain.
 */
export class WorkspaceConsoleHosting extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  /** The console's address without a trailing slash: the custom domain, or the distribution's. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: WorkspaceConsoleHostingProps) {
    super(scope, id);
    this.bucket = new SecureBucket(this, 'Bucket', {
      key: props.key,
      accessLogs: { bucket: props.accessLogBucket, prefix: 'console-bucket/' },
      noncurrentVersionExpirationDays: 30,
      noObjectLockReason: 'The bucket holds the console\'s application files, which every version replaces; they are the release bundle\'s, with checksums in its manifest.',
    }).bucket;
    // The key is WorkspaceKeys' (an imported reference here): its policy admits CloudFront itself.
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `Workspace web console (${Aws.STACK_NAME})`,
      defaultRootObject: 'index.html',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket, {
          originAccessControl: new cloudfront.S3OriginAccessControl(this, 'OriginAccess', {
            originAccessControlName: globalName('workspace-console'),
            description: 'The workspace console distribution reads the console bucket, signing every request.',
          }),
        }),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        // Honours the Cache-Control the publisher sets: a year for hashed assets, revalidation for the rest.
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.securityHeaders(props),
        functionAssociations: [{
          eventType: cloudfront.FunctionEventType.VIEWER_REQUEST,
          function: new cloudfront.Function(this, 'SpaRoutes', {
            code: cloudfront.FunctionCode.fromInline(SPA_ROUTES_FUNCTION),
            runtime: cloudfront.FunctionRuntime.JS_2_0,
            comment: 'Serves the console\'s index.html for its screens\' paths.',
            functionName: globalName('workspace-console-routes'),
          }),
        }],
      },
    });
    // WorkspaceKeys writes the key policy statement for CloudFront (CDK cannot change an imported key's).
    const keyPolicyReason = 'WorkspaceKeys admits this account\'s distributions by ARN pattern (the exact ARN would be a dependency cycle); the console bucket\'s policy admits only this distribution.';
    Annotations.of(this.distribution).acknowledgeWarning('@aws-cdk/aws-cloudfront-origins:updateImportedKeyPolicyOac', keyPolicyReason);
    Annotations.of(Stack.of(this)).acknowledgeWarning('@aws-cdk/aws-cloudfront-origins:wildcardKeyPolicyForOac', keyPolicyReason);
    this.applyDomainAndWebAcl(props);
    const defaultUrl = `https://${this.distribution.distributionDomainName}`;
    this.url = Fn.conditionIf(props.customDomain.condition.logicalId, props.customDomain.url, defaultUrl).toString();
    this.acceptFindings();
  }

  private securityHeaders(props: WorkspaceConsoleHostingProps): cloudfront.ResponseHeadersPolicy {
    return new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      responseHeadersPolicyName: globalName('workspace-console-headers'),
      comment: 'Workspace console: CSP admitting only the workspace API and sign-in, HSTS, no framing, no sniffing.',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: consoleContentSecurityPolicy(props.apiOrigin, props.signInOrigin), override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.seconds(HSTS_SECONDS), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: CONSOLE_SECURITY_HEADERS['x-frame-options'] as cloudfront.HeadersFrameOption, override: true },
        referrerPolicy: { referrerPolicy: CONSOLE_SECURITY_HEADERS['referrer-policy'] as cloudfront.HeadersReferrerPolicy, override: true },
      },
    });
  }

  /** The custom domain and the web ACL are launch choices, so they are conditions on the L1 properties. */
  private applyDomainAndWebAcl(props: WorkspaceConsoleHostingProps): void {
    const distribution = this.distribution.node.defaultChild as cloudfront.CfnDistribution;
    const custom = props.customDomain.condition.logicalId;
    const host = Fn.select(2, Fn.split('/', props.customDomain.url));
    distribution.addPropertyOverride('DistributionConfig.Aliases', Fn.conditionIf(custom, [host], Aws.NO_VALUE));
    distribution.addPropertyOverride('DistributionConfig.ViewerCertificate', Fn.conditionIf(custom,
      { AcmCertificateArn: props.customDomain.certificateArn, SslSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.2_2021' },
      { CloudFrontDefaultCertificate: true }));
    distribution.addPropertyOverride('DistributionConfig.WebACLId', Fn.conditionIf(props.webAcl.condition.logicalId, props.webAcl.arn, Aws.NO_VALUE));
  }

  private acceptFindings(): void {
    const distribution = this.distribution.node.defaultChild as cloudfront.CfnDistribution;
    acceptLintFindings(distribution, ['W1030'],
      'ConsoleCertificateArn is used only under the WorkspaceUrlSet condition, and the CustomDomainSettings rule requires it then; cfn-lint checks its empty default.');
    acceptGuardFindings(distribution, ['cloudfront_origin_failover_enabled_check'],
      'The one origin is the console bucket, whose files every release bundle holds; a second origin would serve the same files, and S3 is designed for 99.99% availability in the Region.');
    acceptGuardFindings(distribution, ['cloudfront_access_logs_enabled_check'],
      'CloudFront standard logs need an ACL-enabled bucket, which every workspace bucket refuses (BucketOwnerEnforced); the console bucket\'s S3 server access logs record every read through this distribution.');
    acceptGuardFindings(distribution, ['cloudfront_custom_ssl_certificate_check', 'cloudfront_sni_enabled_check', 'cloudfront_security_policy_check'],
      'Without a custom domain the distribution is served at *.cloudfront.net with CloudFront\'s own certificate, whose security policy cannot be set. With WorkspaceUrl and ConsoleCertificateArn it uses that ACM certificate over SNI with TLSv1.2_2021 (a condition the rule cannot follow).');
    acceptNagFinding(this.distribution, 'AwsSolutions-CFR1',
      'Who may use the workspace is the buyer\'s user pool, not a country list; a buyer who needs geo restriction sets it in ConsoleWebAclArn\'s web ACL.');
    acceptNagFinding(this.distribution, 'AwsSolutions-CFR2',
      'The web ACL is the buyer\'s choice (ConsoleWebAclArn, a CloudFront-scope ACL that only us-east-1 can hold); cdk-nag cannot see a conditional WebACLId.');
    acceptNagFinding(this.distribution, 'AwsSolutions-CFR3',
      'CloudFront standard logs need an ACL-enabled bucket, which every workspace bucket refuses (BucketOwnerEnforced); requests reach the files only through this distribution, and the console bucket\'s S3 server access logs record every origin read.');
    acceptNagFinding(this.distribution, 'AwsSolutions-CFR4',
      'With a custom domain the distribution accepts TLS 1.2 or newer (TLSv1.2_2021). The default *.cloudfront.net certificate cannot be restricted: CloudFront ignores the minimum there; a buyer who needs TLS 1.2 for every client sets WorkspaceUrl and ConsoleCertificateArn.');
  }
}
