"""API Gateway account settings, authorizers, gateway responses, models, request validators and stages of a REST API."""

import json
import re
from typing import Any

from moto.apigateway.exceptions import AuthorizerNotFoundException, ModelNotFound, RestAPINotFound, StageNotFoundException
from moto.apigateway.models import apigateway_backends

from .base import HarnessModel, template_bool

# A stage's MethodSetting property -> the path suffix of moto's (and API Gateway's) update_stage patch operation.
_METHOD_SETTING_PATHS = {
    "MetricsEnabled": "metrics/enabled",
    "LoggingLevel": "logging/loglevel",
    "DataTraceEnabled": "logging/dataTrace",
    "ThrottlingBurstLimit": "throttling/burstLimit",
    "ThrottlingRateLimit": "throttling/rateLimit",
    "CachingEnabled": "caching/enabled",
    "CacheTtlInSeconds": "caching/ttlInSeconds",
    "CacheDataEncrypted": "caching/dataEncrypted",
}

# A parent REST API deleted before its children takes them with it.
_GONE = (RestAPINotFound, AuthorizerNotFoundException, ModelNotFound, StageNotFoundException, KeyError)


def _apigateway(account_id: str, region_name: str) -> Any:
    return apigateway_backends[account_id][region_name]



def _patch_value(value: Any) -> str:
    """moto parses patch values from strings, the way the API sends them; "200.0" would fail its int()."""
    if isinstance(value, bool) or str(value).lower() in ("true", "false"):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class Account(HarnessModel):
    TYPE = "AWS::ApiGateway::Account"

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        role_arn = properties.get("CloudWatchRoleArn")
        _apigateway(account_id, region_name).update_account([{"op": "replace", "path": "/cloudwatchRoleArn", "value": role_arn}])
        # The account has no ID of its own; CloudFormation's Ref returns a generated one.
        return name, {"Id": name}

    def remove(self) -> None:
        _apigateway(self.account_id, self.region_name).update_account([{"op": "replace", "path": "/cloudwatchRoleArn", "value": None}])


class Authorizer(HarnessModel):
    TYPE = "AWS::ApiGateway::Authorizer"

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        ttl = properties.get("AuthorizerResultTtlInSeconds")
        authorizer = _apigateway(account_id, region_name).create_authorizer(
            restapi_id=properties["RestApiId"],
            name=properties.get("Name") or name,
            authorizer_type=properties["Type"],
            provider_arns=properties.get("ProviderARNs"),
            auth_type=properties.get("AuthType"),
            authorizer_uri=properties.get("AuthorizerUri"),
            authorizer_credentials=properties.get("AuthorizerCredentials"),
            identity_source=properties.get("IdentitySource"),
            identiy_validation_expression=properties.get("IdentityValidationExpression"),  # sic: moto's spelling
            authorizer_result_ttl=int(ttl) if ttl is not None else None,
        )
        return authorizer.id, {"AuthorizerId": authorizer.id}

    def remove(self) -> None:
        try:
            _apigateway(self.account_id, self.region_name).delete_authorizer(self.properties["RestApiId"], self.physical_resource_id)
        except _GONE:
            pass


class Model(HarnessModel):
    TYPE = "AWS::ApiGateway::Model"

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        # Model names are alphanumeric; the generated stack-logical-suffix name is not.
        model_name = properties.get("Name") or re.sub(r"[^A-Za-z0-9]", "", name)
        schema = properties.get("Schema")
        _apigateway(account_id, region_name).create_model(
            rest_api_id=properties["RestApiId"],
            name=model_name,
            content_type=properties.get("ContentType"),
            description=properties.get("Description"),
            schema=json.dumps(schema) if isinstance(schema, dict) else schema,
        )
        return model_name, {}

    def remove(self) -> None:
        try:
            _apigateway(self.account_id, self.region_name).delete_model(self.properties["RestApiId"], self.physical_resource_id)
        except _GONE:
            pass


class RequestValidator(HarnessModel):
    TYPE = "AWS::ApiGateway::RequestValidator"

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        validator = _apigateway(account_id, region_name).create_request_validator(
            restapi_id=properties["RestApiId"],
            name=properties.get("Name") or name,
            body=template_bool(properties.get("ValidateRequestBody", False)),
            params=template_bool(properties.get("ValidateRequestParameters", False)),
        )
        return validator.id, {"RequestValidatorId": validator.id}

    def remove(self) -> None:
        try:
            _apigateway(self.account_id, self.region_name).delete_request_validator(self.properties["RestApiId"], self.physical_resource_id)
        except _GONE:
            pass


