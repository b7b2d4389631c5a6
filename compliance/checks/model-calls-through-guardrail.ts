import { Check, Evidence, observe, verdict } from '../lib/check';
import { asList, CloudFormationTemplate, referencedOfType, resourcesOfType, TemplateResource } from '../../product/cloudformation';
import { identityPolicyStatements, PolicyStatement } from '../lib/policy-statements';

/** The Bedrock actions that run a model (the Converse APIs authorize as these). */
const MODEL_INVOCATIONS = ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'];

/** Whether an IAM action pattern (with * and ? wildcards, case-insensitive) covers an action. */
function covers(pattern: unknown, action: string): boolean {
  if (typeof pattern !== 'string') return false;
  const expression = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${expression}$`, 'i').test(action);
}

const allows = (s: PolicyStatement, action: string) => s.statement.Effect === 'Allow' && asList(s.statement.Action).some((a) => covers(a, action));

/** A Deny of the action whenever the call does not name the guardrail (`bedrock:GuardrailIdentifier`). */
function deniesUnguarded(template: CloudFormationTemplate, s: PolicyStatement, action: string, guardrail: string): boolean {
  const named = s.statement.Condition?.StringNotEquals?.['bedrock:GuardrailIdentifier'];
  return s.statement.Effect === 'Deny' && asList(s.statement.Action).some((a) => covers(a, action))
    && referencedOfType(template, named, 'AWS::Bedrock::Guardrail').includes(guardrail);
}

function filterEvidence(id: string, guardrail: TemplateResource): Evidence[] {
  const promptAttack = asList<any>(guardrail.Properties?.ContentPolicyConfig?.FiltersConfig).find((f) => f?.Type === 'PROMPT_ATTACK');
  const sensitive = guardrail.Properties?.SensitiveInformationPolicyConfig;
  const entities = [...asList<any>(sensitive?.PiiEntitiesConfig), ...asList<any>(sensitive?.RegexesConfig)];
  return [
    observe(id, 'ContentPolicyConfig PROMPT_ATTACK InputStrength', promptAttack?.InputStrength, ['LOW', 'MEDIUM', 'HIGH'].includes(promptAttack?.InputStrength)),
    observe(id, 'SensitiveInformationPolicyConfig entities', entities.map((e) => e?.Type ?? e?.Name), entities.length > 0),
  ];
}

/**
 * Every Bedrock guardrail screens prompt attacks and sensitive information, and every role of the
 * template allowed to invoke a model is denied invocation that does not name that guardrail.
 */
export const check: Check = {
  id: 'model-calls-through-guardrail',
  title: 'Every guardrail screens prompt attacks and sensitive information, and every role that may invoke a model must do so through it',
  evaluate(template) {
    const statements = identityPolicyStatements(template);
    const evidence = resourcesOfType(template, 'AWS::Bedrock::Guardrail').flatMap(([id, guardrail]) => [
      ...filterEvidence(id, guardrail),
      ...MODEL_INVOCATIONS.flatMap((action) => [...new Set(statements.filter((s) => allows(s, action)).flatMap((s) => s.roles))].map((role) => {
        const denials = statements.filter((s) => s.roles.includes(role) && deniesUnguarded(template, s, action, id)).map((s) => s.resource);
        return observe(role, `Deny ${action} without guardrail ${id}`, denials, denials.length > 0);
      })),
    ]);
    return verdict(evidence, 'the template has no Bedrock guardrail');
  },
};
