import { Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { LaunchWizard } from '../../shared/launch-wizard';
import { AgentServiceParameters } from './agent-services';
import { AgenticAutomationParameters } from './agentic-automation';
import { ApiParameters } from './api';
import { BedrockParameters } from './bedrock';
import { WorkspaceConditions } from './conditions';
import { DataStoreParameters } from './data-stores';
import { DisasterRecoveryParameters } from './disaster-recovery';
import { EdgeProtectionParameters } from './edge-protection';
import { EngineParameters, WorkspaceImageReferences } from './engine';
import { FunctionParameters } from './functions';
import { MonitoringParameters } from './monitoring';
import { NetworkParameters } from './network';
import { PermissionParameters } from './permissions';
import { ReleaseLocationParameters } from './release-location';
import { declareWorkspaceRules } from './rules';
import { SignInParameters } from './sign-in';
import { WebConsoleParameters } from './web-console';

/** Props of {@link WorkspaceParameters}. */
export interface WorkspaceParametersProps {
  /** The workspace version: in the default `MPS3KeyPrefix` (`workspace/<version>/`) and the agent images' tag. */
  readonly version: string;
  /** The defaults of `EngineImage` and `MeteringSidecarImage`: the version's own images, by digest. */
  readonly images: WorkspaceImageReferences;
}

/**
 * Every buyer-facing parameter of the workspace template, group by group in the order of the launch
 * wizard, then the conditions that switch optional components on and the rules that reject bad
 * combinations before anything is created.
 */
export class WorkspaceParameters extends Construct {
  readonly network: NetworkParameters;
  readonly engine: EngineParameters;
  readonly functions: FunctionParameters;
  readonly dataStores: DataStoreParameters;
  readonly signIn: SignInParameters;
  readonly api: ApiParameters;
  readonly monitoring: MonitoringParameters;
  readonly bedrock: BedrockParameters;
  readonly agenticAutomation: AgenticAutomationParameters;
  readonly agentServices: AgentServiceParameters;
  readonly edgeProtection: EdgeProtectionParameters;
  readonly releaseLocation: ReleaseLocationParameters;
  readonly webConsole: WebConsoleParameters;
  readonly permissions: PermissionParameters;
  readonly disasterRecovery: DisasterRecoveryParameters;
  readonly conditions: WorkspaceConditions;

  constructor(scope: Construct, id: string, props: WorkspaceParametersProps) {
    super(scope, id);
    const wizard = new LaunchWizard(Stack.of(this));
    this.network = new NetworkParameters(this, wizard);
    this.engine = new EngineParameters(this, wizard, props.images);
    this.functions = new FunctionParameters(this, wizard);
    this.dataStores = new DataStoreParameters(this, wizard);
    this.signIn = new SignInParameters(this, wizard);
    this.api = new ApiParameters(this, wizard);
    this.monitoring = new MonitoringParameters(this, wizard);
    this.bedrock = new BedrockParameters(this, wizard);
    this.agenticAutomation = new AgenticAutomationParameters(this, wizard);
    this.agentServices = new AgentServiceParameters(this, wizard, props.version);
    this.edgeProtection = new EdgeProtectionParameters(this, wizard);
    this.releaseLocation = new ReleaseLocationParameters(this, wizard, props.version);
    this.webConsole = new WebConsoleParameters(this, wizard);
    this.permissions = new PermissionParameters(this, wizard);
    this.disasterRecovery = new DisasterRecoveryParameters(this, wizard);
    this.conditions = new WorkspaceConditions(this, this);
    declareWorkspaceRules(this, this);
  }
}
