import type { ConsoleConfig } from '../contract';

export type { ConsoleConfig };

/** Reads and checks the configuration; a wrong one stops the console with the field at fault. */
export async function loadConfig(url = '/config.json'): Promise<ConsoleConfig> {
  const response = await fetch(url, { cache: 'no-store' });
  if (!response.ok) throw new Error(`${url} answered ${response.status}; the stack writes it when it deploys the console`);
  const config = await response.json() as Partial<ConsoleConfig>;
  const need = (value: unknown, field: string) => {
    if (typeof value !== 'string' || value === '') throw new Error(`${url}: ${field} is missing; redeploy the stack to rewrite it`);
  };
  need(config.apiUrl, 'apiUrl');
  need(config.region, 'region');
  need(config.version, 'version');
  need(config.signIn?.domain, 'signIn.domain');
  need(config.signIn?.clientId, 'signIn.clientId');
  return { ...config, apiUrl: config.apiUrl!.replace(/\/+$/, '') } as ConsoleConfig;
}
