import { Check, observe, verdict } from '../lib/check';
import { referenceTarget, resourcesOfType } from '../../product/cloudformation';

/** Every DocumentDB cluster uses a cluster parameter group whose `tls` parameter is enabled. */
export const check: Check = {
  id: 'documentdb-requires-tls',
  title: 'Every DocumentDB cluster accepts TLS connections only (parameter group tls = enabled)',
  evaluate(template) {
    const evidence = resourcesOfType(template, 'AWS::DocDB::DBCluster').map(([id, cluster]) => {
      const group = template.Resources[referenceTarget(cluster.Properties?.DBClusterParameterGroupName) ?? ''];
      const tls = group?.Type === 'AWS::DocDB::DBClusterParameterGroup' ? group.Properties?.Parameters?.tls : undefined;
      return observe(id, 'DBClusterParameterGroupName -> Parameters.tls', tls, tls === 'enabled');
    });
    return verdict(evidence, 'the template has no DocumentDB cluster');
  },
};
