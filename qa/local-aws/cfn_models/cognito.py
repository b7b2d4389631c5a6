"""Cognito user pools with their clients, domains and identity providers, and identity pools with their roles."""

import json
from typing import Any

from moto.cognitoidentity.models import cognitoidentity_backends
from moto.cognitoidp.models import cognitoidp_backends

from .base import HarnessModel, template_bool


def _idp(account_id: str, region_name: str) -> Any:
    return cognitoidp_backends[account_id][region_name]


def _identity(account_id: str, region_name: str) -> Any:
    return cognitoidentity_backends[account_id][region_name]



def _typed(config: dict[str, Any], ints: tuple[str, ...] = (), bools: tuple[str, ...] = ()) -> dict[str, Any]:
    """Properties may carry numbers and booleans as strings; the Cognito API returns them typed."""
    return {
        key: int(value) if key in ints else template_bool(value) if key in bools else value
        for key, value in config.items()
    }


class UserPool(HarnessModel):
    TYPE = "AWS::Cognito::UserPool"

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        backend = _idp(account_id, region_name)
        # EnabledMfas is not a CreateUserPool member: the API sets it through SetUserPoolMfaConfig.
        config = {key: value for key, value in properties.items() if key not in ("UserPoolName", "EnabledMfas")}
        if "PasswordPolicy" in (config.get("Policies") or {}):
            policy = _typed(
                config["Policies"]["PasswordPolicy"],
                ints=("MinimumLength", "TemporaryPasswordValidityDays", "PasswordHistorySize"),
                bools=("RequireLowercase", "RequireNumbers", "RequireSymbols", "RequireUppercase"),
            )
            config["Policies"] = {**config["Policies"], "PasswordPolicy": policy}
        if "AccountRecoverySetting" in config:
            mechanisms = [_typed(m, ints=("Priority",)) for m in config["AccountRecoverySetting"].get("RecoveryMechanisms", [])]
            config["AccountRecoverySetting"] = {"RecoveryMechanisms": mechanisms}
        pool = backend.create_user_pool(properties.get("UserPoolName") or name, config)

        enabled = properties.get("EnabledMfas") or []
        if enabled:
            sms = {"SmsConfiguration": properties.get("SmsConfiguration"), "SmsAuthenticationMessage": properties.get("SmsAuthenticationMessage")}
            backend.set_user_pool_mfa_config(
                pool.id,
                sms if "SMS_MFA" in enabled and sms["SmsConfiguration"] else None,
                {"Enabled": True} if "SOFTWARE_TOKEN_MFA" in enabled else None,
                pool.mfa_config,
            )
        provider_name = f"cognito-idp.{region_name}.amazonaws.com/{pool.id}"
        return pool.id, {"Arn": pool.arn, "ProviderName": provider_name, "ProviderURL": f"https://{provider_name}", "UserPoolId": pool.id}

    def remove(self) -> None:
        backend = _idp(self.account_id, self.region_name)
        if self.physical_resource_id in backend.user_pools:
            backend.delete_user_pool(self.physical_resource_id)


class UserPoolClient(HarnessModel):
    TYPE = "AWS::Cognito::UserPoolClient"

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        config = {key: value for key, value in properties.items() if key not in ("UserPoolId", "GenerateSecret")}
        config = _typed(
            config,
            ints=("AccessTokenValidity", "IdTokenValidity", "RefreshTokenValidity", "AuthSessionValidity"),
            bools=("AllowedOAuthFlowsUserPoolClient", "EnableTokenRevocation", "EnablePropagateAdditionalUserContextData"),
        )
        config.setdefault("ClientName", name)
        client = _idp(account_id, region_name).create_user_pool_client(
            properties["UserPoolId"], template_bool(properties.get("GenerateSecret", False)), config
        )
        attributes = {"ClientId": client.id, "Name": config["ClientName"]}
        if client.generate_secret:
            attributes["ClientSecret"] = client.secret
        return client.id, attributes

    def remove(self) -> None:
        backend = _idp(self.account_id, self.region_name)
        pool = backend.user_pools.get(self.properties["UserPoolId"])
        if pool and self.physical_resource_id in pool.clients:  # clients go with a deleted pool
            backend.delete_user_pool_client(pool.id, self.physical_resource_id)


class UserPoolDomain(HarnessModel):
    TYPE = "AWS::Cognito::UserPoolDomain"

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        domain = _idp(account_id, region_name).create_user_pool_domain(
            properties["UserPoolId"], properties["Domain"], properties.get("CustomDomainConfig")
        )
        return domain.domain, {"CloudFrontDistribution": domain.to_json(extended=False)["CloudFrontDomain"]}

    def remove(self) -> None:
        # moto keeps domains apart from their pool, so they are removed even when the pool is gone.
        backend = _idp(self.account_id, self.region_name)
        if self.physical_resource_id in backend.user_pool_domains:
            backend.delete_user_pool_domain(self.physical_resource_id)


