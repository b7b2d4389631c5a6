/**
 * What the workspace template and the console publisher agree on: the custom resource's properties.
 * The function's archive carries the console's built files under {@link PUBLISHED_DIRECTORY}.
 */
export interface ConsolePublicationProperties {
  /** The console bucket the files and `/config.json` are written to. */
  readonly BucketName: string;
  /** The `ConsoleConfig` (services/console/contract.ts) as JSON text; a change republishes. */
  readonly Config: string;
}

/** The custom resource type of the publication. */
export const CONSOLE_PUBLICATION_TYPE = 'Custom::ConsolePublication';

/** Where the console's files are in the function's archive (beside index.js). */
export const PUBLISHED_DIRECTORY = 'console';

/** The console's path of the version's compliance report, which the archive carries with the app. */
export const COMPLIANCE_REPORT_PATH = '/compliance-report.html';
