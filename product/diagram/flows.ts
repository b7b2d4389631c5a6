import { CloudFormationTemplate, referencedId, references, resourcesOf } from './cloudformation';
import { Component } from './components';

/** A connection worth drawing, between two components (by key). */
export interface Flow {
  readonly from: string;
  readonly to: string;
}

/** Flows: which functions the API invokes, and which containers use which database cluster. */
export function readFlows(template: CloudFormationTemplate, components: Component[]): Flow[] {
  const flows: Flow[] = [];
  const keys = new Set(components.map((component) => component.key));
  const functions = components.filter((component) => component.icon === 'architecture-service/AWSLambda');
  if (keys.has('api')) {
    const methods = resourcesOf(template, 'AWS::ApiGateway::Method');
    for (const lambda of functions) {
      if (methods.some(([, method]) => references(method.Properties?.Integration, lambda.key))) flows.push({ from: 'api', to: lambda.key });
    }
  }
  const documentDb = components.filter((component) => component.icon === 'architecture-service/AmazonDocumentDB');
  for (const service of components.filter((component) => component.icon === 'architecture-service/AWSFargate')) {
    const taskDefinition = referencedId(template.Resources[service.key]?.Properties?.TaskDefinition) ?? '';
    for (const cluster of documentDb) {
      if (references(template.Resources[taskDefinition], cluster.key)) flows.push({ from: service.key, to: cluster.key });
    }
  }
  return flows;
}
