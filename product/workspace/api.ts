import { Aws, Fn, RemovalPolicy } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acceptNagFinding } from '../shared/policy-exceptions';

/** The stage every workspace API URL starts with. */
export const API_STAGE = 'v1';

/** Props of {@link WorkspaceApi}. */
export interface WorkspaceApiProps {
  /** Requests per second the stage admits before it answers 429 (ApiThrottlingRateLimit). */
  readonly rateLimit: number;
  /** Requests the stage admits at once above the rate (ApiThrottlingBurstLimit). */
  readonly burstLimit: number;
  /** Days the access and execution log groups keep events: the LogRetentionDays parameter's value. */
  readonly logRetentionDays: number;
  readonly handler: lambda.IFunction;
  readonly userPool: cognito.IUserPool;
  readonly logsKey: kms.IKey;
  /** The one origin the browser may call the API from (CORS): the web console's. */
  readonly allowedOrigin: string;
}

/**
 * The workspace REST API (seed guide, "API Gateway"): regional, TLS 1.2 or newer, every method behind
 * the Cognito authorizer, request validation, stage throttling, X-Ray, access logs and execution logs
 * in encrypted log groups. API Gateway invokes the handler through its own role (the seed's "API
 * Gateway role"), which may invoke that one function only.
 */
export class WorkspaceApi extends Construct {
  readonly api: apigateway.RestApi;
  readonly accessLogGroup: logs.LogGroup;
  readonly invokeRole: iam.Role;

  constructor(scope: Construct, id: string, props: WorkspaceApiProps) {
    super(scope, id);
    const retention = props.logRetentionDays as logs.RetentionDays;
    this.accessLogGroup = new logs.LogGroup(this, 'AccessLogGroup', {
      encryptionKey: props.logsKey, retention, removalPolicy: RemovalPolicy.RETAIN,
    });
    this.api = new apigateway.RestApi(this, 'Api', {
      description: 'Workspace API',
      endpointTypes: [apigateway.EndpointType.REGIONAL],
      cloudWatchRole: false,
      deploy: true,
      deployOptions: {
        stageName: API_STAGE,
        accessLogDestination: new apigateway.LogGroupLogDestination(this.accessLogGroup),
        accessLogFormat: apigateway.AccessLogFormat.jsonWithStandardFields(),
        loggingLevel: apigateway.MethodLoggingLevel.INFO,
        dataTraceEnabled: false,
        metricsEnabled: true,
        tracingEnabled: true,
        throttlingRateLimit: props.rateLimit,
        throttlingBurstLimit: props.burstLimit,
      },
      defaultCorsPreflightOptions: {
        allowOrigins: [props.allowedOrigin],
        allowHeaders: ['Authorization', 'Content-Type', 'If-Match'],
        allowMethods: ['GET', 'POST', 'PUT', 'DELETE'],
      },
    });
    const cfnApi = this.api.node.defaultChild as apigateway.CfnRestApi;
    cfnApi.securityPolicy = 'SecurityPolicy_TLS13_1_2_2021_06';
    cfnApi.endpointAccessMode = 'STRICT';

    this.invokeRole = new iam.Role(this, 'InvokeRole', {
      assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
      description: 'Lets the workspace API invoke the API handler function, and nothing else.',
    });
    props.handler.grantInvoke(this.invokeRole);
    acceptNagFinding(this.invokeRole, 'AwsSolutions-IAM5[Resource::<ApiHandlerFunction73BB96D1.Arn>:*]',
      'The wildcard covers the versions and aliases of the one API handler function, which API Gateway may invoke and nothing else.');
    const stage = this.api.deploymentStage;
    acceptNagFinding(stage, 'AwsSolutions-APIG3',
      'The WAF web ACL (WorkspaceEdgeProtection) is associated with this stage when EnableWaf is true; it is optional because WAF is billed per ACL, rule and request. Without it the API still has throttling, request validation and a Cognito authorizer on every method.');
    acceptNagFinding(stage, 'HIPAA.Security-APIGWCacheEnabledAndEncrypted',
      'Responses are per signed-in user and change with every write; caching them would serve stale or another user\'s data, so the stage has no cache to encrypt.');
    acceptNagFinding(stage, 'HIPAA.Security-APIGWSSLEnabled',
      'A stage client certificate authenticates API Gateway to HTTP backends; the only backend here is a Lambda function invoked through the AWS API with the invoke role.');
    this.addExecutionLogging(props, retention);
    this.addRoutes(props);
    this.addCorsToRefusals(props.allowedOrigin);
  }

