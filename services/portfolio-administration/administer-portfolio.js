'use strict';
// CloudFormation custom resources for what a template cannot say about a portfolio: the guidance of
// provisioning artifacts (deprecated versions inactive; ProvisioningArtifactParameters has no Active or
// Guidance) and shares with AWS Organizations nodes (AWS::ServiceCatalog::PortfolioShare takes accounts
// only). Inlined into the portfolio template: plain CommonJS, AWS SDK v3 from the Lambda runtime, < 4 KB.
const https = require('https');
const sc = require('@aws-sdk/client-service-catalog');

async function setGuidance(catalog, { ProductId, DeprecatedVersions: deprecated = [] }) {
  const { ProvisioningArtifactDetails = [] } = await catalog.send(new sc.ListProvisioningArtifactsCommand({ ProductId }));
  const changed = [];
  for (const artifact of ProvisioningArtifactDetails) {
    const retire = deprecated.includes(artifact.Name);
    const guidance = retire ? 'DEPRECATED' : 'DEFAULT';
    if (artifact.Active === !retire && artifact.Guidance === guidance) continue;
    await catalog.send(new sc.UpdateProvisioningArtifactCommand({
      ProductId, ProvisioningArtifactId: artifact.Id, Active: !retire, Guidance: guidance,
    }));
    changed.push(`${artifact.Name}:${guidance}`);
  }
  return changed;
}

const nodesOf = (properties) => (properties?.OrganizationNodes ?? []).filter(Boolean);
const node = (value) => ({ Type: value.startsWith('ou-') ? 'ORGANIZATIONAL_UNIT' : 'ORGANIZATION', Value: value });

async function share(catalog, properties, old, deleting) {
  const wanted = deleting ? [] : nodesOf(properties);
  const had = deleting ? nodesOf(properties) : nodesOf(old);
  const PortfolioId = properties.PortfolioId;
  for (const value of had.filter((v) => !wanted.includes(v))) {
    await catalog.send(new sc.DeletePortfolioShareCommand({ PortfolioId, OrganizationNode: node(value) }));
  }
  const added = wanted.filter((v) => !had.includes(v));
  for (const value of added) {
    await catalog.send(new sc.CreatePortfolioShareCommand({ PortfolioId, OrganizationNode: node(value), ShareTagOptions: true }));
  }
  return added;
}

function respond(event, status, physicalId, reason) {
  const body = JSON.stringify({
    Status: status, Reason: reason, PhysicalResourceId: physicalId, StackId: event.StackId,
    RequestId: event.RequestId, LogicalResourceId: event.LogicalResourceId,
  });
  const url = new URL(event.ResponseURL);
  const transport = url.protocol === 'http:' ? require('http') : https;
  return new Promise((resolve, reject) => {
    const request = transport.request(url, {
      method: 'PUT', headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) },
    }, (response) => { response.resume(); response.on('end', resolve); });
    request.on('error', reject);
    request.end(body);
  });
}

async function handleEvent(event, catalog) {
  const properties = event.ResourceProperties;
  const guidance = event.ResourceType === 'Custom::ProvisioningArtifactGuidance';
  const physicalId = event.PhysicalResourceId || (guidance ? `guidance-${properties.ProductId}` : `shares-${properties.PortfolioId}`);
  const deleting = event.RequestType === 'Delete';
  try {
    // Guidance is left as it is on Delete: the artifacts go with the product, or keep it.
    const done = guidance ? (deleting ? [] : await setGuidance(catalog, properties))
      : await share(catalog, properties, event.OldResourceProperties, deleting);
    await respond(event, 'SUCCESS', physicalId, done.join(',') || 'unchanged');
  } catch (error) {
    console.error(JSON.stringify({ message: `${event.ResourceType} failed`, error: String(error) }));
    await respond(event, 'FAILED', physicalId, String(error).slice(0, 500));
  }
}

exports.handleEvent = handleEvent;
exports.handler = (event) => handleEvent(event, new sc.ServiceCatalogClient({}));
