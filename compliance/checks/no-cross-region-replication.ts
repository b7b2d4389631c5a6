import { Check, observe, verdict } from '../lib/check';
import { resourcesOfType } from '../../product/cloudformation';

/** Nothing copies data to another Region by default: no bucket replication, global tables or global clusters. */
export const check: Check = {
  id: 'no-cross-region-replication',
  title: 'No bucket, table or database replicates data to another Region',
  evaluate(template) {
    const replicating = (type: string, property: string) => resourcesOfType(template, type)
      .map(([id, resource]) => observe(id, property, resource.Properties?.[property], resource.Properties?.[property] === undefined));
    const global = resourcesOfType(template, 'AWS::DynamoDB::GlobalTable', 'AWS::DocDB::GlobalCluster', 'AWS::RDS::GlobalCluster')
      .map(([id, resource]) => observe(id, 'Type', resource.Type, false));
    const evidence = [
      ...replicating('AWS::S3::Bucket', 'ReplicationConfiguration'),
      ...replicating('AWS::DynamoDB::Table', 'Replicas'),
      ...replicating('AWS::DocDB::DBCluster', 'GlobalClusterIdentifier'),
      ...global,
    ];
    return verdict(evidence, 'the template stores no data');
  },
};
