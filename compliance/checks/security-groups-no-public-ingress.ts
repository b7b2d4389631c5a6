import { Check, observe, verdict } from '../lib/check';
import { asList, resourcesOfType } from '../../product/cloudformation';

const ANYWHERE = ['0.0.0.0/0', '::/0'];
const openToAnywhere = (rule: any) => ANYWHERE.includes(rule?.CidrIp) || ANYWHERE.includes(rule?.CidrIpv6);

/** No security group admits traffic from the whole internet; inbound traffic comes from other workspace groups only. */
export const check: Check = {
  id: 'security-groups-no-public-ingress',
  title: 'No security group accepts inbound traffic from 0.0.0.0/0 or ::/0',
  evaluate(template) {
    const inline = resourcesOfType(template, 'AWS::EC2::SecurityGroup').map(([id, group]) => {
      const rules = asList(group.Properties?.SecurityGroupIngress);
      return observe(id, 'SecurityGroupIngress', rules, !rules.some(openToAnywhere));
    });
    const separate = resourcesOfType(template, 'AWS::EC2::SecurityGroupIngress')
      .map(([id, rule]) => observe(id, 'CidrIp', rule.Properties?.CidrIp ?? rule.Properties?.CidrIpv6 ?? rule.Properties?.SourceSecurityGroupId, !openToAnywhere(rule.Properties)));
    return verdict([...inline, ...separate], 'the template has no security group');
  },
};
