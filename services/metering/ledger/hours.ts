/** One hour in milliseconds: Marketplace meters usage per clock hour (UTC). */
export const HOUR_MS = 3_600_000;

/** MeterUsage accepts timestamps up to 6 hours in the past. */
export const SEND_WINDOW_MS = 6 * HOUR_MS;

/** The start (epoch ms) of the UTC hour holding `epochMs`. */
export const hourOf = (epochMs: number): number => Math.floor(epochMs / HOUR_MS) * HOUR_MS;

/** An hour start as ISO-8601 (`2026-11-23T20:00:00.000Z`), the form used in storage keys and the summary. */
export const hourIso = (hour: number): string => new Date(hour).toISOString();
