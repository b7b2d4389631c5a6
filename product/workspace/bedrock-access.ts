import { Aws, CfnCondition, Fn, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { onlyIf } from './private/only-if';
import { SUPPORTED_REGIONS } from '../shared/supported-regions';

/** Props of {@link WorkspaceBedrockAccess}. */
export interface WorkspaceBedrockAccessProps {
  /** The foundation model IDs the roles may invoke (BedrockModelIds). */
  readonly modelIds: string[];
  /** The roles that may invoke the listed models. */
  readonly roles: iam.IRole[];
  /** The condition the access exists under: BedrockEnabled, or one that implies it. */
  readonly condition: CfnCondition;
}

/**
 * Optional Amazon Bedrock access (seed guide's cost table: "Recommended for agentic secops workflow"):
 * model invocation for the model IDs the buyer lists, in the stack's Region, and nothing else in Bedrock.
 */
export class WorkspaceBedrockAccess extends Construct {
  readonly policy: iam.Policy;
  /** The model IDs the roles may invoke. */
  readonly modelIds: string[];
  /** The condition the access exists under: a model named to a role elsewhere must be under it too. */
  readonly condition: CfnCondition;

  constructor(scope: Construct, id: string, props: WorkspaceBedrockAccessProps) {
    super(scope, id);
    this.modelIds = props.modelIds;
    this.condition = props.condition;
    this.policy = new iam.Policy(this, 'InvokeListedModels', {
      roles: props.roles,
      statements: [new iam.PolicyStatement({
        actions: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
        resources: Token.asList(this.modelArnsPerRegion(props.modelIds)),
      })],
    });
    onlyIf(props.condition, this);
  }

  /**
   * One foundation-model ARN per listed ID. CloudFormation cannot map over a list parameter, but joining
   * the IDs with the ARN prefix as delimiter and splitting again does it; the delimiter must be a literal,
   * so there is one literal per supported Region (all in the aws partition), chosen by condition.
   */
  private modelArnsPerRegion(modelIds: string[]): unknown {
    const arnsIn = (region: string) => {
      const prefix = `arn:aws:bedrock:${region}::foundation-model/`;
      return Fn.split(',', Fn.join('', [prefix, Fn.join(`,${prefix}`, modelIds)]));
    };
    const [last, ...others] = [...SUPPORTED_REGIONS].reverse();
    return others.reduce<unknown>((otherwise, region) => {
      const inRegion = new CfnCondition(this, `In${region.replace(/-/g, '')}`, {
        expression: Fn.conditionEquals(Aws.REGION, region),
      });
      return Fn.conditionIf(inRegion.logicalId, arnsIn(region), otherwise);
    }, arnsIn(last));
  }
}
