/** One reader of synthesized CloudFormation templates, for the diagram, the compliance checks, the tests and the QA harness. */
export { conditionHolds, createdResources } from './conditions';
export { resolveValue } from './intrinsics';
export type { StackLaunch } from './launch';
export { parameterValue, valueRange } from './parameters';
export { referencedIds, referencedOfType, referencesResource, referencesType, referenceTarget } from './references';
export { allConditional, asList, readTemplate, resourcesOfType } from './template';
export type { CloudFormationTemplate, TemplateOutput, TemplateParameter, TemplateResource, TemplateRule } from './template';
