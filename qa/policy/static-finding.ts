/** One problem a static check found in a template. */
export interface StaticFinding {
  readonly tool: 'cfn-lint' | 'cfn-guard' | 'checkov' | 'parliament';
  readonly template: string;
  readonly rule: string;
  /** The logical ID of the resource or parameter at fault, when the finding names one. */
  readonly subject?: string;
  readonly message: string;
}
