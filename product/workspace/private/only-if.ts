import { Aspects, CfnCondition, CfnResource, IAspect } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Puts every CloudFormation resource under `scope` behind `condition`, including resources that L2
 * constructs add late in synthesis (bucket policies, grants), which is why this is an aspect.
 */
export function onlyIf(condition: CfnCondition, ...scopes: IConstruct[]): void {
  for (const scope of scopes) {
    Aspects.of(scope).add(new ConditionAspect(condition));
  }
}

class ConditionAspect implements IAspect {
  constructor(private readonly condition: CfnCondition) {}

  visit(node: IConstruct): void {
    if (!(node instanceof CfnResource)) return;
    const current = node.cfnOptions.condition;
    if (current && current !== this.condition) {
      throw new Error(`${node.node.path} already has condition ${current.logicalId}; cannot also make it depend on ${this.condition.logicalId}`);
    }
    node.cfnOptions.condition = this.condition;
  }
}
