import { Allocation, UsageEvent } from '../ledger/ledger';
import { RequestError } from './errors';

/** The most events one POST /v1/usage may carry. */
export const MAX_EVENTS_PER_REQUEST = 1000;
/** MeterUsage's largest quantity (and so the largest an event may carry). */
export const MAX_QUANTITY = 2_147_483_647;
/** Timestamps further ahead than this are refused (clock skew beyond it is a bug in the sender). */
export const MAX_FUTURE_MS = 5 * 60_000;
const MAX_ID_LENGTH = 64;
const MAX_ALLOCATIONS = 2500;
const MAX_TAGS = 5;
const TAG_TEXT = /^[a-zA-Z0-9+ \-=._:/@]+$/;
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const EVENT_FIELDS = new Set(['dimension', 'quantity', 'timestamp', 'id', 'allocations']);

/**
 * Validates a request body (one event or an array of up to 1,000) and returns the events; throws a
 * RequestError naming the first bad field (`[3].quantity` in arrays) so that nothing of a bad request is stored.
 */
export function parseUsageEvents(body: unknown, dimensions: ReadonlySet<string>, now: number): UsageEvent[] {
  if (!Array.isArray(body)) return [parseEvent(body, undefined, dimensions, now)];
  if (body.length === 0 || body.length > MAX_EVENTS_PER_REQUEST) {
    throw new RequestError(400, 'invalid_batch', `an array must hold 1 to ${MAX_EVENTS_PER_REQUEST} events; it holds ${body.length}`, 'body');
  }
  return body.map((event, index) => parseEvent(event, index, dimensions, now));
}

function invalid(field: string, message: string, code = 'invalid_field'): RequestError {
  return new RequestError(400, code, message, field);
}

/** The name of a field of the event at `index` of an array (`[3].quantity`), or of the single event; made only for an error. */
function fieldOf(index: number | undefined, field: string): string {
  return index === undefined ? field : `[${index}].${field}`;
}

function parseEvent(value: unknown, index: number | undefined, dimensions: ReadonlySet<string>, now: number): UsageEvent {
  if (!isObject(value)) throw invalid(index === undefined ? 'body' : `[${index}]`, 'an event must be a JSON object with dimension and quantity');
  for (const key in value) {
    if (!EVENT_FIELDS.has(key)) throw invalid(fieldOf(index, key), `unknown field; an event has ${[...EVENT_FIELDS].join(', ')}`, 'unknown_field');
  }
  const { dimension, quantity, timestamp, id, allocations } = value;
  if (typeof dimension !== 'string') throw invalid(fieldOf(index, 'dimension'), 'dimension is required and must be a string', 'required');
  if (!dimensions.has(dimension)) throw invalid(fieldOf(index, 'dimension'), `unknown dimension ${JSON.stringify(dimension.slice(0, 64))}; allowed: ${[...dimensions].join(', ')}`, 'unknown_dimension');
  const count = parseQuantity(quantity, () => fieldOf(index, 'quantity'));
  const event: { -readonly [K in keyof UsageEvent]: UsageEvent[K] } = { dimension, quantity: count, timestamp: parseTimestamp(timestamp, index, now) };
  if (id !== undefined) {
    if (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID_LENGTH) throw invalid(fieldOf(index, 'id'), `id must be a string of 1 to ${MAX_ID_LENGTH} characters`);
    event.id = id;
  }
  if (allocations !== undefined) event.allocations = parseAllocations(allocations, fieldOf(index, 'allocations'), count);
  return event;
}

function parseQuantity(value: unknown, field: () => string): number {
  if (value === undefined) throw invalid(field(), 'quantity is required', 'required');
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_QUANTITY) {
    throw invalid(field(), `must be a whole number from 0 to ${MAX_QUANTITY}`);
  }
  return value;
}

function parseTimestamp(value: unknown, index: number | undefined, now: number): number {
  if (value === undefined) return now;
  const epoch = typeof value === 'string' && ISO_8601.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(epoch)) throw invalid(fieldOf(index, 'timestamp'), 'must be an ISO-8601 date-time with a zone, such as 2026-11-23T20:15:00Z');
  if (epoch > now + MAX_FUTURE_MS) throw invalid(fieldOf(index, 'timestamp'), 'is more than 5 minutes in the future; check the sender\'s clock', 'timestamp_in_future');
  return epoch;
}

function parseAllocations(value: unknown, field: string, quantity: number): Allocation[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_ALLOCATIONS) throw invalid(field, `must be an array of 1 to ${MAX_ALLOCATIONS} allocations`);
  const allocations = value.map((allocation, index) => parseAllocation(allocation, `${field}[${index}]`));
  const total = allocations.reduce((sum, allocation) => sum + allocation.quantity, 0);
  if (total !== quantity) throw invalid(field, `allocation quantities add up to ${total}, not to the event's quantity ${quantity}`, 'allocations_mismatch');
  return allocations;
}

function parseAllocation(value: unknown, field: string): Allocation {
  if (!isObject(value)) throw invalid(field, 'an allocation must be an object with quantity and tags');
  for (const key of Object.keys(value)) if (key !== 'quantity' && key !== 'tags') throw invalid(`${field}.${key}`, 'unknown field; an allocation has quantity and tags', 'unknown_field');
  const quantity = parseQuantity(value.quantity, () => `${field}.quantity`);
  const { tags } = value;
  if (!isObject(tags)) throw invalid(`${field}.tags`, 'tags is required and must be an object of 1 to 5 key/value strings', 'required');
  const entries = Object.entries(tags);
  if (entries.length === 0 || entries.length > MAX_TAGS) throw invalid(`${field}.tags`, `must hold 1 to ${MAX_TAGS} tags`);
  for (const [key, tagValue] of entries) {
    if (key.length > 100 || !TAG_TEXT.test(key)) throw invalid(`${field}.tags.${key}`, 'a tag key is 1 to 100 letters, digits, spaces or + - = . _ : / @');
    if (typeof tagValue !== 'string' || tagValue.length > 256 || !TAG_TEXT.test(tagValue)) throw invalid(`${field}.tags.${key}`, 'a tag value is a string of 1 to 256 letters, digits, spaces or + - = . _ : / @');
  }
  return { quantity, tags: JSON.stringify(entries.sort(([a], [b]) => (a < b ? -1 : 1))) };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
