import { allConditional, CloudFormationTemplate, resourcesOfType, TemplateResource } from '../cloudformation';
import type { Component } from './component';

const SERVICE_NAMES: Record<string, string> = { s3: 'S3', dynamodb: 'DynamoDB' };

/**
 * The VPC endpoints as one component in the VPC: the gateway endpoints by service, the interface
 * endpoints by count (marked optional when a launch parameter can leave them all out).
 */
export function endpointsComponent(template: CloudFormationTemplate): Component[] {
  const endpoints = resourcesOfType(template, 'AWS::EC2::VPCEndpoint');
  if (endpoints.length === 0) return [];
  const gateways = endpoints.filter(([, endpoint]) => endpoint.Properties?.VpcEndpointType === 'Gateway');
  const interfaces = endpoints.filter(([, endpoint]) => endpoint.Properties?.VpcEndpointType === 'Interface');
  const details = [
    ...(gateways.length > 0 ? [`${gateways.map(serviceOf).join(', ')} gateways`] : []),
    ...(interfaces.length > 0 ? [`${interfaces.length} interface${allConditional(interfaces) ? ' (optional)' : ''}`] : []),
  ];
  return [{ key: 'endpoints', icon: 'resource/AmazonVPCEndpoints', title: 'VPC endpoints', details, optional: allConditional(endpoints), placement: { area: 'vpc' } }];
}

/** "com.amazonaws.<region>.s3" -> "S3": the service part of the endpoint's ServiceName. */
function serviceOf([logicalId, endpoint]: [string, TemplateResource]): string {
  const parts: unknown[] = endpoint.Properties?.ServiceName?.['Fn::Join']?.[1] ?? [endpoint.Properties?.ServiceName];
  const last = parts[parts.length - 1];
  if (typeof last !== 'string') throw new Error(`diagram: VPC endpoint ${logicalId} must name its service as com.amazonaws.<region>.<service>`);
  const service = last.replace(/^.*?amazonaws\.[a-z0-9-]+\./, '').replace(/^\./, '');
  return SERVICE_NAMES[service] ?? service;
}