class UserPoolIdentityProvider(HarnessModel):
    TYPE = "AWS::Cognito::UserPoolIdentityProvider"

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        config = {key: value for key, value in properties.items() if key not in ("UserPoolId", "ProviderName")}
        provider = _idp(account_id, region_name).create_identity_provider(properties["UserPoolId"], properties["ProviderName"], config)
        # Ref is the provider name: clients list it in SupportedIdentityProviders.
        return provider.name, {}

    def remove(self) -> None:
        backend = _idp(self.account_id, self.region_name)
        pool = backend.user_pools.get(self.properties["UserPoolId"])
        if pool and self.physical_resource_id in pool.identity_providers:
            backend.delete_identity_provider(pool.id, self.physical_resource_id)


class IdentityPool(HarnessModel):
    TYPE = "AWS::Cognito::IdentityPool"

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        providers = [_typed(p, bools=("ServerSideTokenCheck",)) for p in properties.get("CognitoIdentityProviders") or []]
        tags = properties.get("IdentityPoolTags") or []
        pool_name = properties.get("IdentityPoolName") or name
        created = _identity(account_id, region_name).create_identity_pool(
            identity_pool_name=pool_name,
            allow_unauthenticated_identities=template_bool(properties.get("AllowUnauthenticatedIdentities", False)),
            supported_login_providers=properties.get("SupportedLoginProviders") or {},
            developer_provider_name=properties.get("DeveloperProviderName") or "",
            open_id_connect_provider_arns=properties.get("OpenIdConnectProviderARNs") or [],
            cognito_identity_providers=providers,
            saml_provider_arns=properties.get("SamlProviderARNs") or [],
            # CloudFormation tags are a list of Key/Value; the identity API keeps a map.
            tags={tag["Key"]: tag["Value"] for tag in tags} if isinstance(tags, list) else tags,
        )
        pool_id = json.loads(created)["IdentityPoolId"]
        return pool_id, {"Id": pool_id, "Name": pool_name}

    def remove(self) -> None:
        backend = _identity(self.account_id, self.region_name)
        if self.physical_resource_id in backend.identity_pools:
            backend.delete_identity_pool(self.physical_resource_id)


class IdentityPoolRoleAttachment(HarnessModel):
    """moto's identity pools have no roles (no SetIdentityPoolRoles), so the roles are kept on the pool object."""

    TYPE = "AWS::Cognito::IdentityPoolRoleAttachment"

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        pool_id = properties["IdentityPoolId"]
        pool = _identity(account_id, region_name).identity_pools.get(pool_id)
        if pool is None:
            raise ValueError(f"Identity pool {pool_id} does not exist")
        pool.roles = dict(properties.get("Roles") or {})
        # CloudFormation keys role mappings by any name and names the provider inside; the API keys them by provider.
        pool.role_mappings = {
            mapping.get("IdentityProvider", key): {k: v for k, v in mapping.items() if k != "IdentityProvider"}
            for key, mapping in (properties.get("RoleMappings") or {}).items()
        }
        return pool_id, {"Id": pool_id}

    def remove(self) -> None:
        pool = _identity(self.account_id, self.region_name).identity_pools.get(self.physical_resource_id)
        if pool:
            pool.roles, pool.role_mappings = {}, {}


class ManagedLoginBranding(HarnessModel):
    """A managed login style of one app client. moto has no branding API, so the model checks what
    Cognito checks (the pool and the client exist; either Cognito's values or settings) and keeps the
    style itself."""

    TYPE = "AWS::Cognito::ManagedLoginBranding"

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        pool = _idp(account_id, region_name).user_pools.get(properties.get("UserPoolId"))
        if pool is None:
            raise ValueError(f"{logical_id}: UserPoolId {properties.get('UserPoolId')} is not a user pool")
        if properties.get("ClientId") not in pool.clients:
            raise ValueError(f"{logical_id}: ClientId {properties.get('ClientId')} is not a client of {pool.id}")
        if not template_bool(properties.get("UseCognitoProvidedValues")) and not properties.get("Settings"):
            raise ValueError(f"{logical_id}: give Settings, or UseCognitoProvidedValues true")
        branding_id = f"{pool.id}-{properties['ClientId']}"
        return branding_id, {"ManagedLoginBrandingId": branding_id}


MODELS = [UserPool, UserPoolClient, UserPoolDomain, UserPoolIdentityProvider, IdentityPool, IdentityPoolRoleAttachment, ManagedLoginBranding]
