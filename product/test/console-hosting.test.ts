import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runInNewContext } from 'node:vm';
import { CALLBACK_PATH, SIGNED_OUT_PATH } from '../../services/console/contract';
import { CONSOLE_SECURITY_HEADERS } from '../../services/console/content-security-policy';
import { CONSOLE_PUBLICATION_TYPE } from '../../services/console-publisher/contract';
import { SPA_ROUTES_FUNCTION } from '../workspace/console-hosting';
import { mentions, resourcesOfType, target, theResource, workspaceJson } from './workspace-template';

const [distributionId, distribution] = theResource('AWS::CloudFront::Distribution');
const config = distribution.Properties!.DistributionConfig;
const [bucketId, bucket] = theResource('AWS::S3::Bucket', (properties) => mentions(properties.LoggingConfiguration ?? {}, 'console-bucket/'));
const consoleUrl = workspaceJson.Outputs.WorkspaceUrl.Value;

/** Where the SPA routing function sends a request for `uri`. */
function routed(uri: string): string {
  return runInNewContext(`${SPA_ROUTES_FUNCTION}; handler({ request: { uri: ${JSON.stringify(uri)} } }).uri`);
}

describe('console hosting (issue 14): the bucket, the distribution and its headers', () => {
  test('the console bucket is private, SSE-KMS with the Backup-Storage key, access-logged, and retained', () => {
    assert.deepEqual(bucket.Properties!.PublicAccessBlockConfiguration, { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    const encryption = bucket.Properties!.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault;
    assert.equal(encryption.SSEAlgorithm, 'aws:kms');
    assert.equal(target(encryption.KMSMasterKeyID), 'KeysBackupStorageKey9EE7424F');
    assert.match(target(bucket.Properties!.LoggingConfiguration.DestinationBucketName), /^AccessLogBucket/);
    assert.equal(bucket.DeletionPolicy, 'Retain');
    assert.equal(bucket.Condition, undefined);
  });

  test('only this distribution reads the bucket, through origin access control, and only CloudFront may decrypt for it', () => {
    const [originAccessId] = theResource('AWS::CloudFront::OriginAccessControl');
    assert.equal(config.Origins.length, 1);
    assert.equal(target(config.Origins[0].OriginAccessControlId), originAccessId);
    assert.equal(target(config.Origins[0].DomainName), bucketId);
    const [, policy] = theResource('AWS::S3::BucketPolicy', (properties) => target(properties.Bucket) === bucketId);
    const reads = policy.Properties!.PolicyDocument.Statement.filter((statement: any) => statement.Principal?.Service === 'cloudfront.amazonaws.com');
    assert.equal(reads.length, 1);
    assert.equal(reads[0].Action, 's3:GetObject');
    assert.ok(mentions(reads[0].Condition, distributionId), 'the bucket policy names this distribution');
    const key = workspaceJson.Resources.KeysBackupStorageKey9EE7424F;
    const decrypt = key.Properties!.KeyPolicy.Statement.find((statement: any) => statement.Sid === 'CloudFrontReadsTheConsole');
    assert.deepEqual(decrypt.Action, 'kms:Decrypt');
    assert.ok(mentions(decrypt.Condition.ArnLike['aws:SourceArn'], ':distribution/*'));
  });

  test('viewers are sent to HTTPS, may only read, and get the console\'s security headers on every response', () => {
    const behaviour = config.DefaultCacheBehavior;
    assert.equal(behaviour.ViewerProtocolPolicy, 'redirect-to-https');
    assert.deepEqual(behaviour.AllowedMethods, ['GET', 'HEAD']);
    const [, policy] = theResource('AWS::CloudFront::ResponseHeadersPolicy');
    assert.equal(target(behaviour.ResponseHeadersPolicyId), theResource('AWS::CloudFront::ResponseHeadersPolicy')[0]);
    const headers = policy.Properties!.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    assert.equal(headers.StrictTransportSecurity.AccessControlMaxAgeSec, 63_072_000);
    assert.equal(headers.StrictTransportSecurity.IncludeSubdomains, true);
    assert.equal(headers.FrameOptions.FrameOption, CONSOLE_SECURITY_HEADERS['x-frame-options']);
    assert.equal(headers.ContentTypeOptions.Override, true);
    assert.equal(headers.ReferrerPolicy.ReferrerPolicy, CONSOLE_SECURITY_HEADERS['referrer-policy']);
  });

  test('the CSP lets the console connect only to itself, this stack\'s API and this stack\'s managed login', () => {
    const csp = JSON.stringify(theResource('AWS::CloudFront::ResponseHeadersPolicy')[1].Properties!.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy);
    assert.match(csp, /connect-src 'self' https:\/\/",\{"Ref":"ApiCD79AAA0"\},".execute-api\.",\{"Ref":"AWS::Region"\}/);
    assert.match(csp, /\.auth\.",\{"Ref":"AWS::Region"\},"\.amazoncognito\.com/);
    assert.match(csp, /script-src 'self'; /);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /\*/);
  });

  test('screens\' paths are served the app\'s index.html, and files are served as they are', () => {
    assert.equal(config.DefaultCacheBehavior.FunctionAssociations[0].EventType, 'viewer-request');
    const [, routes] = theResource('AWS::CloudFront::Function');
    assert.equal(routes.Properties!.FunctionCode, SPA_ROUTES_FUNCTION);
    assert.equal(routes.Properties!.FunctionConfig.Runtime, 'cloudfront-js-2.0');
    assert.deepEqual(['/', '/bots', '/bots/1f0c6c1e-9c1d-4b59-a1b5-3f7a3c1f2d4e/runs/abc', CALLBACK_PATH].map(routed), ['/index.html', '/index.html', '/index.html', '/index.html']);
    assert.deepEqual(['/config.json', '/assets/index-Ab12.js', '/compliance-report.html'].map(routed), ['/config.json', '/assets/index-Ab12.js', '/compliance-report.html']);
  });

  test('CloudFront\'s account-wide names carry the stack\'s suffix, so two workspaces (or two Regions) never collide', () => {
    const names = [
      theResource('AWS::CloudFront::OriginAccessControl')[1].Properties!.OriginAccessControlConfig.Name,
      theResource('AWS::CloudFront::Function')[1].Properties!.Name,
      theResource('AWS::CloudFront::ResponseHeadersPolicy')[1].Properties!.ResponseHeadersPolicyConfig.Name,
    ];
    for (const name of names) assert.ok(mentions(name, 'AWS::StackId') && mentions(name, 'AWS::Region'), JSON.stringify(name));
  });
});

describe('console hosting: the buyer\'s domain and web ACL', () => {
  test('without a custom domain, the console is at the distribution\'s address; with one, at WorkspaceUrl with its ACM certificate and TLS 1.2', () => {
    assert.deepEqual(consoleUrl['Fn::If'][0], 'WorkspaceUrlSet');
    assert.deepEqual(consoleUrl['Fn::If'][1], { Ref: 'WorkspaceUrl' });
    assert.ok(mentions(consoleUrl['Fn::If'][2], distributionId));
    assert.deepEqual(config.ViewerCertificate['Fn::If'], ['WorkspaceUrlSet',
      { AcmCertificateArn: { Ref: 'ConsoleCertificateArn' }, SslSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.2_2021' },
      { CloudFrontDefaultCertificate: true }]);
    assert.equal(config.Aliases['Fn::If'][0], 'WorkspaceUrlSet');
  });

  test('a custom domain without a certificate, or a certificate without a domain, is refused at launch', () => {
    assert.ok(mentions(workspaceJson.Rules.CustomDomainSettings, 'ConsoleCertificateArn'));
    assert.ok(mentions(workspaceJson.Rules.CertificateNeedsCustomDomain, 'WorkspaceUrl'));
    assert.match('https://workspace.example.com', new RegExp(workspaceJson.Parameters.WorkspaceUrl.AllowedPattern));
    assert.doesNotMatch('https://workspace.example.com/app', new RegExp(workspaceJson.Parameters.WorkspaceUrl.AllowedPattern));
    assert.doesNotMatch('arn:aws:acm:eu-west-1:123456789012:certificate/0f0e0d0c-0b0a-0908-0706-050403020100', new RegExp(workspaceJson.Parameters.ConsoleCertificateArn.AllowedPattern));
  });

  test('the web ACL is the buyer\'s CloudFront-scope ACL when given, and none otherwise', () => {
    assert.deepEqual(config.WebACLId, { 'Fn::If': ['ConsoleWebAclSet', { Ref: 'ConsoleWebAclArn' }, { Ref: 'AWS::NoValue' }] });
    assert.match('arn:aws:wafv2:us-east-1:123456789012:global/webacl/console/0f0e0d0c-0b0a-0908-0706-050403020100', new RegExp(workspaceJson.Parameters.ConsoleWebAclArn.AllowedPattern));
    assert.doesNotMatch('arn:aws:wafv2:ap-south-1:123456789012:regional/webacl/api/0f0e0d0c-0b0a-0908-0706-050403020100', new RegExp(workspaceJson.Parameters.ConsoleWebAclArn.AllowedPattern));
  });
});

describe('console hosting: sign-in, CORS and config.json point at the console', () => {
  const [, client] = theResource('AWS::Cognito::UserPoolClient');

  test('the app client always signs in with the authorization code flow, returning to the console\'s callback and sign-out paths', () => {
    const p = client.Properties!;
    assert.deepEqual([p.AllowedOAuthFlowsUserPoolClient, p.AllowedOAuthFlows, p.GenerateSecret], [true, ['code'], false]);
    assert.deepEqual(p.CallbackURLs, [{ 'Fn::Join': ['', [consoleUrl, CALLBACK_PATH]] }]);
    assert.deepEqual(p.LogoutURLs, [{ 'Fn::Join': ['', [consoleUrl, SIGNED_OUT_PATH]] }]);
  });

  test('the managed login exists with every launch, with Cognito\'s style for the client', () => {
    const [domainId, domain] = theResource('AWS::Cognito::UserPoolDomain');
    assert.equal(domain.Condition, undefined);
    assert.equal(domain.Properties!.ManagedLoginVersion, 2);
    const [, style] = theResource('AWS::Cognito::ManagedLoginBranding');
    assert.equal(style.Properties!.UseCognitoProvidedValues, true);
    assert.equal(target(style.Properties!.ClientId), theResource('AWS::Cognito::UserPoolClient')[0]);
    assert.ok(style.DependsOn?.includes(domainId));
  });

  test('the API admits the console\'s origin only: its preflight, its own refusals and the handler\'s answers', () => {
    const [, handler] = theResource('AWS::Lambda::Function', (properties) => properties.Environment?.Variables?.ALLOWED_ORIGIN);
    assert.deepEqual(handler.Properties!.Environment.Variables.ALLOWED_ORIGIN, consoleUrl);
    for (const [, response] of resourcesOfType('AWS::ApiGateway::GatewayResponse')) {
      assert.ok(mentions(response.Properties!.ResponseParameters, JSON.stringify(consoleUrl).slice(1, -1)));
    }
    const preflight = resourcesOfType('AWS::ApiGateway::Method').filter(([, method]) => method.Properties!.HttpMethod === 'OPTIONS');
    assert.ok(preflight.length > 0);
    for (const [id, method] of preflight) assert.ok(!mentions(method.Properties!.Integration, "'*'"), id);
  });

  test('config.json names this stack\'s API, Region, version, client, managed login and SSO provider', () => {
    const [, publication] = theResource(CONSOLE_PUBLICATION_TYPE);
    const text = JSON.stringify(publication.Properties!.Config);
    for (const expected of ['\\"apiUrl\\":', 'ApiCD79AAA0', '\\"region\\":', '\\"version\\":\\"1.3.0\\"', 'SignInWebClient', '.amazoncognito.com', 'SamlSignInEnabled', '\\"complianceReportUrl\\":\\"/compliance-report.html\\"']) {
      assert.ok(text.includes(expected), `${expected} in ${text}`);
    }
    assert.equal(target(publication.Properties!.BucketName), bucketId);
  });

  test('the stack outputs WorkspaceUrl and the distribution\'s domain, for a custom domain\'s DNS record', () => {
    assert.ok(mentions(workspaceJson.Outputs.ConsoleDistributionDomainName.Value, distributionId));
    assert.ok(workspaceJson.Outputs.WorkspaceUrl.Description.includes('web console'));
  });
});
