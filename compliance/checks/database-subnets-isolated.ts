import { Check, observe, verdict } from '../lib/check';
import { asList, referenceTarget, resourcesOfType } from '../../product/cloudformation';

/** The subnets of every DocumentDB subnet group assign no public addresses and have no route to the internet. */
export const check: Check = {
  id: 'database-subnets-isolated',
  title: 'DocumentDB runs in subnets without public addresses and without a route to an internet or NAT gateway',
  evaluate(template) {
    const associations = resourcesOfType(template, 'AWS::EC2::SubnetRouteTableAssociation');
    const routes = resourcesOfType(template, 'AWS::EC2::Route');
    const evidence = resourcesOfType(template, 'AWS::DocDB::DBSubnetGroup').flatMap(([, group]) => asList(group.Properties?.SubnetIds).flatMap((reference) => {
      const subnet = referenceTarget(reference) ?? String(reference);
      const tables = associations.filter(([, a]) => referenceTarget(a.Properties?.SubnetId) === subnet).map(([, a]) => referenceTarget(a.Properties?.RouteTableId));
      const outward = routes.filter(([, r]) => tables.includes(referenceTarget(r.Properties?.RouteTableId))
        && (r.Properties?.GatewayId !== undefined || r.Properties?.NatGatewayId !== undefined || r.Properties?.EgressOnlyInternetGatewayId !== undefined));
      const publicIp = template.Resources[subnet]?.Properties?.MapPublicIpOnLaunch;
      return [
        observe(subnet, 'MapPublicIpOnLaunch', publicIp, publicIp !== true && template.Resources[subnet]?.Type === 'AWS::EC2::Subnet'),
        observe(subnet, 'routes to a gateway', outward.map(([id]) => id), outward.length === 0 && tables.length > 0),
      ];
    }));
    return verdict(evidence, 'the template has no DocumentDB subnet group');
  },
};
