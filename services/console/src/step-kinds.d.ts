declare module 'virtual:step-kinds' {
  import type { StepKindEntry } from '../../workspace-data/definition/step-catalog';
  const kinds: StepKindEntry[];
  export default kinds;
}
