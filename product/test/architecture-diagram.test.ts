import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { before, describe, test } from 'node:test';
import { WORKSPACE_VERSION } from '../versions/workspace-version';
import { diagramPaths, writeDiagram } from '../diagram/diagram-files';
import { templatePath } from '../versions/template-files';
import { ArchitectureDiagram, renderArchitectureDiagram } from '../diagram';
import { awsIcon } from '../diagram/aws-icons';
import { readArchitecture } from '../diagram/workspace-architecture';
import { isReleased, releasedVersions } from '../versions/released-versions';
import { resourcesOfType, workspaceJson } from './workspace-template';
import { workspaceVersions } from '../versions/released-versions';

/** Width and height from a PNG's IHDR chunk, which must come first. */
function pngSize(png: Buffer): { width: number; height: number } {
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  assert.equal(png.toString('latin1', 12, 16), 'IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) => match[1]);
/** All text of the drawing in order, one space between text elements: a title wrapped over two lines reads as one. */
const wording = (svg: string) => texts(svg).join(' ');
const copyOfTemplate = (): Record<string, any> => structuredClone(workspaceJson);

describe('the architecture diagram for the Marketplace listing', () => {
  let diagram: ArchitectureDiagram;
  before(async () => {
    diagram = await renderArchitectureDiagram(workspaceJson);
  });

  test('the PNG is 1100x700, as the Marketplace asks', () => {
    assert.deepEqual(pngSize(diagram.png), { width: 1100, height: 700 });
  });

  test('the SVG is 1100x700 too', () => {
    assert.match(diagram.svg, /^<svg [^>]*width="1100" height="700" viewBox="0 0 1100 700"/);
  });

  test('it shows both Availability Zones, the VPC CIDR, and every subnet by tier with the CIDR its parameter defaults to', () => {
    const labels = texts(diagram.svg);
    assert.ok(labels.includes('Availability Zone 1') && labels.includes('Availability Zone 2'));
    assert.ok(labels.includes(workspaceJson.Parameters.VpcCidr.Default));
    const subnets = resourcesOfType('AWS::EC2::Subnet');
    assert.ok(subnets.length > 0);
    for (const [logicalId, subnet] of subnets) {
      const tier = subnet.Properties!.Tags.find((tag: { Key: string }) => tag.Key === 'Tier').Value;
      const cidr = workspaceJson.Parameters[subnet.Properties!.CidrBlock.Ref].Default;
      assert.match(diagram.svg, new RegExp(`>${tier} subnet</text><text[^>]*>${cidr.replace(/\./g, '\\.')}</text>`), logicalId);
    }
  });

  test('it shows the AWS Cloud, Region and VPC groups with their official group icons', () => {
    for (const label of ['AWS Cloud', 'Region (us-east-1 or ap-south-1)', 'VPC']) assert.ok(texts(diagram.svg).includes(label), label);
    for (const icon of ['AWSCloudlogo', 'Region', 'VirtualprivatecloudVPC', 'Publicsubnet', 'Privatesubnet']) {
      assert.ok(diagram.svg.includes(awsIcon(`architecture-group/${icon}`, 0, 0, 1).replace(/^<svg[^>]*>/, '')), icon);
    }
  });

  test('it shows the main services, each with its official AWS icon', () => {
    const services: [string, string][] = [
      ['Internet gateway', 'resource/AmazonVPCInternetGateway'], ['NAT gateway', 'resource/AmazonVPCNATGateway'],
      ['AWS Lambda', 'architecture-service/AWSLambda'], ['ECS on Fargate', 'architecture-service/AWSFargate'],
      ['Amazon DynamoDB', 'architecture-service/AmazonDynamoDB'], ['Amazon DocumentDB', 'architecture-service/AmazonDocumentDB'],
      ['API Gateway', 'architecture-service/AmazonAPIGateway'], ['Amazon Cognito', 'architecture-service/AmazonCognito'],
      ['AWS KMS', 'architecture-service/AWSKeyManagementService'], ['Amazon CloudWatch', 'architecture-service/AmazonCloudWatch'],
      ['Amazon EventBridge', 'architecture-service/AmazonEventBridge'], ['Secrets Manager', 'architecture-service/AWSSecretsManager'],
      ['AWS CloudTrail', 'architecture-service/AWSCloudTrail'], ['Amazon S3', 'architecture-service/AmazonSimpleStorageService'],
      ['Amazon Bedrock', 'architecture-service/AmazonBedrock'], ['AWS WAF', 'architecture-service/AWSWAF'],
      ['Amazon SQS', 'architecture-service/AmazonSimpleQueueService'], ['AWS Step Functions', 'architecture-service/AWSStepFunctions'],
      ['Amazon GuardDuty', 'architecture-service/AmazonGuardDuty'],
    ];
    for (const [title, icon] of services) {
      assert.ok(wording(diagram.svg).includes(title), title);
      assert.ok(diagram.svg.includes(awsIcon(icon, 0, 0, 1).replace(/^<svg[^>]*>/, '')), icon);
    }
    assert.ok(texts(diagram.svg).includes('+ metering sidecar'));
  });

  test('the agentic automation parts are labelled: the guardrail with Bedrock, the event bus with EventBridge, the task queue with SQS', () => {
    for (const phrase of ['guardrail (optional)', 'event bus (optional)', 'task queue (optional)', 'approval workflow', 'threat detection', 'web ACL']) {
      assert.ok(wording(diagram.svg).includes(phrase), phrase);
    }
  });

  test('every optional component gets one dashed outline wherever it is drawn (once per subnet), explained by the legend', () => {
    const optional = readArchitecture(workspaceJson as any).components.filter((component) => component.optional);
    const drawn = optional.reduce((count, component) => count + (component.placement.area === 'subnets' ? component.placement.subnetIds.length : 1), 0);
    assert.ok(optional.length > 0);
    assert.equal(diagram.svg.match(/stroke-dasharray="3 3"/g)?.length, drawn + 1, 'one per optional component drawn, and the sample in the legend');
    assert.ok(texts(diagram.svg).some((text) => text.startsWith('Dashed outline: optional')));
  });

  test('when a template condition is dropped from the WAF, then its outline is no longer dashed', async () => {
    const template = copyOfTemplate();
    for (const [logicalId] of [...resourcesOfType('AWS::WAFv2::WebACL'), ...resourcesOfType('AWS::WAFv2::WebACLAssociation')]) delete template.Resources[logicalId].Condition;
    const changed = await renderArchitectureDiagram(template);
    assert.equal(changed.svg.match(/stroke-dasharray="3 3"/g)?.length, diagram.svg.match(/stroke-dasharray="3 3"/g)!.length - 1);
  });

  test('rendering the same template twice gives byte-identical SVG and PNG', async () => {
    const again = await renderArchitectureDiagram(structuredClone(workspaceJson));
    assert.equal(again.svg, diagram.svg);
    assert.ok(again.png.equals(diagram.png));
  });

  test('when the DocumentDB cluster is removed, then the diagram changes and no longer shows DocumentDB', async () => {
    const template = copyOfTemplate();
    delete template.Resources[resourcesOfType('AWS::DocDB::DBCluster')[0][0]];
    const changed = await renderArchitectureDiagram(template);
    assert.ok(wording(diagram.svg).includes('Amazon DocumentDB'));
    assert.ok(!wording(changed.svg).includes('DocumentDB'));
    assert.ok(!changed.png.equals(diagram.png));
    assert.deepEqual(pngSize(changed.png), { width: 1100, height: 700 });
  });

  test('when a subnet CIDR default changes, then the diagram shows the new CIDR', async () => {
    const template = copyOfTemplate();
    template.Parameters.PublicSubnet1Cidr.Default = '10.0.99.0/24';
    const changed = await renderArchitectureDiagram(template);
    assert.ok(texts(changed.svg).includes('10.0.99.0/24'));
    assert.ok(!texts(changed.svg).includes('10.0.1.0/24'));
  });

  test('when the template adds a subnet in a third zone, then a third Availability Zone appears', async () => {
    const template = copyOfTemplate();
    const [logicalId, subnet] = resourcesOfType('AWS::EC2::Subnet').find(([, candidate]) => JSON.stringify(candidate).includes('"Private"'))!;
    template.Resources[`${logicalId}Third`] = { ...structuredClone(subnet), Properties: { ...structuredClone(subnet.Properties), AvailabilityZone: { 'Fn::Select': [2, { 'Fn::GetAZs': '' }] }, CidrBlock: '10.0.50.0/24' } };
    const changed = await renderArchitectureDiagram(template);
    assert.ok(texts(changed.svg).includes('Availability Zone 3'));
    assert.ok(texts(changed.svg).includes('10.0.50.0/24'));
  });

  test(`the committed diagram of the version under development is what its template renders to (run npm run diagram -- ${WORKSPACE_VERSION} if not)`, async () => {
    assert.ok(!isReleased(WORKSPACE_VERSION), `${WORKSPACE_VERSION} is released; raise package.json's version before changing the template`);
    const rendered = await renderArchitectureDiagram(JSON.parse(readFileSync(templatePath(WORKSPACE_VERSION), 'utf8')));
    const paths = diagramPaths(WORKSPACE_VERSION);
    assert.ok(existsSync(paths.svg) && existsSync(paths.png), `${WORKSPACE_VERSION}: no committed diagram; run npm run diagram -- ${WORKSPACE_VERSION}`);
    assert.equal(readFileSync(paths.svg, 'utf8'), rendered.svg);
    assert.ok(readFileSync(paths.png).equals(rendered.png), `${WORKSPACE_VERSION}: architecture-diagram.png is stale`);
  });

  test('every released version keeps a committed diagram, which the CLI refuses to redraw, naming the version and the one to draw instead', async () => {
    const released = releasedVersions().map((release) => release.version);
    assert.ok(released.length > 0);
    for (const version of released) {
      const before = readFileSync(diagramPaths(version).png);
      assert.ok(existsSync(diagramPaths(version).svg), version);
      await assert.rejects(writeDiagram(version), new RegExp(`^Error: diagram: version '${version.replace(/\./g, '\\.')}' is released; .*manifest\\.json.*npm run diagram -- ${WORKSPACE_VERSION.replace(/\./g, '\\.')}$`));
      assert.ok(readFileSync(diagramPaths(version).png).equals(before), `${version}: the released diagram is untouched`);
    }
  });

  test('when the CLI is given a version without a template, then it fails naming the expected file and the versions there are', async () => {
    const versions = workspaceVersions().join(', ');
    await assert.rejects(writeDiagram('9.9.9'), (error: Error) => error.message === `diagram: no template for version '9.9.9' (expected templates/workspace/9.9.9/workspace.template.json); versions with a template: ${versions}`);
  });
});
