/** The port the metering sidecar listens on, on the task's loopback interface. */
export const METERING_PORT = 8080;

/**
 * The custom pricing dimensions of the Marketplace listing the sidecar may report (at most 24): each
 * automation run, and each AI-assisted step sent to Amazon Bedrock.
 */
export const METERING_DIMENSIONS = ['AutomationRuns', 'AiAssistedSteps'];
