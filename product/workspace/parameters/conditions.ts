import { CfnCondition, CfnParameter, Fn, ICfnConditionExpression, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { AgentServiceParameters } from './agent-services';
import { AgenticAutomationParameters } from './agentic-automation';
import { BedrockParameters } from './bedrock';
import { DataStoreParameters, MAX_DOCUMENTDB_INSTANCES } from './data-stores';
import { DisasterRecoveryParameters } from './disaster-recovery';
import { EdgeProtectionParameters } from './edge-protection';
import { MonitoringParameters } from './monitoring';
import { NetworkParameters } from './network';
import { PermissionParameters } from './permissions';
import { ReleaseLocationParameters } from './release-location';
import { SignInParameters } from './sign-in';
import { WebConsoleParameters } from './web-console';

/** The wizard groups whose parameters the conditions read. */
export interface WorkspaceConditionsProps {
  readonly network: NetworkParameters;
  readonly dataStores: DataStoreParameters;
  readonly signIn: SignInParameters;
  readonly monitoring: MonitoringParameters;
  readonly bedrock: BedrockParameters;
  readonly agenticAutomation: AgenticAutomationParameters;
  readonly agentServices: AgentServiceParameters;
  readonly edgeProtection: EdgeProtectionParameters;
  readonly releaseLocation: ReleaseLocationParameters;
  readonly webConsole: WebConsoleParameters;
  readonly permissions: PermissionParameters;
  readonly disasterRecovery: DisasterRecoveryParameters;
}

type Declare = (name: string, expression: ICfnConditionExpression) => CfnCondition;

const isTrue = (parameter: CfnParameter) => Fn.conditionEquals(parameter.valueAsString, 'true');
const isSet = (parameter: CfnParameter) => Fn.conditionNot(Fn.conditionEquals(parameter.valueAsString, ''));

/**
 * The template's conditions: which optional parts the buyer switched on, and which settings were given.
 * A condition's logical ID is its field's name capitalized, or the one its comment names. They are declared here together because CDK writes them in
 * the order they are declared, and the templates have always listed them in an order that is not the
 * wizard's: the switches first, then the given settings, then the DocumentDB instance count.
 */
export class WorkspaceConditions {
  readonly interfaceEndpointsEnabled: CfnCondition;
  readonly backupBucketEnabled: CfnCondition;
  readonly cloudTrailEnabled: CfnCondition;
  readonly bedrockEnabled: CfnCondition;
  /** Bedrock on and the guardrail on. */
  readonly bedrockGuardrailEnabled: CfnCondition;
  readonly taskQueueEnabled: CfnCondition;
  readonly eventRoutingEnabled: CfnCondition;
  /** The task queue on and approval workflows on. */
  readonly approvalWorkflowsEnabled: CfnCondition;
  /** Approval workflows on and Bedrock on: the risk assessment asks the first listed model. */
  readonly approvalWorkflowsWithBedrock: CfnCondition;
  /** Approval workflows on and the guardrail on: the risk assessment's model calls must go through it. */
  readonly approvalWorkflowsWithGuardrail: CfnCondition;
  /** `<id>AgentEnabled`, by agent id. */
  readonly agentEnabled: Record<string, CfnCondition>;
  readonly wafEnabled: CfnCondition;
  readonly guardDutyEnabled: CfnCondition;
  /** `WebhookNotificationsEnabled`: a webhook URL is given. */
  readonly webhookEnabled: CfnCondition;
  /** `SamlSignInEnabled`. */
  readonly samlEnabled: CfnCondition;
  /** `OidcSignInEnabled`. */
  readonly oidcEnabled: CfnCondition;
  /** `MarketplaceMeteringEnabled`: a product code is given. */
  readonly meteringEnabled: CfnCondition;
  /** The console is served at the buyer's own domain (WorkspaceUrl is set). */
  readonly workspaceUrlSet: CfnCondition;
  readonly consoleWebAclSet: CfnCondition;
  readonly releaseBucketInStackRegion: CfnCondition;
  /** `PermissionsBoundaryGiven`: every workspace role carries the PermissionsBoundaryArn policy. */
  readonly permissionsBoundaryGiven: CfnCondition;
  /** `DisasterRecoveryEnabled`: backups are copied to the recovery Region. */
  readonly disasterRecoveryEnabled: CfnCondition;
  /** `MoreThan<n>DocumentDbInstances` by n (1 <= n < {@link MAX_DOCUMENTDB_INSTANCES}): the buyer asked for more than n instances. */
  readonly documentDbInstanceConditions: Record<number, CfnCondition>;

  constructor(scope: Construct, parameters: WorkspaceConditionsProps) {
    const { network, dataStores, signIn, monitoring, bedrock, agenticAutomation: agentic, edgeProtection: edge, releaseLocation, webConsole, permissions, disasterRecovery } = parameters;
    const condition: Declare = (name, expression) => {
      const created = new CfnCondition(scope, name, { expression });
      created.overrideLogicalId(name);
      return created;
    };
    this.interfaceEndpointsEnabled = condition('InterfaceEndpointsEnabled', isTrue(network.enableInterfaceEndpoints));
    this.backupBucketEnabled = condition('BackupBucketEnabled', isTrue(dataStores.enableBackupBucket));
    this.cloudTrailEnabled = condition('CloudTrailEnabled', isTrue(monitoring.enableCloudTrail));
    this.bedrockEnabled = condition('BedrockEnabled', isTrue(bedrock.enableBedrock));
    this.bedrockGuardrailEnabled = condition('BedrockGuardrailEnabled', Fn.conditionAnd(this.bedrockEnabled, isTrue(bedrock.enableGuardrail)));
    this.taskQueueEnabled = condition('TaskQueueEnabled', isTrue(agentic.enableTaskQueue));
    this.eventRoutingEnabled = condition('EventRoutingEnabled', isTrue(agentic.enableEventRouting));
    this.approvalWorkflowsEnabled = condition('ApprovalWorkflowsEnabled',
      Fn.conditionAnd(this.taskQueueEnabled, isTrue(agentic.enableApprovalWorkflows)));
    this.approvalWorkflowsWithBedrock = condition('ApprovalWorkflowsWithBedrock',
      Fn.conditionAnd(this.approvalWorkflowsEnabled, this.bedrockEnabled));
    this.approvalWorkflowsWithGuardrail = condition('ApprovalWorkflowsWithGuardrail',
      Fn.conditionAnd(this.approvalWorkflowsEnabled, this.bedrockGuardrailEnabled));
    this.agentEnabled = Object.fromEntries(Object.entries(parameters.agentServices.agents).map(([id, agent]) =>
      [id, condition(`${id}AgentEnabled`, isTrue(agent.enable))]));
    this.wafEnabled = condition('WafEnabled', isTrue(edge.enableWaf));
    this.guardDutyEnabled = condition('GuardDutyEnabled', isTrue(edge.enableGuardDuty));
    this.webhookEnabled = condition('WebhookNotificationsEnabled', isSet(monitoring.notificationWebhookUrl));
    this.samlEnabled = condition('SamlSignInEnabled', Fn.conditionEquals(signIn.identityProviderType.valueAsString, 'SAML'));
    this.oidcEnabled = condition('OidcSignInEnabled', Fn.conditionEquals(signIn.identityProviderType.valueAsString, 'OIDC'));
    this.meteringEnabled = condition('MarketplaceMeteringEnabled', isSet(releaseLocation.marketplaceProductCode));
    this.workspaceUrlSet = condition('WorkspaceUrlSet', isSet(webConsole.workspaceUrl));
    this.consoleWebAclSet = condition('ConsoleWebAclSet', isSet(webConsole.webAclArn));
    this.releaseBucketInStackRegion = condition('ReleaseBucketInStackRegion',
      Fn.conditionEquals(releaseLocation.bucketRegion.valueAsString, Stack.of(scope).region));
    this.documentDbInstanceConditions = moreInstancesThan(condition, dataStores.documentDbInstanceCount);
    this.permissionsBoundaryGiven = condition('PermissionsBoundaryGiven', isSet(permissions.boundaryArn));
    this.disasterRecoveryEnabled = condition('DisasterRecoveryEnabled', isTrue(disasterRecovery.enable));
  }
}

/** `MoreThan<n>DocumentDbInstances` for 1 <= n < {@link MAX_DOCUMENTDB_INSTANCES}, by n. */
function moreInstancesThan(condition: Declare, count: CfnParameter): Record<number, CfnCondition> {
  const conditions: Record<number, CfnCondition> = {};
  for (let instances = 1; instances < MAX_DOCUMENTDB_INSTANCES; instances++) {
    const larger = Array.from({ length: MAX_DOCUMENTDB_INSTANCES - instances }, (_, index) =>
      Fn.conditionEquals(count.valueAsString, String(instances + index + 1)));
    conditions[instances] = condition(`MoreThan${instances}DocumentDbInstances`, larger.length === 1 ? larger[0] : Fn.conditionOr(...larger));
  }
  return conditions;
}