class Stage(HarnessModel):
    TYPE = "AWS::ApiGateway::Stage"

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        backend = _apigateway(account_id, region_name)
        rest_api_id = properties["RestApiId"]
        stage_name = properties.get("StageName") or name
        # moto's Ref of an AWS::ApiGateway::Deployment is the Deployment object itself, not its ID.
        deployment_id = getattr(properties.get("DeploymentId"), "id", properties.get("DeploymentId"))
        try:  # a Deployment with a StageName already made this stage in moto; this resource takes it over
            backend.delete_stage(rest_api_id, stage_name)
        except StageNotFoundException:
            pass
        cache_size = properties.get("CacheClusterSize")
        stage = backend.create_stage(
            rest_api_id,
            stage_name,
            deployment_id,
            variables=properties.get("Variables"),
            description=properties.get("Description", ""),
            cacheClusterEnabled=template_bool(properties.get("CacheClusterEnabled", False)),
            cacheClusterSize=str(cache_size) if cache_size is not None else None,
            tags={tag["Key"]: tag["Value"] for tag in properties.get("Tags") or []} or None,
            tracing_enabled=template_bool(properties["TracingEnabled"]) if "TracingEnabled" in properties else None,
        )
        # Method settings go in as update_stage's patch operations, keyed like API Gateway's: "~1path/METHOD" ("*/*" for all).
        stage.apply_operations([
            {"op": "replace", "path": f"/{cls._method_key(setting)}/{path}", "value": _patch_value(setting[key])}
            for setting in properties.get("MethodSettings") or []
            for key, path in _METHOD_SETTING_PATHS.items()
            if key in setting
        ])
        access_log = properties.get("AccessLogSetting")
        if access_log:
            stage.access_log_settings = {"destinationArn": access_log.get("DestinationArn"), "format": access_log.get("Format")}
        # Ref of a stage is its name; CloudFormation offers no Fn::GetAtt attributes for it.
        return stage_name, {}

    @staticmethod
    def _method_key(setting: dict[str, Any]) -> str:
        """ResourcePath without its leading slash (already ~1-encoded in templates), then HttpMethod."""
        return f"{setting.get('ResourcePath', '/*')[1:]}/{setting.get('HttpMethod', '*')}"

    def remove(self) -> None:
        try:
            _apigateway(self.account_id, self.region_name).delete_stage(self.properties["RestApiId"], self.physical_resource_id)
        except _GONE:
            pass


class Method(HarnessModel):
    """Replaces moto's own model of this type, which requires an integration HTTP method and URI (a MOCK
    integration, such as a CORS preflight, has neither) and drops the authorizer, validator and models."""

    TYPE = "AWS::ApiGateway::Method"

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        backend = apigateway_backends[account_id][region_name]
        api, resource, verb = properties["RestApiId"], properties["ResourceId"], properties["HttpMethod"]
        backend.put_method(
            function_id=api, resource_id=resource, method_type=verb,
            authorization_type=properties.get("AuthorizationType", "NONE"),
            api_key_required=template_bool(properties.get("ApiKeyRequired")),
            request_parameters=properties.get("RequestParameters"),
            request_models=properties.get("RequestModels"),
            authorizer_id=properties.get("AuthorizerId"),
            request_validator_id=properties.get("RequestValidatorId"),
        )
        integration = properties.get("Integration") or {}
        backend.put_integration(
            function_id=api, resource_id=resource, method_type=verb,
            integration_type=integration.get("Type", "MOCK"),
            uri=integration.get("Uri", ""),
            integration_method=integration.get("IntegrationHttpMethod", verb),
            credentials=integration.get("Credentials"),
            request_templates=integration.get("RequestTemplates"),
        )
        physical_id = f"{api}|{resource}|{verb}"
        return physical_id, {}

    def remove(self) -> None:
        api, resource, verb = self.physical_resource_id.split("|")
        try:
            apigateway_backends[self.account_id][self.region_name].delete_method(api, resource, verb)
        except Exception:  # the API or resource went first
            pass


class GatewayResponse(HarnessModel):
    """A REST API's answer for a response type it generates itself (DEFAULT_4XX: a refused token), here
    its CORS headers, so the console can read the refusal."""

    TYPE = "AWS::ApiGateway::GatewayResponse"

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        api, response_type = properties["RestApiId"], properties["ResponseType"]
        _apigateway(account_id, region_name).put_gateway_response(
            rest_api_id=api, response_type=response_type, status_code=properties.get("StatusCode"),
            response_parameters=properties.get("ResponseParameters", {}), response_templates=properties.get("ResponseTemplates", {}),
        )
        return f"{api}|{response_type}", {}

    def remove(self) -> None:
        api, response_type = self.physical_resource_id.split("|")
        try:
            _apigateway(self.account_id, self.region_name).delete_gateway_response(api, response_type)
        except _GONE:
            pass


MODELS = [Method, Account, Authorizer, GatewayResponse, Model, RequestValidator, Stage]
