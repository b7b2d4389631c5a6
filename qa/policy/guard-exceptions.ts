/**
 * Control Tower rules disabled for every template, by rule file ID (`ct-<service>-pr-<n>`), each with the
 * reason. A rule that is wrong for one
 * resource only is accepted on that resource instead (Metadata.guard.SuppressedRules, with its reason).
 */
export const DISABLED_GUARD_RULES: Record<string, string> = {
  'ct-cloudwatch-pr-2': // CT.CLOUDWATCH.PR.2, log group retention of at least a year
    'Every log group keeps events for the LogRetentionDays parameter, whose allowed values start at 365 days (tested); cfn-guard cannot compare a parameter reference to a number.',
  'ct-documentdb-pr-2': // CT.DOCUMENTDB.PR.2, backups kept at least 7 days
    'The DocumentDB backup retention is the DocumentDbBackupRetentionDays parameter, with a minimum of 7 days (tested); cfn-guard cannot compare a parameter reference to a number.',
};
