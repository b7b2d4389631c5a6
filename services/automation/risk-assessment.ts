import { AutomationRequest } from './automation-request';

export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = typeof RISK_LEVELS[number];

/** A model's view of the risk; it can only raise the policy's level, never lower it. */
export interface ModelOpinion {
  readonly level: RiskLevel;
  readonly reason: string;
}

/** Called once after each model call that returned: an AI-assisted step, billed whatever the answer. */
export type ModelCallMeter = () => Promise<void>;

/**
 * Asks a model about a request; undefined when no model is configured or its answer was unusable.
 * After a model call returns it awaits `meter`, so a failure to record the usage fails the step.
 */
export type RiskAdvisor = (request: AutomationRequest, policyLevel: RiskLevel, meter?: ModelCallMeter) => Promise<ModelOpinion | undefined>;

/** The outcome of the assessment step. */
export interface RiskAssessment {
  readonly level: RiskLevel;
  /** 0 to 10: the CVSS score, or the severity's typical score, raised for a wide blast radius. */
  readonly score: number;
  readonly reasons: string[];
  readonly approvalRequired: boolean;
  /** Whether a model was asked and answered. */
  readonly modelConsulted: boolean;
}

const SEVERITY_SCORES: Record<AutomationRequest['severity'], number> = { low: 2, medium: 5, high: 7.5, critical: 9.5 };
/** More targets than this widen the blast radius by one point; more than ten times this, by two. */
export const WIDE_BLAST_RADIUS = 10;

/**
 * The workspace's risk policy: severity (or CVSS) plus blast radius gives a score; 7 or more is high
 * risk, 4 or more medium. Anything above low risk, and anything the requester flagged, waits for a
 * person. A model, when configured, may raise the level with its reason, never lower it; each call to
 * it is reported to `meter`.
 */
export async function assessRisk(request: AutomationRequest, advisor?: RiskAdvisor, meter?: ModelCallMeter): Promise<RiskAssessment> {
  const reasons: string[] = [];
  let score = request.cvssScore ?? SEVERITY_SCORES[request.severity];
  reasons.push(request.cvssScore === undefined ? `severity ${request.severity}` : `CVSS ${request.cvssScore}`);
  const widening = request.targets.length > WIDE_BLAST_RADIUS * 10 ? 2 : request.targets.length > WIDE_BLAST_RADIUS ? 1 : 0;
  if (widening > 0) reasons.push(`${request.targets.length} targets`);
  score = Math.min(10, score + widening);
  let level: RiskLevel = score >= 7 ? 'high' : score >= 4 ? 'medium' : 'low';
  const opinion = advisor ? await advisor(request, level, meter) : undefined;
  if (opinion && RISK_LEVELS.indexOf(opinion.level) > RISK_LEVELS.indexOf(level)) {
    level = opinion.level;
    reasons.push(`model: ${opinion.reason}`);
  }
  if (request.requireApproval) reasons.push('approval requested');
  return { level, score, reasons, approvalRequired: level !== 'low' || request.requireApproval === true, modelConsulted: opinion !== undefined };
}
