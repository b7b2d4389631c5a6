import { CloudFormationClient, CreateStackCommand, ListStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreatePortfolioCommand, DescribePortfolioSharesCommand, ListProvisioningArtifactsCommand, ServiceCatalogClient } from '@aws-sdk/client-service-catalog';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LOCAL_CREDENTIALS, LocalAws, startLocalAws } from '../../../qa/local-aws/moto-server';
import { ResponseCollector, startResponseCollector } from '../../../qa/local-aws/response-collector';
import { AdministrationRequest, handleEvent } from '../administer-portfolio';

const VERSIONS = ['1.0.0', '1.1.0'];

/** A product with one artifact per version, created through moto's CloudFormation as the portfolio creates it. */
async function createProduct(aws: LocalAws): Promise<string> {
  const config = { endpoint: aws.endpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS };
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: 'releases' }));
  for (const version of VERSIONS) {
    await s3.send(new PutObjectCommand({ Bucket: 'releases', Key: `workspace/${version}/workspace.template.json`, Body: '{"Resources":{}}' }));
  }
  const template = {
    Resources: {
      Product: {
        Type: 'AWS::ServiceCatalog::CloudFormationProduct',
        Properties: {
          Name: 'Workspace', Owner: 'Automation Workspace',
          ProvisioningArtifactParameters: VERSIONS.map((version) => ({
            Name: version, Info: { LoadTemplateFromURL: `https://releases.s3.us-east-1.amazonaws.com/workspace/${version}/workspace.template.json` },
          })),
        },
      },
    },
  };
  const cloudformation = new CloudFormationClient(config);
  await cloudformation.send(new CreateStackCommand({ StackName: 'portfolio', TemplateBody: JSON.stringify(template) }));
  const { StackResourceSummaries = [] } = await cloudformation.send(new ListStackResourcesCommand({ StackName: 'portfolio' }));
  return StackResourceSummaries.find((resource) => resource.LogicalResourceId === 'Product')!.PhysicalResourceId!;
}

describe('administering the portfolio (against moto)', () => {
  let aws: LocalAws;
  let catalog: ServiceCatalogClient;
  let collector: ResponseCollector;
  let productId: string;

  before(async () => {
    aws = await startLocalAws();
    catalog = new ServiceCatalogClient({ endpoint: aws.endpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS });
    collector = await startResponseCollector();
    productId = await createProduct(aws);
  });
  after(async () => {
    collector.server.close();
    await aws.stop();
  });

  const request = (type: AdministrationRequest['RequestType'], deprecated: string[], id: string): AdministrationRequest => ({
    RequestType: type, ResourceType: 'Custom::ProvisioningArtifactGuidance', ResponseURL: collector.url, StackId: 'stack', RequestId: id,
    LogicalResourceId: 'Guidance', ResourceProperties: { ProductId: productId, DeprecatedVersions: deprecated },
  });
  const shareRequest = (type: AdministrationRequest['RequestType'], portfolioId: string, nodes: string[], old: string[] = []): AdministrationRequest => ({
    RequestType: type, ResourceType: 'Custom::OrganizationShares', ResponseURL: collector.url, StackId: 'stack', RequestId: `${type}-${nodes.join('+')}`,
    LogicalResourceId: 'OrganizationShares', ResourceProperties: { PortfolioId: portfolioId, OrganizationNodes: nodes },
    OldResourceProperties: { PortfolioId: portfolioId, OrganizationNodes: old },
  });
  // moto describes organization shares, not organizational unit ones; the function treats both alike.
  const sharedOrganizations = async (portfolioId: string) => ((await catalog.send(new DescribePortfolioSharesCommand({ PortfolioId: portfolioId, Type: 'ORGANIZATION' })))
    .PortfolioShareDetails ?? []).map((detail) => detail.PrincipalId).sort();
  const guidance = async () => Object.fromEntries(((await catalog.send(new ListProvisioningArtifactsCommand({ ProductId: productId })))
    .ProvisioningArtifactDetails ?? []).map((artifact) => [artifact.Name, `${artifact.Active ? 'active' : 'inactive'} ${artifact.Guidance}`]));

  test('when 1.0.0 is deprecated, then its artifact is inactive with guidance DEPRECATED and 1.1.0 stays active', async () => {
    await handleEvent(request('Create', ['1.0.0'], 'deprecate'), catalog);
    assert.deepEqual(await guidance(), { '1.0.0': 'inactive DEPRECATED', '1.1.0': 'active DEFAULT' });
    const response = collector.responses.find((candidate) => candidate.RequestId === 'deprecate')!;
    assert.equal(response.Status, 'SUCCESS');
    assert.equal(response.Reason, '1.0.0:DEPRECATED');
  });

  test('when the deprecation is withdrawn, then an update makes the artifact active again', async () => {
    await handleEvent(request('Update', [], 'withdraw'), catalog);
    assert.deepEqual(await guidance(), { '1.0.0': 'active DEFAULT', '1.1.0': 'active DEFAULT' });
  });

  test('when organization nodes are given, changed and removed, then the portfolio is shared with exactly those', async () => {
    const { PortfolioDetail } = await catalog.send(new CreatePortfolioCommand({ DisplayName: 'Shared', ProviderName: 'test', IdempotencyToken: 'shared' }));
    const portfolioId = PortfolioDetail!.Id!;
    await handleEvent(shareRequest('Create', portfolioId, ['o-aaaaaaaaaa', 'o-bbbbbbbbbb', 'ou-ab12-11111111']), catalog);
    assert.deepEqual(await sharedOrganizations(portfolioId), ['o-aaaaaaaaaa', 'o-bbbbbbbbbb']);
    await handleEvent(shareRequest('Update', portfolioId, ['o-bbbbbbbbbb', 'o-cccccccccc'], ['o-aaaaaaaaaa', 'o-bbbbbbbbbb', 'ou-ab12-11111111']), catalog);
    assert.deepEqual(await sharedOrganizations(portfolioId), ['o-bbbbbbbbbb', 'o-cccccccccc']);
    await handleEvent(shareRequest('Delete', portfolioId, ['o-bbbbbbbbbb', 'o-cccccccccc']), catalog);
    assert.deepEqual(await sharedOrganizations(portfolioId), []);
    assert.ok(collector.responses.filter((response) => response.LogicalResourceId === 'OrganizationShares').every((response) => response.Status === 'SUCCESS'));
  });

  test('when the product does not exist, then CloudFormation hears FAILED with the reason', async () => {
    await handleEvent({ ...request('Update', [], 'missing'), ResourceProperties: { ProductId: 'prod-missing' } }, catalog);
    const response = collector.responses.find((candidate) => candidate.RequestId === 'missing')!;
    assert.equal(response.Status, 'FAILED');
    assert.match(response.Reason, /prod-missing/);
  });
});
