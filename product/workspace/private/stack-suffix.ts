import { Aws, Fn } from 'aws-cdk-lib';

/**
 * A lowercase suffix unique to this stack (the first eight hex digits of the stack ID's UUID), for
 * names that must be globally unique or lowercase, which the stack name is not guaranteed to be.
 */
export function stackSuffix(): string {
  return Fn.select(0, Fn.split('-', Fn.select(2, Fn.split('/', Aws.STACK_ID))));
}

/** A stack-unique lowercase name: `<prefix>-<suffix>`. */
export function uniqueName(prefix: string): string {
  return Fn.join('-', [prefix, stackSuffix()]);
}
