import { Statement } from '../lib/statements';

/** A statement as the report and the OSCAL file print it: one that began after the first release says since when, before its full stop. */
export function markedText(statement: Statement): string {
  return statement.since === undefined ? statement.text : statement.text.replace(/([.!?]?)$/, ` (since ${statement.since})$1`);
}

/** Statements as one paragraph, each marked. */
export function markedParagraph(statements: readonly Statement[]): string {
  return statements.map(markedText).join(' ');
}
