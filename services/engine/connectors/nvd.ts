import { nvdInputsSchema } from '../../workspace-data/definition/connector-inputs';
import { IntegrationCredentials } from '../credentials';
import { sendHttp } from '../steps/http-call';
import { stepHandler } from '../steps/step-handler';

/** One CVE as NVD's CVE API 2.0 describes it, cut to what bots act on. */
export interface CveSummary {
  readonly id: string;
  readonly published?: string;
  readonly description?: string;
  readonly baseScore?: number;
  readonly baseSeverity?: string;
  readonly vector?: string;
}

interface NvdCve {
  id: string;
  published?: string;
  descriptions?: { lang: string; value: string }[];
  metrics?: { cvssMetricV31?: { type?: string; cvssData: { baseScore: number; baseSeverity: string; vectorString: string } }[] };
}

/** NVD dates: extended ISO-8601 with milliseconds, UTC. */
const nvdDate = (epochMs: number) => new Date(epochMs).toISOString();

/** `nvd`: look up one CVE, or list those published in the last days (optionally of one CVSS v3 severity). */
export function nvdStep(credentials: IntegrationCredentials) {
  return stepHandler(nvdInputsSchema, async (inputs, context) => {
    const url = new URL(inputs.baseUrl);
    if (inputs.operation === 'get-cve') {
      url.searchParams.set('cveId', inputs.cveId);
    } else {
      const end = context.now();
      url.searchParams.set('pubStartDate', nvdDate(end - inputs.days * 86_400_000));
      url.searchParams.set('pubEndDate', nvdDate(end));
      url.searchParams.set('resultsPerPage', String(inputs.limit));
      if (inputs.severity) url.searchParams.set('cvssV3Severity', inputs.severity);
    }
    const headers: Record<string, string> = {};
    if (inputs.credential) headers.apiKey = await credentials.get(inputs.credential, { runId: context.run.runId, stepId: context.stepId }, 'inputs.credential');
    const { body } = await sendHttp({ method: 'GET', url: url.toString(), headers }, context.signal, context.idempotencyKey);
    const page = body as { totalResults?: number; vulnerabilities?: { cve: NvdCve }[] };
    const cves = (page.vulnerabilities ?? []).map(({ cve }) => summarize(cve));
    return { output: { totalResults: page.totalResults ?? cves.length, cves } };
  });
}

function summarize(cve: NvdCve): CveSummary {
  const metrics = cve.metrics?.cvssMetricV31 ?? [];
  const primary = metrics.find((metric) => metric.type === 'Primary') ?? metrics[0];
  return {
    id: cve.id,
    published: cve.published,
    description: cve.descriptions?.find((description) => description.lang === 'en')?.value,
    baseScore: primary?.cvssData.baseScore,
    baseSeverity: primary?.cvssData.baseSeverity,
    vector: primary?.cvssData.vectorString,
  };
}
