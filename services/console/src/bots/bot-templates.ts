import type { WorkflowInput } from '../api/types';

/** A starting point on the Bots screen's "New from template". */
export interface BotTemplate {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly bot: WorkflowInput;
}

/** Seed 001's automations, ready to adjust (credentials name keys of the integration credentials secret). */
export const BOT_TEMPLATES: readonly BotTemplate[] = [
  {
    id: 'critical-cves-to-slack',
    title: 'Critical CVEs from NVD to Slack',
    summary: 'Every hour, the CVEs NVD published in the last day with CVSS v3 severity CRITICAL, posted to a Slack channel.',
    bot: {
      name: 'Critical CVEs to Slack',
      description: 'Every hour: the CVEs NVD published in the last day with CVSS v3 severity CRITICAL, posted to #secops.',
      schedule: 'rate(1 hour)',
      steps: [
        { id: 'recent', name: 'Recent critical CVEs', kind: 'nvd', inputs: { operation: 'recent', days: 1, severity: 'CRITICAL' } },
        { id: 'anyNew', name: 'Any new?', kind: 'condition', inputs: { expression: 'steps.recent.totalResults > 0', then: 'tell', else: 'quiet' } },
        { id: 'quiet', name: 'Nothing new', kind: 'transform', inputs: { expression: '"no critical CVEs today"' }, end: true },
        {
          id: 'tell', name: 'Post to #secops', kind: 'slack',
          inputs: { operation: 'webhook', credential: 'slack-secops', text: '{% $join(steps.recent.cves.(id & " (" & $string(baseScore) & ")"), ", ") %}' },
        },
      ],
    },
  },
  {
    id: 'superops-alert-remediation',
    title: 'SuperOps alert remediation with approval',
    summary: 'Every 15 minutes, the open SuperOps alerts; resolving them waits for a person\'s approval when the risk assessment asks for one.',
    bot: {
      name: 'SuperOps alert remediation',
      description: 'Every 15 minutes: resolve the open SuperOps alerts, after approval when the risk assessment asks for it, and tell #noc.',
      schedule: 'rate(15 minutes)',
      steps: [
        { id: 'alerts', name: 'Open alerts', kind: 'superops', inputs: { operation: 'list-alerts', pageSize: 50, credential: 'superops-api', subdomain: 'your-msp' } },
        { id: 'anyOpen', name: 'Any open?', kind: 'condition', inputs: { expression: '$count(steps.alerts.alerts[status = "OPEN"]) > 0', then: 'remediate', else: 'calm' } },
        { id: 'calm', name: 'Nothing open', kind: 'transform', inputs: { expression: '"no open alerts"' }, end: true },
        {
          id: 'remediate', name: 'Resolve, after approval', kind: 'approval',
          inputs: {
            title: 'Resolve the open SuperOps alerts', kind: 'alert', severity: 'high',
            targets: '{% [steps.alerts.alerts[status = "OPEN"].id] %}',
            action: { id: 'resolve', kind: 'superops', inputs: { operation: 'resolve-alerts', alertIds: '{% [steps.alerts.alerts[status = "OPEN"].id] %}', credential: 'superops-api', subdomain: 'your-msp' } },
            rollback: { id: 'reopen', kind: 'superops', inputs: { operation: 'create-ticket', subject: 'Alert remediation rolled back', clientId: 'your-client', credential: 'superops-api', subdomain: 'your-msp' } },
          },
        },
        { id: 'tell', name: 'Tell #noc', kind: 'notify', inputs: { channel: 'slack', credential: 'slack-noc', message: '{% "Alert remediation approved and applied: " & $join(steps.alerts.alerts[status = "OPEN"].id, ", ") %}' } },
      ],
    },
  },
];
