import { CloudFormationClient, DescribeStacksCommand, GetTemplateCommand, ListStackResourcesCommand, Stack } from '@aws-sdk/client-cloudformation';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EC2Client } from '@aws-sdk/client-ec2';
import { KMSClient } from '@aws-sdk/client-kms';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { buildFunctions } from '../../product/functions/build-functions';
import { CloudFormationTemplate, createdResources } from '../../product/cloudformation';
import { deleteBucket, deleteStack } from '../local-aws/deployment-cleanup';
import { clientConfig, confirmRealAws, DeployTarget, parseDeployTarget, taskcatEnvironment } from '../local-aws/deploy-target';
import { LocalAws, startLocalAws } from '../local-aws/moto-server';
import { DeployedStack, POST_DEPLOY_CHECKS, RegionClients } from '../local-aws/post-deploy-checks';

/**
 * `npm run test:deploy`: runs the taskcat tests of .taskcat.yml, in both Regions, against moto on
 * loopback, whatever credentials the environment holds. `npm run test:deploy:aws` (`--aws`) runs them
 * against the account of the environment's credentials instead, after saying what that creates, costs
 * and leaves behind, and asking (`--yes` answers for CI jobs that mean it). Then every stack must be
 * CREATE_COMPLETE with no resource skipped and pass the post-deploy checks; stacks and buckets are
 * deleted in any case.
 */
const REPOSITORY = join(__dirname, '../..');
const TASKCAT = join(REPOSITORY, 'qa/.venv/taskcat/bin/python');
/** Offline, every stack completes within a minute or two; on real AWS, DocumentDB alone takes most of half an hour. */
const TASKCAT_TIMEOUT_MS = { local: 15 * 60 * 1000, aws: 90 * 60 * 1000 };

/** SDK clients of a Region: of the local endpoint when there is one, else of real AWS. */
function clientsFor(region: string, localAws?: LocalAws) {
  const config = clientConfig(region, localAws);
  return {
    cloudformation: new CloudFormationClient(config),
    checks: {
      ec2: new EC2Client(config), dynamodb: new DynamoDBClient(config), kms: new KMSClient(config), s3: new S3Client(config),
      sqs: new SQSClient(config), sfn: new SFNClient(config),
    } as RegionClients,
  };
}

/** Runs taskcat's tests; false when taskcat itself reports a failure (a stack that failed, even if moto later says otherwise). */
async function runTaskcat(localAws?: LocalAws): Promise<boolean> {
  const outputs = join(REPOSITORY, 'build/taskcat/outputs');
  mkdirSync(outputs, { recursive: true });
  const args = [join(REPOSITORY, 'qa/local-aws/taskcat_run.py'), 'test', 'run', '--lint-disable', '--no-delete', '--minimal-output',
    '--output-directory', outputs];
  // moto cannot evaluate the s3:signatureversion condition of the policy taskcat puts on its bucket
  // to refuse SigV2, and denies every upload; offline there is no SigV2 client to refuse anyway.
  if (localAws) args.push('--enable-sig-v2');
  const env = taskcatEnvironment(process.env, localAws);
  // Not spawnSync: while taskcat runs, this process must go on reading moto's log, or moto blocks
  // writing to the full pipe and taskcat waits on moto until the timeout.
  const child = spawn(TASKCAT, args, { cwd: REPOSITORY, env, stdio: 'inherit' });
  const timeout = setTimeout(() => child.kill('SIGTERM'), TASKCAT_TIMEOUT_MS[localAws ? 'local' : 'aws']);
  const [status, signal] = await once(child, 'exit') as [number | null, string | null];
  clearTimeout(timeout);
  if (status !== 0) console.error(`test-deploy: taskcat exited with ${status ?? signal}`);
  return status === 0;
}

async function taskcatStacks(cloudformation: CloudFormationClient, project: string): Promise<Stack[]> {
  const stacks: Stack[] = [];
  let token: string | undefined;
  do {
    const page = await cloudformation.send(new DescribeStacksCommand({ NextToken: token }));
    stacks.push(...(page.Stacks ?? []).filter((stack) => stack.Tags?.some((tag) => tag.Key === 'taskcat-project-name' && tag.Value === project)));
    token = page.NextToken;
  } while (token);
  return stacks;
}

async function deployedStack(cloudformation: CloudFormationClient, stack: Stack, region: string): Promise<DeployedStack> {
  const template = JSON.parse((await cloudformation.send(new GetTemplateCommand({ StackName: stack.StackId }))).TemplateBody ?? '{}');
  const physicalIds: Record<string, string> = {};
  let token: string | undefined;
  // moto creates a failed stack's missing resources again when they are listed, and fails again.
  if (stack.StackStatus !== 'CREATE_COMPLETE') return { name: stack.StackName!, region, template, parameters: {}, physicalIds };
  do {
    const page = await cloudformation.send(new ListStackResourcesCommand({ StackName: stack.StackId, NextToken: token }));
    // A resource counts as created by its status: moto gives some types no physical ID.
    for (const resource of page.StackResourceSummaries ?? []) {
      if (resource.ResourceStatus === 'CREATE_COMPLETE') physicalIds[resource.LogicalResourceId!] = resource.PhysicalResourceId ?? '';
    }
    token = page.NextToken;
  } while (token);
  const parameters = Object.fromEntries((stack.Parameters ?? []).map((parameter) => [parameter.ParameterKey!, parameter.ParameterValue!]));
  return { name: stack.StackName!, region, template, parameters, physicalIds };
}

