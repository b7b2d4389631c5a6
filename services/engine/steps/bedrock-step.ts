import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { bedrockInputsSchema } from '../../workspace-data/definition/step-inputs';
import { StepError } from './step-error';
import { stepHandler } from './step-handler';

/** What `bedrock` steps may use: the template's model IDs and, when it is on, the guardrail. */
export interface BedrockAccess {
  readonly client: BedrockRuntimeClient;
  readonly modelIds: readonly string[];
  readonly guardrail?: { readonly id: string; readonly version: string };
}

/** `bedrock`: one Converse call to a listed model, through the guardrail when it is on; reports the AI-assisted step. */
export function bedrockStep(access: BedrockAccess, meterAiStep: (id: string) => Promise<void>) {
  return stepHandler(bedrockInputsSchema, async (inputs, context) => {
    if (access.modelIds.length === 0) throw new StepError('inputs.modelId: Bedrock is off in this workspace; set EnableBedrock and list the model in BedrockModelIds', { retryable: false });
    if (!access.modelIds.includes(inputs.modelId)) {
      throw new StepError(`inputs.modelId: ${inputs.modelId} is not one of the workspace's Bedrock models (${access.modelIds.join(', ')})`, { retryable: false });
    }
    let response;
    try {
      response = await access.client.send(new ConverseCommand({
        modelId: inputs.modelId,
        messages: [{ role: 'user', content: [{ text: inputs.prompt }] }],
        system: inputs.system ? [{ text: inputs.system }] : undefined,
        inferenceConfig: { maxTokens: inputs.maxTokens, temperature: inputs.temperature },
        guardrailConfig: access.guardrail ? { guardrailIdentifier: access.guardrail.id, guardrailVersion: access.guardrail.version } : undefined,
      }), { abortSignal: context.signal });
    } catch (error) {
      if (context.signal.aborted) throw context.signal.reason;
      const { name, message } = error as Error;
      throw new StepError(`Bedrock Converse failed: ${name}: ${message}`, { retryable: name === 'ThrottlingException' || name === 'ServiceUnavailableException' || name === 'ModelNotReadyException' || name === 'InternalServerException' });
    }
    await meterAiStep(context.idempotencyKey);
    const text = (response.output?.message?.content ?? []).map((block) => block.text ?? '').join('');
    return { output: { text, stopReason: response.stopReason, usage: response.usage } };
  });
}
