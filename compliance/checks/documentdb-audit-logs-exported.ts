import { Check, observe, verdict } from '../lib/check';
import { referenceTarget, resourcesOfType } from '../../product/cloudformation';

/** Every DocumentDB cluster records audit events (parameter audit_logs) and exports them to CloudWatch Logs. */
export const check: Check = {
  id: 'documentdb-audit-logs-exported',
  title: 'Every DocumentDB cluster has audit logging on and exports the audit log to CloudWatch Logs',
  evaluate(template) {
    const evidence = resourcesOfType(template, 'AWS::DocDB::DBCluster').flatMap(([id, cluster]) => {
      const group = template.Resources[referenceTarget(cluster.Properties?.DBClusterParameterGroupName) ?? ''];
      const audit = group?.Properties?.Parameters?.audit_logs;
      const exports = cluster.Properties?.EnableCloudwatchLogsExports ?? [];
      return [
        observe(id, 'DBClusterParameterGroupName -> Parameters.audit_logs', audit, ['enabled', 'all'].includes(audit)),
        observe(id, 'EnableCloudwatchLogsExports', exports, Array.isArray(exports) && exports.includes('audit')),
      ];
    });
    return verdict(evidence, 'the template has no DocumentDB cluster');
  },
};
