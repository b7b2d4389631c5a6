import { CloudFormationTemplate, referencesResource, referenceTarget, resourcesOfType } from '../cloudformation';
import type { Component } from './component';

/** A connection worth drawing, between two components (by key). */
export interface Flow {
  readonly from: string;
  readonly to: string;
}

/** Flows: which functions the API invokes, and which container services use which database cluster. */
export function readFlows(template: CloudFormationTemplate, components: Component[]): Flow[] {
  const flows: Flow[] = [];
  const keys = new Set(components.map((component) => component.key));
  const functions = components.filter((component) => component.icon === 'architecture-service/AWSLambda');
  if (keys.has('api')) {
    const methods = resourcesOfType(template, 'AWS::ApiGateway::Method');
    for (const lambdas of functions) {
      const integrated = (lambdas.members ?? []).some((logicalId) => methods.some(([, method]) => referencesResource(method.Properties?.Integration, logicalId)));
      if (integrated) flows.push({ from: 'api', to: lambdas.key });
    }
  }
  const documentDb = components.filter((component) => component.icon === 'architecture-service/AmazonDocumentDB');
  for (const services of components.filter((component) => component.icon === 'architecture-service/AWSFargate')) {
    const tasks = (services.members ?? []).map((service) => template.Resources[referenceTarget(template.Resources[service]?.Properties?.TaskDefinition) ?? '']);
    for (const cluster of documentDb) {
      if (referencesResource(tasks, cluster.key)) flows.push({ from: services.key, to: cluster.key });
    }
  }
  return flows;
}
