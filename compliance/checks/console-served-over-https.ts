import { Check, observe, verdict } from '../lib/check';
import { resourcesOfType } from '../../product/cloudformation';

/** Viewer protocol policies that never serve a page over plain HTTP. */
const HTTPS_ONLY = ['redirect-to-https', 'https-only'];

/**
 * Every CloudFront distribution serves viewers over HTTPS only, reads its S3 origins through origin
 * access control (signed requests, so the bucket stays private), and sends HSTS with its responses.
 */
export const check: Check = {
  id: 'console-served-over-https',
  title: 'Every CloudFront distribution serves HTTPS only, reads S3 through origin access control, and sends HSTS',
  evaluate(template) {
    const evidence = resourcesOfType(template, 'AWS::CloudFront::Distribution').flatMap(([id, distribution]) => {
      const config = distribution.Properties?.DistributionConfig ?? {};
      const behaviours = [config.DefaultCacheBehavior, ...(config.CacheBehaviors ?? [])];
      const s3Origins = (config.Origins ?? []).filter((origin: Record<string, unknown>) => origin.S3OriginConfig);
      const headers = template.Resources[behaviours[0]?.ResponseHeadersPolicyId?.Ref ?? '']?.Properties?.ResponseHeadersPolicyConfig;
      const hsts = headers?.SecurityHeadersConfig?.StrictTransportSecurity;
      return [
        ...behaviours.map((behaviour, index) => observe(id, `${index === 0 ? 'DefaultCacheBehavior' : `CacheBehaviors.${index - 1}`}.ViewerProtocolPolicy`, behaviour?.ViewerProtocolPolicy, HTTPS_ONLY.includes(behaviour?.ViewerProtocolPolicy))),
        ...s3Origins.map((origin: Record<string, unknown>, index: number) => observe(id, `Origins.${index}.OriginAccessControlId`, origin.OriginAccessControlId ?? null, origin.OriginAccessControlId !== undefined)),
        observe(id, 'DefaultCacheBehavior.ResponseHeadersPolicyId (StrictTransportSecurity)', hsts ?? null, Number(hsts?.AccessControlMaxAgeSec) >= 31_536_000),
      ];
    });
    return verdict(evidence, 'the template has no CloudFront distribution');
  },
};
