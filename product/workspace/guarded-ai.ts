import { CfnCondition, Fn } from 'aws-cdk-lib';
import * as bedrock from 'aws-cdk-lib/aws-bedrock';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { onlyIf } from './private/only-if';
import { uniqueName } from './private/stack-suffix';

/** The model invocation actions the guardrail is enforced on (the Converse APIs authorize as these). */
export const MODEL_INVOCATION_ACTIONS = ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'];

/** Props of {@link WorkspaceGuardedAi}. */
export interface WorkspaceGuardedAiProps {
  /** The condition the guardrail exists under (BedrockGuardrailEnabled). */
  readonly condition: CfnCondition;
  /** Roles that may invoke models (they get their Allow from WorkspaceBedrockAccess) and must do so through the guardrail. */
  readonly roles: iam.IRole[];
}

/**
 * Guarded AI (seed 002): an Amazon Bedrock guardrail (prompt attacks, harmful content, credentials in
 * prompts and answers) with a published version, and a Deny on model invocation that does not name
 * that guardrail version (`bedrock:GuardrailIdentifier`), so the workspace can call the listed models
 * only through it. Created only under the BedrockGuardrailEnabled condition.
 */
export class WorkspaceGuardedAi extends Construct {
  readonly guardrail: bedrock.CfnGuardrail;
  readonly version: bedrock.CfnGuardrailVersion;
  /** What makes the roles call models through the guardrail only; attach optional agents' roles to it. */
  readonly guardedPolicy: iam.Policy;
  /** The condition the guardrail exists under: a reference to it from elsewhere must be under it too. */
  readonly condition: CfnCondition;

  constructor(scope: Construct, id: string, props: WorkspaceGuardedAiProps) {
    super(scope, id);
    this.condition = props.condition;
    const strength = (inputStrength: string, outputStrength = inputStrength) => ({ inputStrength, outputStrength });
    this.guardrail = new bedrock.CfnGuardrail(this, 'Guardrail', {
      name: uniqueName('workspace-guardrail'),
      description: 'Screens every workspace model call: prompt attacks, harmful content, credentials.',
      blockedInputMessaging: 'The workspace guardrail blocked this request.',
      blockedOutputsMessaging: 'The workspace guardrail blocked this answer.',
      contentPolicyConfig: {
        filtersConfig: [
          { type: 'PROMPT_ATTACK', ...strength('HIGH', 'NONE') },
          { type: 'MISCONDUCT', ...strength('HIGH') },
          { type: 'HATE', ...strength('HIGH') },
          { type: 'VIOLENCE', ...strength('MEDIUM') },
          { type: 'INSULTS', ...strength('MEDIUM') },
          { type: 'SEXUAL', ...strength('HIGH') },
        ],
      },
      sensitiveInformationPolicyConfig: {
        piiEntitiesConfig: ['AWS_ACCESS_KEY', 'AWS_SECRET_KEY', 'PASSWORD', 'CREDIT_DEBIT_CARD_NUMBER']
          .map((type) => ({ type, action: 'BLOCK' })),
      },
    });
    this.version = new bedrock.CfnGuardrailVersion(this, 'Version', {
      guardrailIdentifier: this.guardrail.attrGuardrailId,
      description: 'The guardrail version the workspace roles must name.',
    });
    this.guardedPolicy = new iam.Policy(this, 'OnlyThroughGuardrail', { roles: props.roles, statements: this.guardedInvocationStatements() });
    onlyIf(props.condition, this);
  }

  /** `<guardrail ARN>:<version>`, the value of `bedrock:GuardrailIdentifier` on a guarded call. */
  get versionArn(): string {
    return Fn.join(':', [this.guardrail.attrGuardrailArn, this.version.attrVersion]);
  }

  /**
   * Lets a role apply this guardrail (model calls that name it need bedrock:ApplyGuardrail on it) and
   * refuses model invocation that does not name this guardrail version; for other roles' policies,
   * which must be under a condition that implies BedrockGuardrailEnabled.
   */
  guardedInvocationStatements(): iam.PolicyStatement[] {
    return [new iam.PolicyStatement({
      sid: 'ApplyWorkspaceGuardrail',
      actions: ['bedrock:ApplyGuardrail'],
      resources: [this.guardrail.attrGuardrailArn],
    }), new iam.PolicyStatement({
      sid: 'InvokeModelsOnlyThroughWorkspaceGuardrail',
      effect: iam.Effect.DENY,
      actions: MODEL_INVOCATION_ACTIONS,
      resources: ['*'],
      conditions: { StringNotEquals: { 'bedrock:GuardrailIdentifier': this.versionArn } },
    })];
  }
}