  /**
   * The answers API Gateway makes itself (a refused or expired token, throttling, its own errors) carry
   * the CORS origin too; without it the browser hides a 401 from the console, which then cannot refresh
   * the session and retry.
   */
  private addCorsToRefusals(allowedOrigin: string): void {
    for (const [id, type] of [['Default4xx', apigateway.ResponseType.DEFAULT_4XX], ['Default5xx', apigateway.ResponseType.DEFAULT_5XX]] as const) {
      this.api.addGatewayResponse(id, {
        type,
        responseHeaders: { 'Access-Control-Allow-Origin': Fn.join('', ["'", allowedOrigin, "'"]) },
      });
    }
  }

  /** The API's base URL, ending in `/v1/`. */
  get url(): string {
    return this.api.url;
  }

  /**
   * Execution logs go to `API-Gateway-Execution-Logs_<api>/<stage>`, which API Gateway would create
   * unencrypted and without retention; it is created here first. Writing them needs the account-level
   * API Gateway CloudWatch role, which is set to a role that can write only those groups.
   */
  private addExecutionLogging(props: WorkspaceApiProps, retention: logs.RetentionDays): void {
    const executionLogs = new logs.LogGroup(this, 'ExecutionLogGroup', {
      logGroupName: Fn.join('', ['API-Gateway-Execution-Logs_', this.api.restApiId, `/${API_STAGE}`]),
      encryptionKey: props.logsKey, retention, removalPolicy: RemovalPolicy.RETAIN,
    });
    const cloudWatchRole = new iam.Role(this, 'CloudWatchRole', {
      assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com'),
      description: 'Lets API Gateway write the workspace API execution logs.',
      inlinePolicies: {
        WriteExecutionLogs: new iam.PolicyDocument({
          statements: [new iam.PolicyStatement({
            actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams', 'logs:CreateLogGroup'],
            resources: [
              `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:API-Gateway-Execution-Logs_*`,
              `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:API-Gateway-Execution-Logs_*:log-stream:*`,
            ],
          }),
          // IAM knows no resource for DescribeLogGroups: on a log group ARN it would never be allowed.
          new iam.PolicyStatement({ actions: ['logs:DescribeLogGroups'], resources: ['*'] })],
        }),
      },
    });
    acceptNagFinding(cloudWatchRole, 'AwsSolutions-IAM5[Resource::*]', 'DescribeLogGroups takes no resource (Service Authorization Reference).');
    for (const logs of ['API-Gateway-Execution-Logs_*', 'API-Gateway-Execution-Logs_*:log-stream:*']) {
      acceptNagFinding(cloudWatchRole, `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:${logs}]`,
        'The API Gateway CloudWatch role is set for the whole account and Region (AWS::ApiGateway::Account): it must keep the buyer\'s other APIs logging, so it admits every execution log group and nothing else.');
    }
    const account = new apigateway.CfnAccount(this, 'Account', { cloudWatchRoleArn: cloudWatchRole.roleArn });
    const stage = this.api.deploymentStage.node.defaultChild as apigateway.CfnStage;
    stage.addResourceDependency(account);
    stage.addResourceDependency(executionLogs.node.defaultChild as logs.CfnLogGroup);
  }

