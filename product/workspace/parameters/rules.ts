import { CfnRule, CfnRuleProps, Fn, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { SUPPORTED_REGIONS } from '../../shared/supported-regions';
import { FARGATE_TASK_SIZES } from '../sizing';
import { AgenticAutomationParameters } from './agentic-automation';
import { BedrockParameters } from './bedrock';
import { DisasterRecoveryParameters } from './disaster-recovery';
import { EngineParameters } from './engine';
import { SignInParameters } from './sign-in';
import { WebConsoleParameters } from './web-console';

/** The wizard groups whose parameters the rules check. */
export interface WorkspaceRulesProps {
  readonly engine: EngineParameters;
  readonly signIn: SignInParameters;
  readonly bedrock: BedrockParameters;
  readonly agenticAutomation: AgenticAutomationParameters;
  readonly webConsole: WebConsoleParameters;
  readonly disasterRecovery: DisasterRecoveryParameters;
}

type Declare = (name: string, props: CfnRuleProps) => void;

const isTrue = (value: string) => Fn.conditionEquals(value, 'true');
const isSet = (value: string) => Fn.conditionNot(Fn.conditionEquals(value, ''));

/**
 * The template's rules, each with its logical ID equal to its name, which reject a launch in another
 * Region or with parameters that do not fit together before anything is created. Declared in the order
 * the templates have always listed them (CDK writes them in declaration order).
 */
export function declareWorkspaceRules(scope: Construct, parameters: WorkspaceRulesProps): void {
  const rule: Declare = (name, props) => new CfnRule(scope, name, props).overrideLogicalId(name);
  rule('SupportedRegion', {
    assertions: [{
      assert: Fn.conditionContains(SUPPORTED_REGIONS, Stack.of(scope).region),
      assertDescription: `The workspace is offered in ${SUPPORTED_REGIONS.join(' and ')} only; launch the stack in one of these Regions.`,
    }],
  });
  declareEngineTaskSizeRules(rule, parameters.engine);
  declareDependencyRules(rule, parameters.bedrock, parameters.agenticAutomation);
  declareCustomDomainRules(rule, parameters.webConsole);
  declareSingleSignOnRules(rule, parameters.signIn);
  rule('RecoveryRegionIsAnother', {
    ruleCondition: isTrue(parameters.disasterRecovery.enable.valueAsString),
    assertions: [{
      assert: Fn.conditionNot(Fn.conditionEquals(parameters.disasterRecovery.recoveryRegion.valueAsString, Stack.of(scope).region)),
      assertDescription: 'RecoveryRegion must be the other supported Region: copies kept in the Region they come from do not survive its outage.',
    }],
  });
}

/** Per CPU size, the memory sizes Fargate accepts with it. */
function declareEngineTaskSizeRules(rule: Declare, engine: EngineParameters): void {
  for (const [cpu, memories] of Object.entries(FARGATE_TASK_SIZES)) {
    rule(`EngineTaskSizeFor${cpu}Cpu`, {
      ruleCondition: Fn.conditionEquals(engine.taskCpu.valueAsString, cpu),
      assertions: [{
        assert: Fn.conditionContains(memories, engine.taskMemory.valueAsString),
        assertDescription: `With ${cpu} CPU units, EngineTaskMemory must be one of ${memories.join(', ')} MiB.`,
      }],
    });
  }
}

/** Options that need another option switched on. */
function declareDependencyRules(rule: Declare, bedrock: BedrockParameters, agentic: AgenticAutomationParameters): void {
  rule('BedrockGuardrailNeedsBedrock', {
    ruleCondition: isTrue(bedrock.enableGuardrail.valueAsString),
    assertions: [{
      assert: isTrue(bedrock.enableBedrock.valueAsString),
      assertDescription: 'EnableBedrockGuardrail guards the workspace\'s Bedrock calls: set EnableBedrock to true as well, or EnableBedrockGuardrail to false.',
    }],
  });
  rule('ApprovalWorkflowsNeedTaskQueue', {
    ruleCondition: isTrue(agentic.enableApprovalWorkflows.valueAsString),
    assertions: [{
      assert: isTrue(agentic.enableTaskQueue.valueAsString),
      assertDescription: 'Approved automations are handed to the agents through the task queue: set EnableTaskQueue to true as well, or EnableApprovalWorkflows to false.',
    }],
  });
}

/** A custom domain and its certificate come together. */
function declareCustomDomainRules(rule: Declare, webConsole: WebConsoleParameters): void {
  const url = webConsole.workspaceUrl.valueAsString;
  const certificate = webConsole.certificateArn.valueAsString;
  rule('CustomDomainSettings', {
    ruleCondition: isSet(url),
    assertions: [{
      assert: isSet(certificate),
      assertDescription: 'A custom WorkspaceUrl needs ConsoleCertificateArn: an ACM certificate in us-east-1 for its host. Leave WorkspaceUrl empty to use the CloudFront address.',
    }],
  });
  rule('CertificateNeedsCustomDomain', {
    ruleCondition: isSet(certificate),
    assertions: [{
      assert: isSet(url),
      assertDescription: 'ConsoleCertificateArn is used only with a custom domain: set WorkspaceUrl to the https:// address the certificate covers, or clear ConsoleCertificateArn.',
    }],
  });
}

/** The chosen identity provider's settings are given. */
function declareSingleSignOnRules(rule: Declare, signIn: SignInParameters): void {
  const provider = signIn.identityProviderType.valueAsString;
  const needs = (parameter: { valueAsString: string }, assertDescription: string) => ({ assert: isSet(parameter.valueAsString), assertDescription });
  rule('SamlSignInSettings', {
    ruleCondition: Fn.conditionEquals(provider, 'SAML'),
    assertions: [needs(signIn.samlMetadataUrl, 'IdentityProviderType SAML needs SamlMetadataUrl: the https:// URL of your IdP metadata.')],
  });
  rule('OidcSignInSettings', {
    ruleCondition: Fn.conditionEquals(provider, 'OIDC'),
    assertions: [
      needs(signIn.oidcIssuerUrl, 'IdentityProviderType OIDC needs OidcIssuerUrl.'),
      needs(signIn.oidcClientId, 'IdentityProviderType OIDC needs OidcClientId.'),
      needs(signIn.oidcClientSecret, 'IdentityProviderType OIDC needs OidcClientSecret.'),
    ],
  });
}
