import { Check, observe, verdict } from '../lib/check';
import { referenceTarget, resourcesOfType } from '../../product/cloudformation';

/** Every VPC has a flow log that records accepted and rejected traffic. */
export const check: Check = {
  id: 'vpc-flow-logs-all-traffic',
  title: 'Every VPC has a flow log recording all traffic',
  evaluate(template) {
    const logs = resourcesOfType(template, 'AWS::EC2::FlowLog');
    const evidence = resourcesOfType(template, 'AWS::EC2::VPC').map(([id]) => {
      const log = logs.find(([, l]) => referenceTarget(l.Properties?.ResourceId) === id);
      return observe(log?.[0] ?? id, log ? 'TrafficType' : 'flow log', log?.[1].Properties?.TrafficType, log?.[1].Properties?.TrafficType === 'ALL');
    });
    return verdict(evidence, 'the template has no VPC');
  },
};
