import { Check } from '../lib/check';
import { check as alarmsNotifyOperators } from './alarms-notify-operators';
import { check as apiLogsAndTraces } from './api-logs-and-traces';
import { check as apiMethodsRequireSignIn } from './api-methods-require-sign-in';
import { check as apiRequiresModernTls } from './api-requires-modern-tls';
import { check as apiSupportsErasure } from './api-supports-erasure';
import { check as auditTrailCoversAccount } from './audit-trail-covers-account';
import { check as auditTrailValidatesLogFiles } from './audit-trail-validates-log-files';
import { check as automationsLogEveryStep } from './automations-log-every-step';
import { check as automationsWaitForApproval } from './automations-wait-for-approval';
import { check as bucketVersionsExpire } from './bucket-versions-expire';
import { check as bucketsBlockPublicAccess } from './buckets-block-public-access';
import { check as bucketsEncrypted } from './buckets-encrypted';
import { check as bucketsRequireTls } from './buckets-require-tls';
import { check as consoleServedOverHttps } from './console-served-over-https';
import { check as databaseCredentialsRotate } from './database-credentials-rotate';
import { check as databaseSubnetsIsolated } from './database-subnets-isolated';
import { check as documentdbAuditLogsExported } from './documentdb-audit-logs-exported';
import { check as documentdbBackupsKept } from './documentdb-backups-kept';
import { check as documentdbEncryptedWithCustomerKey } from './documentdb-encrypted-with-customer-key';
import { check as documentdbRequiresTls } from './documentdb-requires-tls';
import { check as eventArchiveExpires } from './event-archive-expires';
import { check as eventBusEncryptedWithCustomerKey } from './event-bus-encrypted-with-customer-key';
import { check as exportsReachOwnFolderOnly } from './exports-reach-own-folder-only';
import { check as functionsRunInVpc } from './functions-run-in-vpc';
import { check as guarddutyFindingsNotifyOperators } from './guardduty-findings-notify-operators';
import { check as iamNoWildcardActions } from './iam-no-wildcard-actions';
import { check as iamRolesTrustServices } from './iam-roles-trust-services';
import { check as keysRotateYearly } from './keys-rotate-yearly';
import { check as logGroupsEncrypted } from './log-groups-encrypted';
import { check as logGroupsKeepEvents } from './log-groups-keep-events';
import { check as modelCallsThroughGuardrail } from './model-calls-through-guardrail';
import { check as noCrossRegionReplication } from './no-cross-region-replication';
import { check as queuesAndTopicsEncrypted } from './queues-and-topics-encrypted';
import { check as queuesRequireTls } from './queues-require-tls';
import { check as regionRuleLimitsRegions } from './region-rule-limits-regions';
import { check as secretsEncryptedWithCustomerKey } from './secrets-encrypted-with-customer-key';
import { check as securityGroupsNoPublicIngress } from './security-groups-no-public-ingress';
import { check as signInPasswordPolicy } from './sign-in-password-policy';
import { check as signInRequiresMfa } from './sign-in-requires-mfa';
import { check as signInSessionsExpire } from './sign-in-sessions-expire';
import { check as statefulResourcesRetained } from './stateful-resources-retained';
import { check as tableEncryptedWithCustomerKey } from './table-encrypted-with-customer-key';
import { check as tablePointInTimeRecovery } from './table-point-in-time-recovery';
import { check as tableRecordsExpire } from './table-records-expire';
import { check as threatDetectionEnabled } from './threat-detection-enabled';
import { check as vpcFlowLogsAllTraffic } from './vpc-flow-logs-all-traffic';
import { check as webAclLogsRequests } from './web-acl-logs-requests';
import { check as webAclProtectsApi } from './web-acl-protects-api';

/** Every automated check, by ID (the file name of its module). */
export const CHECKS: readonly Check[] = [
  alarmsNotifyOperators,
  apiLogsAndTraces,
  apiMethodsRequireSignIn,
  apiRequiresModernTls,
  apiSupportsErasure,
  auditTrailCoversAccount,
  auditTrailValidatesLogFiles,
  automationsLogEveryStep,
  automationsWaitForApproval,
  bucketVersionsExpire,
  bucketsBlockPublicAccess,
  bucketsEncrypted,
  bucketsRequireTls,
  consoleServedOverHttps,
  databaseCredentialsRotate,
  databaseSubnetsIsolated,
  documentdbAuditLogsExported,
  documentdbBackupsKept,
  documentdbEncryptedWithCustomerKey,
  documentdbRequiresTls,
  eventArchiveExpires,
  eventBusEncryptedWithCustomerKey,
  exportsReachOwnFolderOnly,
  functionsRunInVpc,
  guarddutyFindingsNotifyOperators,
  iamNoWildcardActions,
  iamRolesTrustServices,
  keysRotateYearly,
  logGroupsEncrypted,
  logGroupsKeepEvents,
  modelCallsThroughGuardrail,
  noCrossRegionReplication,
  queuesAndTopicsEncrypted,
  queuesRequireTls,
  regionRuleLimitsRegions,
  secretsEncryptedWithCustomerKey,
  securityGroupsNoPublicIngress,
  signInPasswordPolicy,
  signInRequiresMfa,
  signInSessionsExpire,
  statefulResourcesRetained,
  tableEncryptedWithCustomerKey,
  tablePointInTimeRecovery,
  tableRecordsExpire,
  threatDetectionEnabled,
  vpcFlowLogsAllTraffic,
  webAclLogsRequests,
  webAclProtectsApi,
];
