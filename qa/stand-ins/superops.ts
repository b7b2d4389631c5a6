import { HttpStandIn, startHttpStandIn } from './http-stand-in';

export const SUPEROPS_TOKEN = 'superops-local-token';
export const SUPEROPS_SUBDOMAIN = 'acme-msp';

/** One SuperOps alert as `getAlertList` returns it (`asset` is a JSON scalar). */
export interface SuperOpsAlert {
  id: string;
  message: string;
  description: string;
  severity: string;
  status: string;
  createdTime: string;
  asset: Record<string, unknown>;
}

/**
 * SuperOps' MSP GraphQL API at `/msp`: it needs `Authorization: Bearer` and `CustomerSubDomain` (400
 * with an empty body without it), answers errors in `errors` with HTTP 200, and serves `getAlertList`,
 * `createTicket` (subject, client and source required) and `resolveAlerts`.
 */
export function startSuperOpsStandIn(alerts: SuperOpsAlert[]): Promise<HttpStandIn & { tickets: unknown[] }> {
  const tickets: unknown[] = [];
  return startHttpStandIn((request) => {
    if (request.path !== '/msp') return { status: 404, body: 'not found' };
    if (!request.headers.customersubdomain) return { status: 400, body: '' };
    if (request.headers.authorization !== `Bearer ${SUPEROPS_TOKEN}` || request.headers.customersubdomain !== SUPEROPS_SUBDOMAIN) {
      return { body: { errors: [{ message: 'Unauthorized' }], data: null } };
    }
    const { query, variables } = JSON.parse(request.body) as { query: string; variables: { input: any } };
    if (query.includes('getAlertList')) {
      const { page = 1, pageSize = 50 } = variables.input ?? {};
      const slice = alerts.slice((page - 1) * pageSize, page * pageSize);
      return { body: { data: { getAlertList: { alerts: slice, listInfo: { page, pageSize, hasMore: page * pageSize < alerts.length, totalCount: alerts.length } } } } };
    }
    if (query.includes('createTicket')) {
      const input = variables.input ?? {};
      if (!input.subject || !input.source || !input.client?.accountId) return { body: { errors: [{ message: 'subject, client and source are required' }], data: null } };
      tickets.push(input);
      return { body: { data: { createTicket: { ticketId: String(1000 + tickets.length), displayId: `T-${tickets.length}`, subject: input.subject, status: 'Open' } } } };
    }
    if (query.includes('resolveAlerts')) {
      for (const { id } of variables.input as { id: string }[]) {
        const alert = alerts.find((candidate) => candidate.id === id);
        if (alert) alert.status = 'Resolved';
      }
      return { body: { data: { resolveAlerts: true } } };
    }
    return { body: { errors: [{ message: 'unknown operation' }], data: null } };
  }).then((standIn) => Object.assign(standIn, { tickets }));
}