/** Problems of one stack: its status, resources that were not created, and failed post-deploy checks. */
async function verify(stack: Stack, deployed: DeployedStack, clients: RegionClients): Promise<string[]> {
  if (stack.StackStatus !== 'CREATE_COMPLETE') return [`status ${stack.StackStatus}: ${stack.StackStatusReason ?? ''}`];
  const expected = createdResources(deployed.template as CloudFormationTemplate, { parameters: deployed.parameters, region: deployed.region });
  const problems = [...expected].filter(([id]) => !(id in deployed.physicalIds)).map(([id, type]) => `resource ${id} (${type}) was not created`);
  for (const [name, check] of Object.entries(POST_DEPLOY_CHECKS)) {
    try {
      problems.push(...(await check(deployed, clients)).map((problem) => `${name}: ${problem}`));
    } catch (error) {
      problems.push(`${name}: the check failed: ${(error as Error).message}`);
    }
  }
  return problems;
}

/** Prints what moto complained about: types it skipped, and the tracebacks of its 500 answers. */
function reportServerErrors(log: string): void {
  const skipped = [...new Set([...log.matchAll(/No Moto CloudFormation support for (\S+)/g)].map((match) => match[1]))];
  if (skipped.length > 0) console.error(`test-deploy: moto skipped resource types: ${skipped.join(', ')}`);
  const tracebacks = log.split(/(?=Traceback \(most recent call last\))/).slice(1).map((block) => block.split(/\n(?=\S)(?!  )/).slice(0, 2).join('\n'));
  for (const traceback of [...new Set(tracebacks)].slice(0, 3)) console.error(`test-deploy: moto error:\n${traceback.split('\n').slice(-12).join('\n')}`);
}

async function main(): Promise<number> {
  const config = parse(readFileSync(join(REPOSITORY, '.taskcat.yml'), 'utf8'));
  const project: string = config.project.name;
  const regions: string[] = config.project.regions;
  let target: DeployTarget;
  try {
    target = parseDeployTarget(process.argv.slice(2));
  } catch (error) {
    console.error(`test-deploy: ${(error as Error).message}`);
    return 2;
  }
  const { mode, confirmed } = target;
  if (mode === 'aws' && !(await confirmRealAws(confirmed))) {
    console.log('test-deploy: nothing launched');
    return 1;
  }
  console.log(`test-deploy: taskcat tests of ${project} in ${regions.join(', ')} against ${mode === 'local' ? 'moto on loopback' : 'real AWS (billed)'}`);
  await buildFunctions(join(REPOSITORY, 'build'));
  const localAws = mode === 'local' ? await startLocalAws() : undefined;
  let failures = 0;
  try {
    if (!(await runTaskcat(localAws))) failures++;
    for (const region of regions) {
      const { cloudformation, checks } = clientsFor(region, localAws);
      const stacks = await taskcatStacks(cloudformation, project);
      if (stacks.length === 0) {
        console.error(`test-deploy: ${region}: no stack of ${project} was created`);
        failures++;
      }
      const buckets = new Set<string>();
      for (const stack of stacks) {
        const deployed = await deployedStack(cloudformation, stack, region);
        Object.entries(deployed.template.Resources ?? {}).forEach(([id, resource]: [string, any]) => {
          if (resource.Type === 'AWS::S3::Bucket' && deployed.physicalIds[id]) buckets.add(deployed.physicalIds[id]);
        });
        const problems = await verify(stack, deployed, checks);
        const created = Object.keys(deployed.physicalIds).length;
        console.log(`test-deploy: ${region} ${deployed.name}: ${problems.length === 0 ? `CREATE_COMPLETE, ${created} resources, none skipped, post-deploy checks pass` : 'FAILED'}`);
        problems.forEach((problem) => console.error(`  - ${problem}`));
        failures += problems.length > 0 ? 1 : 0;
        await deleteStack(cloudformation, stack.StackId!, 60 * 60 * 1000);
      }
      const listed = (await checks.s3.send(new ListBucketsCommand({}))).Buckets ?? [];
      for (const bucket of listed.filter((candidate) => candidate.Name?.startsWith(`tcat-`) && candidate.Name.endsWith(`-${region}`))) buckets.add(bucket.Name!);
      for (const bucket of buckets) await deleteBucket(checks.s3, bucket);
      console.log(`test-deploy: ${region}: deleted ${stacks.length} stack(s) and ${buckets.size} bucket(s)`);
    }
  } catch (error) {
    failures++;
    console.error(`test-deploy: ${(error as Error).stack ?? error}`);
  } finally {
    if (failures > 0 && localAws) reportServerErrors(localAws.log());
    await localAws?.stop();
  }
  console.log(failures === 0 ? 'test-deploy: every stack deployed and checked' : `test-deploy: ${failures} failure(s)`);
  return failures === 0 ? 0 : 1;
}

main().then((code) => process.exit(code), (error) => {
  console.error(`test-deploy: ${error.stack ?? error}`);
  process.exit(1);
});
