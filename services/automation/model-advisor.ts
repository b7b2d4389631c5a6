import { BedrockRuntimeClient, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';
import { AutomationRequest } from './automation-request';
import { ModelOpinion, RISK_LEVELS, RiskAdvisor, RiskLevel } from './risk-assessment';

/** Which model to ask, and the guardrail every call must go through (when the template created one). */
export interface ModelAdvisorSettings {
  /** An Anthropic Claude model ID (the Messages body format); other model families are not asked. */
  readonly modelId: string;
  readonly guardrailId?: string;
  readonly guardrailVersion?: string;
}

const MAX_ANSWER_TOKENS = 300;

/**
 * A risk advisor backed by Amazon Bedrock: asks the model for a risk level and a one-sentence reason
 * as JSON. An answer that is not that JSON (or a blocked one) counts as no opinion, so the policy
 * level stands; transport errors propagate and the state machine retries the step.
 */
export function bedrockRiskAdvisor(client: BedrockRuntimeClient, settings: ModelAdvisorSettings, log: (entry: Record<string, unknown>) => void): RiskAdvisor {
  return async (request, policyLevel, meter) => {
    if (!settings.modelId.startsWith('anthropic.')) {
      log({ level: 'warn', message: 'risk advisor skipped: only Anthropic Claude models are supported', modelId: settings.modelId });
      return undefined;
    }
    const response = await client.send(new InvokeModelCommand({
      modelId: settings.modelId,
      contentType: 'application/json',
      accept: 'application/json',
      ...(settings.guardrailId ? { guardrailIdentifier: settings.guardrailId, guardrailVersion: settings.guardrailVersion } : {}),
      body: JSON.stringify({
        anthropic_version: 'bedrock-2023-05-31',
        max_tokens: MAX_ANSWER_TOKENS,
        messages: [{ role: 'user', content: prompt(request, policyLevel) }],
      }),
    }));
    await meter?.();
    const opinion = parseOpinion(new TextDecoder().decode(response.body));
    if (!opinion) log({ level: 'warn', message: 'risk advisor answer unusable; the policy level stands', modelId: settings.modelId });
    return opinion;
  };
}

function prompt(request: AutomationRequest, policyLevel: RiskLevel): string {
  return [
    'You assess the operational risk of an automated IT change before it runs.',
    `Change: ${JSON.stringify({ kind: request.kind, title: request.title, action: request.action, targets: request.targets.length, severity: request.severity, cvssScore: request.cvssScore })}`,
    `The policy rates it ${policyLevel}.`,
    'Answer only with JSON: {"level": "low" | "medium" | "high", "reason": "<one sentence>"}.',
  ].join('\n');
}

/** The opinion in a Messages API answer body, or undefined. */
export function parseOpinion(body: string): ModelOpinion | undefined {
  try {
    const text = JSON.parse(body)?.content?.[0]?.text;
    const answer = JSON.parse(String(text));
    if (RISK_LEVELS.includes(answer.level) && typeof answer.reason === 'string' && answer.reason.length > 0) {
      return { level: answer.level, reason: answer.reason.slice(0, 300) };
    }
  } catch {
    // Not JSON: no opinion.
  }
  return undefined;
}
