import * as semver from 'semver';
import { z } from 'zod';

/** The first release: a statement true in it is true in every version, so it carries no `since`. */
export const FIRST_RELEASE = '1.0.0';

const text = z.string().trim().min(1);

const since = z.string().superRefine((version, context) => {
  if (semver.valid(version) !== version) {
    context.addIssue({ code: 'custom', message: `must be a version such as 1.2.0, got "${version}"` });
  } else if (semver.lte(version, FIRST_RELEASE)) {
    context.addIssue({ code: 'custom', message: `${version} is not later than the first release ${FIRST_RELEASE}; write a statement of every version as plain text` });
  }
});

/**
 * One statement of a mapping. A plain string holds in every version; `{ since: 1.2.0, text: ... }`
 * holds from that version on.
 */
export const StatementSchema = z.preprocess((value) => (typeof value === 'string' ? { text: value } : value), z.strictObject({
  /** The version the statement holds from, later than {@link FIRST_RELEASE}. @default - every version */
  since: since.optional(),
  /** The statement, readable on its own. */
  text,
}));

/** One or more statements; a plain string is one statement that holds in every version. */
export const StatementsSchema = z.preprocess((value) => (typeof value === 'string' ? [value] : value), z.array(StatementSchema).min(1));

export type Statement = z.infer<typeof StatementSchema>;

/** The statements that hold in `version`: those without `since` and those whose `since` is at or below it, in order. */
export function statementsHoldingIn(statements: readonly Statement[], version: string): Statement[] {
  return statements.filter((statement) => statement.since === undefined || semver.lte(statement.since, version));
}