  private addRoutes(props: WorkspaceApiProps): void {
    const authorizer = new apigateway.CognitoUserPoolsAuthorizer(this, 'Authorizer', {
      cognitoUserPools: [props.userPool],
    });
    // A plain AWS_PROXY integration rather than LambdaIntegration: API Gateway invokes through its own
    // role, so the function needs no resource-policy permission per method (LambdaIntegration adds two).
    const integration = new apigateway.Integration({
      type: apigateway.IntegrationType.AWS_PROXY,
      integrationHttpMethod: 'POST',
      uri: `arn:${Aws.PARTITION}:apigateway:${Aws.REGION}:lambda:path/2015-03-31/functions/${props.handler.functionArn}/invocations`,
      options: { credentialsRole: this.invokeRole },
    });
    const validator = this.api.addRequestValidator('Validator', {
      validateRequestBody: true,
      validateRequestParameters: true,
    });
    const workflowModel = this.api.addModel('Workflow', {
      contentType: 'application/json',
      schema: {
        schema: apigateway.JsonSchemaVersion.DRAFT4,
        title: 'Workflow',
        type: apigateway.JsonSchemaType.OBJECT,
        required: ['name', 'steps'],
        additionalProperties: false,
        properties: {
          name: { type: apigateway.JsonSchemaType.STRING, minLength: 1, maxLength: 200 },
          description: { type: apigateway.JsonSchemaType.STRING, maxLength: 2000 },
          schedule: { type: apigateway.JsonSchemaType.STRING, maxLength: 256 },
          steps: { type: apigateway.JsonSchemaType.ARRAY, minItems: 1, maxItems: 200, items: { type: apigateway.JsonSchemaType.OBJECT } },
          timeoutSeconds: { type: apigateway.JsonSchemaType.INTEGER, minimum: 1 },
        },
      },
    });
    const method = (withBody: boolean, pathParameters: string[] = []): apigateway.MethodOptions => ({
      authorizer,
      authorizationType: apigateway.AuthorizationType.COGNITO,
      requestValidator: validator,
      requestModels: withBody ? { 'application/json': workflowModel } : undefined,
      requestParameters: Object.fromEntries(pathParameters.map((name) => [`method.request.path.${name}`, true])),
    });

    const workflows = this.api.root.addResource('workflows');
    workflows.addMethod('GET', integration, method(false));
    workflows.addMethod('POST', integration, method(true));
    const workflow = workflows.addResource('{workflowId}');
    workflow.addMethod('GET', integration, method(false, ['workflowId']));
    workflow.addMethod('PUT', integration, method(true, ['workflowId']));
    workflow.addMethod('DELETE', integration, method(false, ['workflowId']));
    const runs = workflow.addResource('runs');
    runs.addMethod('GET', integration, method(false, ['workflowId']));
    runs.addMethod('POST', integration, method(false, ['workflowId']));
    const run = runs.addResource('{runId}');
    run.addMethod('GET', integration, method(false, ['workflowId', 'runId']));
    run.addResource('cancel').addMethod('POST', integration, method(false, ['workflowId', 'runId']));
    // The Activity tab: per-workflow success and failure counts per day, and the latest failures.
    this.api.root.addResource('activity').addMethod('GET', integration, method(false));
    // The audit log, filtered by user, action and time, for the console's Audit log screen.
    this.api.root.addResource('audit').addMethod('GET', integration, method(false));
    // Bot import and export through the import/export bucket: the user's exports, saving one, importing one.
    const exports = this.api.root.addResource('exports');
    exports.addMethod('GET', integration, method(false));
    exports.addMethod('POST', integration, method(false));
    this.api.root.addResource('imports').addMethod('POST', integration, method(false));

    const decisionModel = this.api.addModel('ApprovalDecision', {
      contentType: 'application/json',
      schema: {
        schema: apigateway.JsonSchemaVersion.DRAFT4,
        title: 'ApprovalDecision',
        type: apigateway.JsonSchemaType.OBJECT,
        required: ['decision'],
        additionalProperties: false,
        properties: {
          decision: { type: apigateway.JsonSchemaType.STRING, enum: ['approve', 'reject'] },
          comment: { type: apigateway.JsonSchemaType.STRING, maxLength: 1000 },
        },
      },
    });
    // Approval decisions for the approval-gated automations (EnableApprovalWorkflows); with the option
    // off, the handler answers 404 approvals_off.
    const approvals = this.api.root.addResource('approvals');
    approvals.addMethod('GET', integration, method(false));
    approvals.addResource('{approvalId}').addMethod('POST', integration, {
      ...method(false, ['approvalId']), requestModels: { 'application/json': decisionModel },
    });
  }
}
