import type { Page } from 'playwright-core';

/** A JSON call to the workspace API as the signed-in user: the parsed response body. */
export type ApiCall = <T = Record<string, string>>(method: string, path: string, body?: unknown) => Promise<T>;

/** Calls the workspace API at `apiUrl` with the ID token, as the console does. */
export function apiCaller(apiUrl: string, token: string): ApiCall {
  return async <T>(method: string, path: string, body?: unknown) => {
    const response = await fetch(`${apiUrl}${path}`, {
      method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
    });
    return response.json() as Promise<T>;
  };
}

/**
 * A bot whose only step asks for approval of a high-risk patch on two instances; approved, it posts
 * `install` to `actionUrl`, rolled back, `uninstall`.
 */
export function approvalBot(name: string, actionUrl: string) {
  const action = (text: string) => ({ id: text, kind: 'http', inputs: { method: 'POST', url: actionUrl, body: { text } } });
  return {
    name,
    steps: [{
      id: 'gate', kind: 'approval',
      inputs: { title: 'Apply KB5031356 to the web tier', kind: 'patch', severity: 'high', cvssScore: 8.1, targets: ['i-0abc', 'i-0def'], action: action('install'), rollback: action('uninstall') },
    }],
  };
}

/** Opens a new bot from the template titled `title`, from any screen of the console. */
export async function openTemplate(page: Page, title: string): Promise<void> {
  await page.getByRole('link', { name: 'Bots', exact: true }).click();
  await page.getByText('New from template').click();
  await page.getByRole('button', { name: title }).click();
  await page.getByRole('heading', { name: 'New bot' }).waitFor();
}
