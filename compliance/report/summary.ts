import { ControlStatus, FrameworkResult } from '../lib/evaluate';
import { RESPONSIBILITIES, Responsibility } from '../lib/mapping';

/** Counts of one framework's controls by responsibility and by status. */
export interface FrameworkSummary {
  readonly controls: number;
  readonly byResponsibility: Record<Responsibility, number>;
  readonly byStatus: Record<ControlStatus, number>;
  /** Controls with at least one automated check or tool rule. */
  readonly automated: number;
}

/** The summary figures of one framework. */
export function summarize(framework: FrameworkResult): FrameworkSummary {
  const byResponsibility = Object.fromEntries(RESPONSIBILITIES.map((r) => [r, 0])) as Record<Responsibility, number>;
  const byStatus: Record<ControlStatus, number> = { compliant: 0, 'non-compliant': 0, 'not-applicable': 0, 'not-automated': 0 };
  for (const control of framework.controls) {
    byResponsibility[control.mapping.responsibility] += 1;
    byStatus[control.status] += 1;
  }
  return { controls: framework.controls.length, byResponsibility, byStatus, automated: framework.controls.length - byStatus['not-automated'] };
}
