import { CfnParameter } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { LaunchWizard } from '../../shared/launch-wizard';
import { FARGATE_MEMORY_SIZES, FARGATE_TASK_SIZES } from '../sizing';
import { ECR_IMAGE } from './formats';
import { WizardGroup } from './wizard-group';

/** The images the template runs, each named by digest (`<repository>@sha256:...`). */
export interface WorkspaceImageReferences {
  /** The default of `EngineImage`. */
  readonly engine: string;
  /** The default of `MeteringSidecarImage`. */
  readonly meteringSidecar: string;
}

/** The launch wizard's engine group: the engine's and its metering sidecar's images, its task size and its task count. */
export class EngineParameters {
  /** `EngineImage`. */
  readonly image: CfnParameter;
  /** `MeteringSidecarImage`: the sidecar of every engine and agent task. */
  readonly meteringSidecarImage: CfnParameter;
  /** `EngineTaskCpu`: CPU units, a key of {@link FARGATE_TASK_SIZES} (a string). */
  readonly taskCpu: CfnParameter;
  /** `EngineTaskMemory`: MiB, one of {@link FARGATE_MEMORY_SIZES} (a string); a rule checks it against the CPU. */
  readonly taskMemory: CfnParameter;
  /** `EngineMinCount`: the tasks always running. */
  readonly minCount: CfnParameter;
  /** `EngineMaxCount`: the most tasks auto scaling may run. */
  readonly maxCount: CfnParameter;

  /** `images` are the defaults of the image parameters: the version's own images. */
  constructor(scope: Construct, wizard: LaunchWizard, images: WorkspaceImageReferences) {
    const group = new WizardGroup(wizard, scope, 'Workspace engine (Amazon ECS on AWS Fargate)');
    this.image = group.parameter('EngineImage', {
      label: 'Workspace engine container image', type: 'String', default: images.engine, ...ECR_IMAGE,
      description: 'The engine image in the AWS Marketplace ECR repository of this listing; the default is this version\'s image, by digest.',
    });
    this.meteringSidecarImage = group.parameter('MeteringSidecarImage', {
      label: 'Metering sidecar container image', type: 'String', default: images.meteringSidecar, ...ECR_IMAGE,
      description: 'The metering sidecar image that reports usage to AWS Marketplace from each engine task; the default is this version\'s image, by digest.',
    });
    this.taskCpu = group.parameter('EngineTaskCpu', {
      label: 'Engine task CPU units (1024 = 1 vCPU)', type: 'String', default: '1024',
      allowedValues: Object.keys(FARGATE_TASK_SIZES),
      description: 'CPU of one engine task, from 0.25 to 4 vCPU.',
    });
    this.taskMemory = group.parameter('EngineTaskMemory', {
      label: 'Engine task memory (MiB)', type: 'String', default: '2048',
      allowedValues: FARGATE_MEMORY_SIZES,
      description: 'Memory of one engine task in MiB; Fargate accepts only certain values for each CPU size (a rule checks the pair).',
    });
    this.minCount = group.parameter('EngineMinCount', {
      label: 'Minimum number of engine tasks', type: 'Number', default: 2, minValue: 1, maxValue: 20,
      description: 'Engine tasks always running; two or more keep the engine in both Availability Zones.',
    });
    this.maxCount = group.parameter('EngineMaxCount', {
      label: 'Maximum number of engine tasks', type: 'Number', default: 6, minValue: 1, maxValue: 50,
      description: 'Upper bound for CPU and memory based auto scaling. Must not be lower than the minimum.',
    });
  }
}
