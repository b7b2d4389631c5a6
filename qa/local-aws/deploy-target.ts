import { createInterface } from 'node:readline/promises';
import { LOCAL_CREDENTIALS, LocalAws } from './moto-server';

/** Where `test-deploy` launches its stacks: moto on loopback, unless the run on real AWS is asked for. */
export interface DeployTarget {
  readonly mode: 'local' | 'aws';
  /** `--yes`: the billed run on real AWS was confirmed on the command line. */
  readonly confirmed: boolean;
}

/** What a run on real AWS does, said before it starts. */
export const REAL_AWS_NOTICE = `test-deploy --aws launches six stacks (the defaults and portfolio tests in us-east-1 and ap-south-1, the all-options test once in each) in the account of
the environment's AWS credentials: VPCs with NAT gateways, DocumentDB clusters, ECS services, Lambda functions,
API Gateway, Cognito, KMS keys and, in the all-options tests, interface endpoints, WAF, GuardDuty and AWS Backup plans
that copy to the other Region.
It takes about 30 to 45 minutes and costs a few US dollars per run (mostly DocumentDB instance-hours and NAT
gateway hours). The stacks and buckets are deleted afterwards; what the template retains on purpose stays
behind and must be removed by hand: the DynamoDB tables, the DocumentDB final snapshots, the KMS keys, the
log groups, the Cognito user pools and the secrets.`;

/** Reads test-deploy's arguments: `--aws` alone chooses real AWS; credentials in the environment never do. */
export function parseDeployTarget(argv: string[]): DeployTarget {
  const unknown = argv.filter((argument) => argument !== '--aws' && argument !== '--yes');
  if (unknown.length > 0) throw new Error(`unknown argument ${unknown[0]}; use --aws (real AWS, billed) and --yes (do not ask)`);
  if (argv.includes('--yes') && !argv.includes('--aws')) throw new Error('--yes confirms a run on real AWS; give it with --aws');
  return { mode: argv.includes('--aws') ? 'aws' : 'local', confirmed: argv.includes('--yes') };
}

/** Says what the run on real AWS does and asks, unless `confirmed`; without a terminal to ask, the answer is no. */
export async function confirmRealAws(confirmed: boolean, input: NodeJS.ReadStream = process.stdin, log = console.log): Promise<boolean> {
  log(REAL_AWS_NOTICE);
  if (confirmed) return true;
  if (!input.isTTY) {
    log('test-deploy: not a terminal to ask; run with --yes to confirm the billed run');
    return false;
  }
  const prompt = createInterface({ input, output: process.stdout });
  const answer = await prompt.question('Launch these stacks in your account? Type yes to go on: ');
  prompt.close();
  return answer.trim() === 'yes';
}

/** The SDK client configuration of a Region: the local endpoint's when there is one, else real AWS's. */
export function clientConfig(region: string, localAws?: LocalAws): { region: string; endpoint?: string; credentials?: typeof LOCAL_CREDENTIALS } {
  return localAws ? { region, endpoint: localAws.endpoint, credentials: LOCAL_CREDENTIALS } : { region };
}

/** Variables that would make the AWS CLI and boto3 pick credentials other than the local endpoint's. */
const CREDENTIAL_SOURCES = ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'AWS_ROLE_ARN', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'];

/**
 * taskcat's environment. Offline: every AWS call goes to the local endpoint (AWS_ENDPOINT_URL) with its
 * static keys, and the environment's own credential sources are dropped. On real AWS: the environment as is.
 */
export function taskcatEnvironment(environment: NodeJS.ProcessEnv, localAws?: LocalAws): NodeJS.ProcessEnv {
  if (!localAws) return environment;
  const local = Object.fromEntries(Object.entries(environment).filter(([name]) => !CREDENTIAL_SOURCES.includes(name)));
  return { ...local, AWS_ENDPOINT_URL: localAws.endpoint, AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey, AWS_DEFAULT_REGION: 'us-east-1' };
}
