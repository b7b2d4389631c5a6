import { z } from 'zod';
import { credentialNameSchema } from './step-inputs';

/**
 * The inputs of the connectors of seed 001 (Slack, NVD, SuperOps), which are `http` steps with a
 * typed form. `baseUrl` points a connector at a proxy or a local stand-in; the default is the
 * service's public endpoint.
 */

const baseUrl = z.string().max(2048).url().refine((url) => /^https?:\/\//i.test(url), 'must be an http:// or https:// URL');

/** Slack blocks, passed through as Slack's Block Kit defines them. */
const blocks = z.array(z.record(z.string(), z.unknown())).max(50);

export const slackInputsSchema = z.discriminatedUnion('operation', [
  z.object({
    /** An incoming webhook; the credential holds its `https://hooks.slack.com/services/...` URL. */
    operation: z.literal('webhook'),
    credential: credentialNameSchema,
    text: z.string().min(1).max(40_000),
    blocks: blocks.optional(),
  }).strict(),
  z.object({
    /** `chat.postMessage` with a bot token (`xoxb-...`) held by the credential. */
    operation: z.literal('post-message'),
    credential: credentialNameSchema,
    channel: z.string().min(1).max(256),
    text: z.string().min(1).max(40_000),
    blocks: blocks.optional(),
    threadTs: z.string().max(64).optional(),
    baseUrl: baseUrl.default('https://slack.com/api'),
  }).strict(),
]);

export const NVD_SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;

export const nvdInputsSchema = z.discriminatedUnion('operation', [
  z.object({
    operation: z.literal('get-cve'),
    cveId: z.string().regex(/^CVE-\d{4}-\d{4,}$/, 'must be a CVE ID such as CVE-2024-3094'),
    /** An NVD API key (sent as the apiKey header) raises the rate limit. @default - no key */
    credential: credentialNameSchema.optional(),
    baseUrl: baseUrl.default('https://services.nvd.nist.gov/rest/json/cves/2.0'),
  }).strict(),
  z.object({
    /** CVEs published in the last `days` days (NVD allows at most 120). */
    operation: z.literal('recent'),
    days: z.number().int().min(1).max(120).default(1),
    severity: z.enum(NVD_SEVERITIES).optional(),
    limit: z.number().int().min(1).max(2000).default(100),
    credential: credentialNameSchema.optional(),
    baseUrl: baseUrl.default('https://services.nvd.nist.gov/rest/json/cves/2.0'),
  }).strict(),
]);

const superOpsCommon = {
  /** The API token, sent as `Authorization: Bearer`. */
  credential: credentialNameSchema,
  /** The MSP's SuperOps subdomain, sent as the `CustomerSubDomain` header. */
  subdomain: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be your SuperOps subdomain (the part before .superops.ai)'),
  baseUrl: baseUrl.default('https://api.superops.ai/msp'),
};

export const superOpsInputsSchema = z.discriminatedUnion('operation', [
  z.object({
    operation: z.literal('list-alerts'),
    page: z.number().int().min(1).default(1),
    pageSize: z.number().int().min(1).max(100).default(50),
    ...superOpsCommon,
  }).strict(),
  z.object({
    operation: z.literal('create-ticket'),
    subject: z.string().min(1).max(500),
    description: z.string().max(20_000).optional(),
    /** The SuperOps client account the ticket belongs to. */
    clientId: z.string().min(1).max(64),
    ...superOpsCommon,
  }).strict(),
  z.object({
    operation: z.literal('resolve-alerts'),
    alertIds: z.array(z.string().min(1).max(64)).min(1).max(100),
    ...superOpsCommon,
  }).strict(),
]);
