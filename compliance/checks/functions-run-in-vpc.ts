import { Check, observe, verdict } from '../lib/check';
import { resourcesOfType } from '../../product/cloudformation';

/** Every Lambda function runs attached to the workspace VPC, behind its security groups. */
export const check: Check = {
  id: 'functions-run-in-vpc',
  title: 'Every Lambda function runs in the VPC with security groups',
  evaluate(template) {
    const evidence = resourcesOfType(template, 'AWS::Lambda::Function').map(([id, fn]) => {
      const vpc = fn.Properties?.VpcConfig;
      return observe(id, 'VpcConfig', vpc, vpc?.SubnetIds !== undefined && vpc?.SecurityGroupIds !== undefined);
    });
    return verdict(evidence, 'the template has no Lambda function');
  },
};
