/**
 * The console's Content-Security-Policy: its own files, and connections only to the workspace API and
 * the managed login's token endpoint. The template's CloudFront response-headers policy and the local
 * workspace send the same one (origins may be CloudFormation tokens: they are only joined).
 */
export function consoleContentSecurityPolicy(apiOrigin: string, signInOrigin: string): string {
  return [
    "default-src 'self'",
    `connect-src 'self' ${apiOrigin} ${signInOrigin}`,
    "script-src 'self'",
    // CodeMirror and Chart.js set element styles at run time.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self' ${signInOrigin}`,
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The other security headers the console is served with, as the response-headers policy sets them. */
export const CONSOLE_SECURITY_HEADERS = {
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
} as const;
