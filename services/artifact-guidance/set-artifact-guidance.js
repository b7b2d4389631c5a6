'use strict';
// CloudFormation custom resource: marks the product's provisioning artifacts of deprecated versions
// inactive (guidance DEPRECATED) and every other one active, which a template cannot express
// (ProvisioningArtifactParameters has no Active or Guidance). Inlined into the portfolio template:
// plain CommonJS, AWS SDK v3 from the Lambda runtime, under 4 KB.
const https = require('https');
const { ServiceCatalogClient, ListProvisioningArtifactsCommand, UpdateProvisioningArtifactCommand } = require('@aws-sdk/client-service-catalog');

async function setGuidance(catalog, productId, deprecated) {
  const { ProvisioningArtifactDetails = [] } = await catalog.send(new ListProvisioningArtifactsCommand({ ProductId: productId }));
  const changed = [];
  for (const artifact of ProvisioningArtifactDetails) {
    const retire = deprecated.includes(artifact.Name);
    const guidance = retire ? 'DEPRECATED' : 'DEFAULT';
    if (artifact.Active === !retire && artifact.Guidance === guidance) continue;
    await catalog.send(new UpdateProvisioningArtifactCommand({
      ProductId: productId, ProvisioningArtifactId: artifact.Id, Active: !retire, Guidance: guidance,
    }));
    changed.push(`${artifact.Name}:${guidance}`);
  }
  return changed;
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
  const { ProductId: productId, DeprecatedVersions: deprecated = [] } = event.ResourceProperties;
  const physicalId = event.PhysicalResourceId || `artifact-guidance-${productId}`;
  try {
    // On Delete the artifacts go with the product, or keep the guidance they have.
    const changed = event.RequestType === 'Delete' ? [] : await setGuidance(catalog, productId, deprecated);
    await respond(event, 'SUCCESS', physicalId, changed.join(',') || 'unchanged');
  } catch (error) {
    console.error(JSON.stringify({ message: 'setting the provisioning artifact guidance failed', productId, error: String(error) }));
    await respond(event, 'FAILED', physicalId, String(error).slice(0, 500));
  }
}

exports.handleEvent = handleEvent;
exports.handler = (event) => handleEvent(event, new ServiceCatalogClient({}));
