import { HttpStandIn, startHttpStandIn } from './http-stand-in';

/** A CVE in NVD's CVE API 2.0 format. */
export function nvdCve(id: string, published: string, baseScore: number, baseSeverity: string) {
  return {
    cve: {
      id, sourceIdentifier: 'cve@mitre.org', published, lastModified: published, vulnStatus: 'Analyzed',
      descriptions: [{ lang: 'en', value: `${id}: a vulnerability` }, { lang: 'es', value: `${id}: una vulnerabilidad` }],
      metrics: { cvssMetricV31: [{ source: 'nvd@nist.gov', type: 'Primary', cvssData: { version: '3.1', vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', baseScore, baseSeverity } }] },
    },
  };
}

/**
 * NVD's CVE API 2.0 at `/rest/json/cves/2.0`: `cveId` for one CVE; `pubStartDate` and `pubEndDate`
 * together (at most 120 days apart, else 404 as NVD answers), `cvssV3Severity`, `resultsPerPage`
 * (at most 2000) for a page; the response carries `resultsPerPage`, `startIndex`, `totalResults`, `vulnerabilities`.
 */
export function startNvdStandIn(cves: ReturnType<typeof nvdCve>[]): Promise<HttpStandIn> {
  return startHttpStandIn((request) => {
    if (request.path !== '/rest/json/cves/2.0') return { status: 404, body: 'not found' };
    const query = request.query;
    let found = cves;
    const cveId = query.get('cveId');
    if (cveId) found = found.filter(({ cve }) => cve.id === cveId);
    const start = query.get('pubStartDate');
    const end = query.get('pubEndDate');
    if ((start === null) !== (end === null)) return { status: 404, body: 'pubStartDate and pubEndDate must be used together' };
    if (start && end) {
      if (Date.parse(end) - Date.parse(start) > 120 * 86_400_000) return { status: 404, body: 'the date range may be at most 120 days' };
      found = found.filter(({ cve }) => Date.parse(cve.published) >= Date.parse(start) && Date.parse(cve.published) <= Date.parse(end));
    }
    const severity = query.get('cvssV3Severity');
    if (severity) found = found.filter(({ cve }) => cve.metrics.cvssMetricV31[0].cvssData.baseSeverity === severity);
    const perPage = Math.min(Number(query.get('resultsPerPage') ?? 2000), 2000);
    return { body: { resultsPerPage: Math.min(perPage, found.length), startIndex: 0, totalResults: found.length, format: 'NVD_CVE', version: '2.0', timestamp: new Date().toISOString(), vulnerabilities: found.slice(0, perPage) } };
  });
}
