/** How severe a patched vulnerability or an alert is, as the patch or alert source rates it. */
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
