import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { resourcesOfType, target, template, theResource, workspaceJson } from './workspace-template';
import { ROUTES } from '../../services/api-handler/routes';

describe('API Gateway (seed guide: RESTful API, TLS 1.2+)', () => {
  const [apiId, api] = theResource('AWS::ApiGateway::RestApi');

  test('is regional and refuses TLS below 1.2', () => {
    assert.deepEqual(api.Properties!.EndpointConfiguration.Types, ['REGIONAL']);
    assert.match(api.Properties!.SecurityPolicy, /^SecurityPolicy_TLS1[23]_/);
  });

  test('every method but CORS preflight requires a Cognito sign-in and is validated', () => {
    const [authorizerId, authorizer] = theResource('AWS::ApiGateway::Authorizer');
    assert.equal(authorizer.Properties!.Type, 'COGNITO_USER_POOLS');
    const methods = resourcesOfType('AWS::ApiGateway::Method').filter(([, method]) => method.Properties!.HttpMethod !== 'OPTIONS');
    // One method per route the handler answers (services/api-handler/routes.ts).
    assert.equal(methods.length, Object.keys(ROUTES).length);
    for (const [id, method] of methods) {
      assert.equal(method.Properties!.AuthorizationType, 'COGNITO_USER_POOLS', id);
      assert.equal(target(method.Properties!.AuthorizerId), authorizerId, id);
      assert.ok(method.Properties!.RequestValidatorId, id);
    }
  });

  test('the refusals API Gateway makes itself (4XX, 5XX) carry the CORS origin, so the console can read a 401', () => {
    const responses = resourcesOfType('AWS::ApiGateway::GatewayResponse').map(([, response]) => response.Properties!);
    assert.deepEqual(responses.map((response) => response.ResponseType).sort(), ['DEFAULT_4XX', 'DEFAULT_5XX']);
    for (const response of responses) {
      assert.equal(target(response.RestApiId), apiId);
      assert.ok(response.ResponseParameters['gatewayresponse.header.Access-Control-Allow-Origin'], JSON.stringify(response));
    }
  });

  test('requests that create or change a workflow must match the Workflow schema', () => {
    const bodies = resourcesOfType('AWS::ApiGateway::Method').filter(([, method]) => ['POST', 'PUT'].includes(method.Properties!.HttpMethod) && method.Properties!.RequestModels);
    assert.ok(bodies.length >= 2);
    const [, model] = theResource('AWS::ApiGateway::Model', (properties) => properties.Name === 'Workflow' || properties.Schema?.title === 'Workflow');
    assert.deepEqual(model.Properties!.Schema.required, ['name', 'steps']);
    assert.equal(model.Properties!.Schema.additionalProperties, false);
  });

  test('the stage throttles, traces, and writes access and execution logs', () => {
    const [, stage] = theResource('AWS::ApiGateway::Stage');
    const p = stage.Properties!;
    assert.equal(p.TracingEnabled, true);
    assert.ok(p.AccessLogSetting.DestinationArn);
    assert.deepEqual(p.MethodSettings[0], {
      DataTraceEnabled: false, HttpMethod: '*', LoggingLevel: 'INFO', MetricsEnabled: true, ResourcePath: '/*',
      ThrottlingBurstLimit: { Ref: 'ApiThrottlingBurstLimit' }, ThrottlingRateLimit: { Ref: 'ApiThrottlingRateLimit' },
    });
    const executionLogs = resourcesOfType('AWS::Logs::LogGroup').find(([, group]) => JSON.stringify(group.Properties!.LogGroupName ?? '').includes('API-Gateway-Execution-Logs_'));
    assert.ok(executionLogs);
    assert.ok(JSON.stringify(executionLogs[1].Properties!.LogGroupName).includes(`{"Ref":"${apiId}"}`));
  });

  test('API Gateway invokes the handler through a role that may invoke that function only (the seed\'s API Gateway role)', () => {
    const integrations = resourcesOfType('AWS::ApiGateway::Method').filter(([, method]) => method.Properties!.Integration?.Type === 'AWS_PROXY');
    const roles = new Set(integrations.map(([, method]) => target(method.Properties!.Integration.Credentials)));
    assert.equal(roles.size, 1);
    const [role] = roles;
    const [, policy] = theResource('AWS::IAM::Policy', (properties) => properties.Roles.some((r: any) => target(r) === role));
    assert.deepEqual(policy.Properties!.PolicyDocument.Statement.map((statement: any) => statement.Action), ['lambda:InvokeFunction']);
    // No function's resource policy admits API Gateway: only the role lets it invoke.
    assert.deepEqual(resourcesOfType('AWS::Lambda::Permission').filter(([, permission]) => permission.Properties!.Principal === 'apigateway.amazonaws.com'), []);
  });
});

describe('Cognito (seed guide: user authentication, SSO)', () => {
  const [, pool] = theResource('AWS::Cognito::UserPool');

  test('users sign in with email and a required TOTP second factor; nobody signs themselves up', () => {
    const p = pool.Properties!;
    assert.deepEqual(p.UsernameAttributes, ['email']);
    assert.equal(p.MfaConfiguration, 'ON');
    assert.deepEqual(p.EnabledMfas, ['SOFTWARE_TOKEN_MFA']);
    assert.equal(p.AdminCreateUserConfig.AllowAdminCreateUserOnly, true);
    assert.equal(pool.DeletionPolicy, 'Retain');
    assert.equal(p.DeletionProtection, 'ACTIVE');
  });

  test('passwords have at least 14 characters of every class', () => {
    assert.deepEqual(pool.Properties!.Policies.PasswordPolicy, {
      MinimumLength: 14, RequireLowercase: true, RequireNumbers: true, RequireSymbols: true, RequireUppercase: true, TemporaryPasswordValidityDays: 3,
    });
  });

  test('SAML and OIDC providers exist only when the buyer chooses them', () => {
    const providers = resourcesOfType('AWS::Cognito::UserPoolIdentityProvider');
    assert.deepEqual(providers.map(([, provider]) => [provider.Properties!.ProviderType, provider.Condition]).sort(),
      [['OIDC', 'OidcSignInEnabled'], ['SAML', 'SamlSignInEnabled']]);
    assert.equal(workspaceJson.Parameters.OidcClientSecret.NoEcho, true);
    assert.equal(workspaceJson.Rules.OidcSignInSettings.RuleCondition['Fn::Equals'][1], 'OIDC');
  });

  test('the identity pool admits signed-in users only, whose role reaches only their own export folder', () => {
    template.hasResourceProperties('AWS::Cognito::IdentityPool', { AllowUnauthenticatedIdentities: false });
    const [, policy] = theResource('AWS::IAM::Policy', (properties) => JSON.stringify(properties).includes('cognito-identity.amazonaws.com:sub'));
    assert.equal(policy.Condition, 'BackupBucketEnabled');
    const actions = policy.Properties!.PolicyDocument.Statement.flatMap((statement: any) => [statement.Action].flat()).sort();
    assert.deepEqual(actions, ['kms:Decrypt', 'kms:GenerateDataKey', 's3:GetObject', 's3:ListBucket', 's3:PutObject']);
  });
});
