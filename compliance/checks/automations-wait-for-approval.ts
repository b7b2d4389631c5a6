import { Check, Evidence, observe, verdict } from '../lib/check';
import { asList, resourcesOfType, TemplateResource } from '../../product/cloudformation';

type States = Record<string, any>;

/** The state machine's definition as JSON; references (ARNs, partitions) become a placeholder string. */
function definitionOf(machine: TemplateResource): { States?: States } {
  const properties = machine.Properties ?? {};
  if (properties.Definition !== undefined) return properties.Definition;
  const body = properties.DefinitionString;
  if (typeof body === 'string') return JSON.parse(body);
  if (Array.isArray(body?.['Fn::Join'])) {
    const [separator, parts] = body['Fn::Join'];
    return JSON.parse(parts.map((part: unknown) => (typeof part === 'string' ? part : 'reference')).join(separator));
  }
  if (typeof body?.['Fn::Sub'] === 'string') return JSON.parse(body['Fn::Sub'].replace(/\$\{[^}]+\}/g, 'reference'));
  throw new Error(`the definition of the state machine is neither a string, Fn::Join, Fn::Sub nor an object: ${JSON.stringify(body)}`);
}

/** Every state, including those inside Parallel branches and Map iterators. */
function allStates(states: States = {}): States {
  const nested = Object.values(states).flatMap((state: any) => [
    ...asList<any>(state?.Branches).map((branch) => allStates(branch?.States)),
    allStates(state?.Iterator?.States), allStates(state?.ItemProcessor?.States),
  ]);
  return Object.assign({}, states, ...nested);
}

function approvalEvidence(id: string, name: string, state: any, states: States): Evidence[] {
  const catches = asList<any>(state.Catch);
  const timeout = catches.find((c) => asList(c?.ErrorEquals).some((e) => e === 'States.Timeout' || e === 'States.ALL'));
  const targets = catches.map((c) => c?.Next);
  return [
    observe(id, `States.${name}.TimeoutSeconds(Path)`, state.TimeoutSecondsPath ?? state.TimeoutSeconds, (state.TimeoutSecondsPath ?? state.TimeoutSeconds) !== undefined),
    observe(id, `States.${name}.Catch[States.Timeout].Next`, timeout?.Next, states[timeout?.Next]?.Type === 'Fail'),
    observe(id, `States.${name}.Catch[*].Next (each a Fail state)`, targets, targets.every((target) => states[target]?.Type === 'Fail')),
  ];
}

/**
 * Every automation state machine has a human approval step (a task that waits for a task token, sent
 * when a person decides through the API) with a time limit, and when nobody decides in time, or the
 * decision is a rejection (or any other error), the execution ends without acting.
 */
export const check: Check = {
  id: 'automations-wait-for-approval',
  title: 'Every state machine has an approval step with a time limit whose timeout and errors end the execution without acting',
  evaluate(template) {
    const evidence = resourcesOfType(template, 'AWS::StepFunctions::StateMachine').flatMap(([id, machine]) => {
      const states = allStates(definitionOf(machine).States);
      const approvals = Object.entries(states)
        .filter(([, state]) => state?.Type === 'Task' && String(state.Resource ?? '').endsWith('.waitForTaskToken'));
      return [
        observe(id, 'approval steps (tasks waiting for a task token)', approvals.map(([name]) => name), approvals.length > 0),
        ...approvals.flatMap(([name, state]) => approvalEvidence(id, name, state, states)),
      ];
    });
    return verdict(evidence, 'the template has no state machine');
  },
};
