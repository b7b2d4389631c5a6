import { Template } from 'aws-cdk-lib/assertions';
import { CloudFormationTemplate, readTemplate, referenceTarget, resourcesOfType as resourcesOfTypeIn, TemplateResource } from '../cloudformation';
import { WORKSPACE_VERSION } from '../versions/workspace-version';
import { templatePath } from '../versions/template-files';

/**
 * The committed workspace template: what ships, and what these tests read. That it is what a fresh
 * synth writes is the one test that synthesizes (marketplace-template.test.ts).
 */
export const workspaceJson: Record<string, any> = readTemplate(templatePath(WORKSPACE_VERSION));
export const template = Template.fromJSON(workspaceJson);

/** Every resource of a type, as [logical ID, resource] pairs. */
export function resourcesOfType(type: string): [string, TemplateResource][] {
  return resourcesOfTypeIn(workspaceJson as CloudFormationTemplate, type);
}

/** The one resource of a type whose properties satisfy `match`; fails when there is not exactly one. */
export function theResource(type: string, match: (properties: Record<string, any>) => boolean = () => true): [string, TemplateResource] {
  const found = resourcesOfType(type).filter(([, resource]) => match(resource.Properties ?? {}));
  if (found.length !== 1) throw new Error(`expected one ${type} matching, found ${found.length}`);
  return found[0];
}

/**
 * The logical ID a `{Ref}` or `{Fn::GetAtt}` value points at; for `{Fn::If: [condition, reference, NoValue]}`
 * (a reference to a resource that exists only under that condition), the resource it names when it holds.
 */
export function target(value: any): string {
  if (value?.['Fn::If']?.[2]?.Ref === 'AWS::NoValue') return target(value['Fn::If'][1]);
  const logicalId = referenceTarget(value);
  if (logicalId === undefined) throw new Error(`not a reference: ${JSON.stringify(value)}`);
  return logicalId;
}

/** Whether the JSON of `value` mentions `text` anywhere. */
export function mentions(value: unknown, text: string): boolean {
  return JSON.stringify(value).includes(text);
}

/** The task definition whose workload container has this name (`engine`, `supervisor-agent`, ...). */
export function taskDefinitionOf(containerName: string): [string, TemplateResource] {
  return theResource('AWS::ECS::TaskDefinition', (properties) =>
    properties.ContainerDefinitions.some((container: any) => container.Name === containerName));
}
