import { CloudFormationTemplate, resourcesOfType } from '../cloudformation';
import type { Component } from './component';
import { readComponents } from './components';
import { Flow, readFlows } from './flows';
import { DefaultRoute, launchValue, readDefaultRoutes, readSubnets, Subnet } from './subnets';

export type { Component, Placement } from './component';
export type { Flow } from './flows';
export type { DefaultRoute, Subnet, SubnetTier } from './subnets';

/** What the architecture diagram shows, read from a workspace template. */
export interface WorkspaceArchitecture {
  /** The product and version, from the template's Description (the part before the first colon). */
  readonly title: string;
  /** The Regions a `Rules` assertion allows the stack in; empty when the template does not restrict them. */
  readonly regions: readonly string[];
  readonly vpcCidr: string;
  /** Sorted by zone, then tier. */
  readonly subnets: readonly Subnet[];
  readonly components: readonly Component[];
  readonly flows: readonly Flow[];
  readonly defaultRoutes: readonly DefaultRoute[];
}

/** Reads the architecture from a synthesized workspace template. */
export function readArchitecture(template: CloudFormationTemplate): WorkspaceArchitecture {
  if (typeof template?.Resources !== 'object' || template.Resources === null) {
    throw new Error('diagram: the template has no Resources section; pass a synthesized CloudFormation template');
  }
  const vpcs = resourcesOfType(template, 'AWS::EC2::VPC');
  if (vpcs.length !== 1) throw new Error(`diagram: the template must have exactly one AWS::EC2::VPC, found ${vpcs.length}`);
  const components = readComponents(template);
  return {
    title: titleOf(template),
    regions: allowedRegions(template),
    vpcCidr: launchValue(template, vpcs[0][1].Properties?.CidrBlock, `${vpcs[0][0]}.CidrBlock`),
    subnets: readSubnets(template),
    components,
    flows: readFlows(template, components),
    defaultRoutes: readDefaultRoutes(template),
  };
}

function titleOf(template: CloudFormationTemplate): string {
  const description = typeof template.Description === 'string' ? template.Description.split(':')[0].trim() : '';
  return description === '' ? 'Architecture' : `${description}: architecture`;
}

/** The Regions of a rule asserting `Fn::Contains [[...], Ref AWS::Region]`. */
function allowedRegions(template: CloudFormationTemplate): string[] {
  for (const rule of Object.values(template.Rules ?? {})) {
    for (const assertion of rule.Assertions ?? []) {
      const contains = assertion.Assert?.['Fn::Contains'];
      if (Array.isArray(contains) && contains[1]?.Ref === 'AWS::Region' && Array.isArray(contains[0])) return contains[0].map(String);
    }
  }
  return [];
}
