import { readFileSync } from 'node:fs';

/** A synthesized CloudFormation template: the sections the readers of this repository look at. */
export interface CloudFormationTemplate {
  readonly Description?: string;
  readonly Metadata?: Record<string, any>;
  readonly Parameters?: Record<string, TemplateParameter>;
  readonly Mappings?: Record<string, Record<string, Record<string, unknown>>>;
  /** Condition expressions by name (`Fn::Equals`, `Fn::And`, ...). */
  readonly Conditions?: Record<string, unknown>;
  readonly Rules?: Record<string, TemplateRule>;
  readonly Resources: Record<string, TemplateResource>;
  readonly Outputs?: Record<string, TemplateOutput>;
}

/** A launch parameter, as the launch wizard shows it. */
export interface TemplateParameter {
  /** `String`, `Number`, `CommaDelimitedList`, `List<AWS::EC2::Subnet::Id>`, ... */
  readonly Type: string;
  readonly Default?: unknown;
  readonly AllowedValues?: readonly unknown[];
  readonly AllowedPattern?: string;
  readonly MinValue?: number | string;
  readonly MaxValue?: number | string;
  readonly Description?: string;
  readonly ConstraintDescription?: string;
}

/** A rule of the template: its assertions must hold for a launch to start. */
export interface TemplateRule {
  /** When the rule applies. @default - always */
  readonly RuleCondition?: unknown;
  readonly Assertions: readonly { readonly Assert: Record<string, any>; readonly AssertDescription?: string }[];
}

/** One resource of a template. */
export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Record<string, any>;
  /** The condition the resource is created under. @default - always created */
  readonly Condition?: string;
  readonly DependsOn?: string | readonly string[];
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
  readonly Metadata?: Record<string, any>;
}

/** One output of a template. */
export interface TemplateOutput {
  readonly Value: unknown;
  readonly Description?: string;
  /** The condition the output exists under. @default - always */
  readonly Condition?: string;
  readonly Export?: { readonly Name: unknown };
}

/** The template in a JSON file; fails when the file has no Resources section. */
export function readTemplate(file: string): CloudFormationTemplate {
  const template = JSON.parse(readFileSync(file, 'utf8'));
  if (typeof template?.Resources !== 'object' || template.Resources === null) {
    throw new Error(`${file} is not a CloudFormation template: it has no Resources section`);
  }
  return template;
}

/** Every resource of the given types, as [logical ID, resource] pairs in template order. */
export function resourcesOfType(template: CloudFormationTemplate, ...types: string[]): [string, TemplateResource][] {
  return Object.entries(template.Resources ?? {}).filter(([, resource]) => types.includes(resource.Type));
}

/** Whether every one of the resources carries a Condition, so that launch parameters can leave them all out. */
export function allConditional(resources: [string, TemplateResource][]): boolean {
  return resources.every(([, resource]) => resource.Condition !== undefined);
}

/** A property CloudFormation takes as one item or a list (an IAM Action, a Statement, ...), as a list. */
export function asList<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
