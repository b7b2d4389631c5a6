import { spawnSync } from 'node:child_process';
import { basename, join } from 'node:path';
import { iamAction, isConditionKeyOf, isIamService } from './iam-reference';
import { policyDocumentsOf } from './policy-documents';
import { PARLIAMENT_SKIPS, ParliamentSkip } from './parliament-skips';
import type { StaticFinding } from './static-finding';

/** The Python of parliament's virtual environment (qa/requirements/parliament.txt). */
const PYTHON = join(__dirname, '../.venv/parliament/bin/python');
const RUNNER = join(__dirname, 'parliament_run.py');

/** One finding parliament reports on one policy. */
export interface ParliamentFinding {
  readonly template: string;
  /** The logical ID of the resource holding the policy. */
  readonly resource: string;
  /** `<template>: <logical ID> (<launch>)`. */
  readonly policy: string;
  readonly issue: string;
  readonly title: string;
  readonly detail: string;
}

/** Whether IAM knows what parliament's older data calls unknown: the service prefix, the action or the action's condition key. */
function knownToIam(finding: ParliamentFinding): boolean {
  const detail = JSON.parse(finding.detail) as unknown;
  if (typeof detail !== 'string') return false;
  const prefix = /^Unknown prefix ([\w-]+)/.exec(detail)?.[1];
  if (finding.issue === 'UNKNOWN_PREFIX' && prefix) return isIamService(prefix);
  const action = /^Unknown action ([\w-]+:\w+)/.exec(detail)?.[1];
  if (finding.issue === 'UNKNOWN_ACTION' && action) return iamAction(action) !== undefined;
  const [, key, conditioned] = /^Unknown condition ([\w-]+:\w+) for action ([\w-]+:\w+)/.exec(detail) ?? [];
  return finding.issue === 'UNKNOWN_CONDITION_FOR_ACTION' && Boolean(key) && isConditionKeyOf(key, conditioned);
}

/** Runs parliament (with its community auditors) on every identity and resource policy of the template files. */
export function parliamentFindings(templates: string[]): ParliamentFinding[] {
  const policies = templates.flatMap((template) => policyDocumentsOf(template).map((policy) => ({ ...policy, template })));
  const run = spawnSync(PYTHON, [RUNNER], { input: JSON.stringify(policies), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`parliament (${PYTHON}) did not run: ${run.stderr || run.error}; npm ci installs it (qa/bin/install-python-tools)`);
  const byName = new Map(policies.map((policy) => [policy.name, policy]));
  return (JSON.parse(run.stdout) as { name: string; issue: string; title: string; detail: string }[])
    .map((finding) => ({ ...finding, policy: finding.name, template: byName.get(finding.name)!.template, resource: byName.get(finding.name)!.resource }))
    .filter((finding) => !knownToIam(finding));
}

function covers(skip: ParliamentSkip, finding: ParliamentFinding): boolean {
  return skip.issue === finding.issue && skip.template === basename(finding.template) && skip.resources.includes(finding.resource);
}

/** parliament's findings no skip covers, and the skips that cover no finding, as static findings. */
export function parliamentStaticFindings(templates: string[], skips: readonly ParliamentSkip[] = PARLIAMENT_SKIPS): StaticFinding[] {
  const findings = parliamentFindings(templates);
  const unskipped = findings.filter((finding) => !skips.some((skip) => covers(skip, finding))).map((finding): StaticFinding => ({
    tool: 'parliament', template: finding.template, rule: finding.issue, subject: finding.resource,
    message: `${finding.policy}: ${finding.title || finding.issue} ${finding.detail}: fix the policy, or accept it in qa/policy/parliament-skips.ts with the reason`,
  }));
  const unused = templates.flatMap((template) => skips.filter((skip) => skip.template === basename(template)).flatMap((skip) =>
    skip.resources.filter((resource) => !findings.some((finding) => finding.template === template && finding.issue === skip.issue && finding.resource === resource))
      .map((resource): StaticFinding => ({
        tool: 'parliament', template, rule: skip.issue, subject: resource,
        message: 'accepted in qa/policy/parliament-skips.ts, but parliament no longer reports it here; drop the skip',
      }))));
  return [...unskipped, ...unused];
}
