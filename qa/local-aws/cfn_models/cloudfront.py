"""CloudFront origin access controls, functions, response headers policies and distributions.

CloudFront is global: whatever the stack's Region, its resources live in moto's one backend of the
partition ("aws"), so a name one stack takes is taken for every stack of the account, as in CloudFront.
moto's backend has no response headers policies; they are kept here, per account. A distribution's
DistributionConfig comes in CloudFormation's shape (plain lists, IPV6Enabled, AcmCertificateArn) and goes
to moto in the API's (Quantity/Items wrappers, IsIPV6Enabled, ACMCertificateArn), after the checks
CloudFront makes of what it names: the origin access controls, published functions and response headers
policies exist, and a custom domain has a certificate from us-east-1. What moto's distribution drops (an
origin's OriginAccessControlId, a behavior's function associations) is put back on its objects, so
GetDistribution returns it.
"""

import re
import uuid
from datetime import datetime, timezone
from typing import Any, NoReturn

from moto.cloudfront.models import cloudfront_backends
from moto.utilities.utils import get_partition

from .base import HarnessModel, tag_list, template_bool

# Keys whose values CloudFront's API types as numbers or booleans; a parameter or Fn::If may give them as text.
_INT_KEYS = frozenset({
    "AccessControlMaxAgeSec", "ConnectionAttempts", "ConnectionTimeout", "DefaultTTL", "ErrorCachingMinTTL", "ErrorCode",
    "HTTPPort", "HTTPSPort", "MaxTTL", "MinTTL", "OriginKeepaliveTimeout", "OriginReadTimeout",
})
_BOOL_KEYS = frozenset({
    "AccessControlAllowCredentials", "CloudFrontDefaultCertificate", "Compress", "Enabled", "IPV6Enabled", "IncludeBody",
    "IncludeCookies", "IncludeSubdomains", "OriginOverride", "Override", "Preload", "QueryString", "SmoothStreaming", "Staging",
})

# The IDs of CloudFront's managed response headers policies, which a distribution may name without a resource.
_MANAGED_RESPONSE_HEADERS_POLICIES = frozenset({
    "60669652-455b-4ae9-85a4-c4c02393f86c",  # Managed-SimpleCORS
    "5cc3b908-e619-4b99-88e5-2cf7f45965bd",  # Managed-CORS-With-Preflight
    "67f7725c-6f97-4210-82d7-5512b31e9d03",  # Managed-SecurityHeadersPolicy
    "e61eb60c-9c35-4d20-a928-2b84e02af89c",  # Managed-CORS-and-SecurityHeadersPolicy
    "eaab4381-ed33-4a86-88ca-d9558dc6cd63",  # Managed-CORS-with-preflight-and-SecurityHeadersPolicy
})
_CSP_MAX_LENGTH = 1783
_COMMENT_MAX_LENGTH = 128  # of a distribution and of a response headers policy
_FUNCTION_CODE_MAX_BYTES = 10240
_FRAME_OPTIONS = frozenset({"DENY", "SAMEORIGIN"})
_REFERRER_POLICIES = frozenset({
    "no-referrer", "no-referrer-when-downgrade", "origin", "origin-when-cross-origin", "same-origin", "strict-origin",
    "strict-origin-when-cross-origin", "unsafe-url",
})
_VIEWER_CERTIFICATE_KEYS = {"AcmCertificateArn": "ACMCertificateArn", "IamCertificateId": "IAMCertificateId", "SslSupportMethod": "SSLSupportMethod"}
_GLOBAL_WEB_ACL_ARN = re.compile(r"^arn:aws[a-z-]*:wafv2:us-east-1:[0-9]{12}:global/webacl/")

# account -> policy ID -> {"config": ResponseHeadersPolicyConfig, "last_modified_time": ISO time}
RESPONSE_HEADERS_POLICIES: dict[str, dict[str, dict[str, Any]]] = {}


def _cloudfront(account_id: str, region_name: str) -> Any:
    return cloudfront_backends[account_id][get_partition(region_name)]


def _policies(account_id: str) -> dict[str, dict[str, Any]]:
    return RESPONSE_HEADERS_POLICIES.setdefault(account_id, {})


def _typed(value: Any, key: str = "") -> Any:
    """The template's values with the types CloudFront's API gives them (ResponseCode is text there)."""
    if isinstance(value, dict):
        return {name: _typed(item, name) for name, item in value.items()}
    if isinstance(value, list):
        return [_typed(item) for item in value]
    if key in _INT_KEYS:
        return int(value)
    if key in _BOOL_KEYS:
        return template_bool(value)
    return str(value) if key == "ResponseCode" else value


def _items(values: list[Any]) -> dict[str, Any]:
    """A CloudFormation list as the API's wrapper of it."""
    return {"Quantity": len(values), "Items": list(values)}


class OriginAccessControl(HarnessModel):
    TYPE = "AWS::CloudFront::OriginAccessControl"

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        config = properties["OriginAccessControlConfig"]
        backend = _cloudfront(account_id, region_name)
        if not 1 <= len(config.get("Name") or "") <= 64:
            raise ValueError(f"{cls.TYPE} {logical_id}: OriginAccessControlConfig.Name {config.get('Name')!r} must be 1 to 64 characters")
        if any(control.name == config["Name"] for control in backend.origin_access_controls.values()):
            # moto does not refuse a second one; CloudFront does (OriginAccessControlAlreadyExists).
            raise ValueError(f"{cls.TYPE} {logical_id}: an origin access control named {config['Name']!r} already exists in account "
                             f"{account_id}; CloudFront's names are unique per account, across Regions")
        control = backend.create_origin_access_control({
            key: config[key] for key in ("Name", "Description", "OriginAccessControlOriginType", "SigningBehavior", "SigningProtocol") if key in config
        })
        return control.id, {"Id": control.id}

    def remove(self) -> None:
        _cloudfront(self.account_id, self.region_name).origin_access_controls.pop(self.physical_resource_id, None)


class Function(HarnessModel):
    TYPE = "AWS::CloudFront::Function"

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        function_name, code, config = properties["Name"], properties["FunctionCode"], properties["FunctionConfig"]
        if not re.fullmatch(r"[a-zA-Z0-9_-]{1,64}", function_name):
            raise ValueError(f"{cls.TYPE} {logical_id}: Name {function_name!r} must be 1 to 64 letters, digits, - or _")
        if config.get("Runtime") not in ("cloudfront-js-1.0", "cloudfront-js-2.0"):
            raise ValueError(f"{cls.TYPE} {logical_id}: FunctionConfig.Runtime {config.get('Runtime')!r} is neither cloudfront-js-1.0 "
                             "nor cloudfront-js-2.0")
        if len(code.encode()) > _FUNCTION_CODE_MAX_BYTES:
            raise ValueError(f"{cls.TYPE} {logical_id}: FunctionCode is {len(code.encode())} bytes; CloudFront takes at most {_FUNCTION_CODE_MAX_BYTES}")
        api_config = {"Comment": config.get("Comment", ""), "Runtime": config["Runtime"]}
        if config.get("KeyValueStoreAssociations"):
            api_config["KeyValueStoreAssociations"] = _items(config["KeyValueStoreAssociations"])
        # moto refuses a name already taken in the account (FunctionAlreadyExists), as CloudFront does.
        function = _cloudfront(account_id, region_name).create_function(function_name, api_config, code.encode(), [])
        if template_bool(properties.get("AutoPublish")):
            # moto has no PublishFunction; publishing copies the code to the LIVE stage, where distributions can use it.
            function.stage, function.status = "LIVE", "UNASSOCIATED"
        # Ref of a function is its ARN.
        return function.arn, {"FunctionARN": function.arn, "FunctionMetadata.FunctionARN": function.arn, "Stage": function.stage}

    def remove(self) -> None:
        backend = _cloudfront(self.account_id, self.region_name)
        function = backend.functions.get(self.properties["Name"])
        if function is not None:
            backend.delete_function(function.name, function.etag)


class ResponseHeadersPolicy(HarnessModel):
    TYPE = "AWS::CloudFront::ResponseHeadersPolicy"

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        config = _typed(properties["ResponseHeadersPolicyConfig"])
        cls._check(config, account_id, logical_id)
        policy_id = str(uuid.uuid4())
        last_modified = datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        _policies(account_id)[policy_id] = {"config": config, "last_modified_time": last_modified}
        return policy_id, {"Id": policy_id, "LastModifiedTime": last_modified}

    @classmethod
    def _check(cls, config: dict[str, Any], account_id: str, logical_id: str) -> None:
        """The refusals of CreateResponseHeadersPolicy a template can run into."""
        policy_name = config.get("Name") or ""
        if not re.fullmatch(r"[A-Za-z0-9_-]{1,128}", policy_name):
            raise ValueError(f"{cls.TYPE} {logical_id}: ResponseHeadersPolicyConfig.Name {policy_name!r} must be 1 to 128 letters, digits, - or _")
        if any(policy["config"]["Name"] == policy_name for policy in _policies(account_id).values()):
            raise ValueError(f"{cls.TYPE} {logical_id}: a response headers policy named {policy_name!r} already exists in account "
                             f"{account_id}; CloudFront's names are unique per account, across Regions")
        if len(config.get("Comment") or "") > _COMMENT_MAX_LENGTH:
            raise ValueError(f"{cls.TYPE} {logical_id}: ResponseHeadersPolicyConfig.Comment is {len(config['Comment'])} characters; "
                             f"CloudFront takes at most {_COMMENT_MAX_LENGTH}")
        security = config.get("SecurityHeadersConfig") or {}
        csp = (security.get("ContentSecurityPolicy") or {}).get("ContentSecurityPolicy", "")
        if len(csp) > _CSP_MAX_LENGTH:
            raise ValueError(f"{cls.TYPE} {logical_id}: SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy is "
                             f"{len(csp)} characters; CloudFront takes at most {_CSP_MAX_LENGTH}")
        if "FrameOptions" in security and security["FrameOptions"].get("FrameOption") not in _FRAME_OPTIONS:
            raise ValueError(f"{cls.TYPE} {logical_id}: SecurityHeadersConfig.FrameOptions.FrameOption "
                             f"{security['FrameOptions'].get('FrameOption')!r} is neither DENY nor SAMEORIGIN")
        if "ReferrerPolicy" in security and security["ReferrerPolicy"].get("ReferrerPolicy") not in _REFERRER_POLICIES:
            raise ValueError(f"{cls.TYPE} {logical_id}: SecurityHeadersConfig.ReferrerPolicy.ReferrerPolicy "
                             f"{security['ReferrerPolicy'].get('ReferrerPolicy')!r} is not one of {sorted(_REFERRER_POLICIES)}")
        for header, settings in security.items():
            if "Override" not in settings:
                raise ValueError(f"{cls.TYPE} {logical_id}: SecurityHeadersConfig.{header} needs Override")

    def remove(self) -> None:
        _policies(self.account_id).pop(self.physical_resource_id, None)


def _origin(origin: dict[str, Any]) -> dict[str, Any]:
    """An origin with the API's names: OriginCustomHeaders is CustomHeaders there, OriginSSLProtocols OriginSslProtocols."""
    converted = {key: value for key, value in origin.items() if key not in ("OriginCustomHeaders", "CustomOriginConfig")}
    converted["CustomHeaders"] = _items(origin.get("OriginCustomHeaders") or [])
    if "CustomOriginConfig" in origin:
        custom = {"HTTPPort": 80, "HTTPSPort": 443, **origin["CustomOriginConfig"]}
        # CloudFormation's default protocols to the origin, as CloudFront's API needs them listed.
        custom["OriginSslProtocols"] = _items(custom.pop("OriginSSLProtocols", ["TLSv1", "SSLv3"]))
        converted["CustomOriginConfig"] = custom
    return converted


def _forwarded_values(forwarded: dict[str, Any]) -> dict[str, Any]:
    cookies = dict(forwarded.get("Cookies") or {"Forward": "none"})
    if "WhitelistedNames" in cookies:
        cookies["WhitelistedNames"] = _items(cookies["WhitelistedNames"])
    return {
        "QueryString": forwarded["QueryString"],
        "Cookies": cookies,
        "Headers": _items(forwarded.get("Headers") or []),
        "QueryStringCacheKeys": _items(forwarded.get("QueryStringCacheKeys") or []),
    }


def _cache_behavior(behavior: dict[str, Any]) -> dict[str, Any]:
    """A cache behavior with the API's wrappers; CachedMethods, a sibling of AllowedMethods in CloudFormation, goes inside it."""
    lists = ("AllowedMethods", "CachedMethods", "FunctionAssociations", "LambdaFunctionAssociations", "TrustedSigners", "TrustedKeyGroups",
             "ForwardedValues")
    converted = {"Compress": False, **{key: value for key, value in behavior.items() if key not in lists}}
    converted["AllowedMethods"] = {
        **_items(behavior.get("AllowedMethods") or ["GET", "HEAD"]),
        "CachedMethods": _items(behavior.get("CachedMethods") or ["GET", "HEAD"]),
    }
    converted["FunctionAssociations"] = _items(behavior.get("FunctionAssociations") or [])
    converted["LambdaFunctionAssociations"] = _items(behavior.get("LambdaFunctionAssociations") or [])
    for key in ("TrustedSigners", "TrustedKeyGroups"):
        converted[key] = {"Enabled": bool(behavior.get(key)), **_items(behavior.get(key) or [])}
    if "ForwardedValues" in behavior:
        converted["ForwardedValues"] = _forwarded_values(behavior["ForwardedValues"])
    return converted


def _distribution_config(config: dict[str, Any]) -> dict[str, Any]:
    """CloudFormation's DistributionConfig as CreateDistribution's, the dict moto's API parser makes of the request."""
    renamed = ("Origins", "DefaultCacheBehavior", "CacheBehaviors", "Aliases", "CustomErrorResponses", "IPV6Enabled", "ViewerCertificate",
               "Logging", "Restrictions")
    converted = {"Comment": "", **{key: value for key, value in config.items() if key not in renamed}}
    # CloudFormation makes the caller reference that makes CreateDistribution idempotent.
    converted["CallerReference"] = str(uuid.uuid4())
    converted["Origins"] = _items([_origin(origin) for origin in config.get("Origins") or []])
    converted["DefaultCacheBehavior"] = _cache_behavior(config["DefaultCacheBehavior"])
    converted["CacheBehaviors"] = _items([_cache_behavior(behavior) for behavior in config.get("CacheBehaviors") or []])
    converted["Aliases"] = _items(config.get("Aliases") or [])
    converted["CustomErrorResponses"] = _items(config.get("CustomErrorResponses") or [])
    converted["IsIPV6Enabled"] = config.get("IPV6Enabled", False)
    if "ViewerCertificate" in config:
        certificate = {_VIEWER_CERTIFICATE_KEYS.get(key, key): value for key, value in config["ViewerCertificate"].items()}
        # moto assumes CloudFront's default certificate unless told otherwise, even beside an ACM certificate.
        certificate.setdefault("CloudFrontDefaultCertificate", not (certificate.get("ACMCertificateArn") or certificate.get("IAMCertificateId")))
        converted["ViewerCertificate"] = certificate
    if "Logging" in config:
        converted["Logging"] = {"Enabled": True, **config["Logging"]}
    if "Restrictions" in config:
        geo = config["Restrictions"]["GeoRestriction"]
        converted["Restrictions"] = {"GeoRestriction": {"RestrictionType": geo["RestrictionType"], "Items": geo.get("Locations") or []}}
    return converted


class Distribution(HarnessModel):
    TYPE = "AWS::CloudFront::Distribution"

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        backend = _cloudfront(account_id, region_name)
        config = _distribution_config(_typed(properties["DistributionConfig"]))
        cls._check(config, backend, account_id, logical_id)
        # moto's Distribution replaces these dicts with its own objects, which drop some of their members.
        origins = config["Origins"]["Items"]
        behaviors = [config["DefaultCacheBehavior"], *config["CacheBehaviors"]["Items"]]
        distribution, _, _ = backend.create_distribution_with_tags(config, tag_list(properties.get("Tags")))
        cls._restore_dropped(distribution, origins, behaviors)
        return distribution.id, {"Id": distribution.id, "DomainName": distribution.domain_name}

    @staticmethod
    def _restore_dropped(distribution: Any, origins: list[dict[str, Any]], behaviors: list[dict[str, Any]]) -> None:
        """moto keeps neither an origin's OriginAccessControlId nor a behavior's function associations; they are
        put on its objects, where GetDistribution and ListDistributions read them."""
        stored = distribution.distribution_config
        for origin, source in zip(stored.Origins["Items"], origins):
            origin.origin_access_control_id = source.get("OriginAccessControlId", "")
        for behavior, source in zip([stored.DefaultCacheBehavior, *(stored.CacheBehaviors.get("Items") or [])], behaviors):
            behavior.function_associations = source["FunctionAssociations"]
            behavior.lambda_function_associations = source["LambdaFunctionAssociations"]

    @classmethod
    def _check(cls, config: dict[str, Any], backend: Any, account_id: str, logical_id: str) -> None:
        """CloudFront's refusals of what a distribution names: each must exist, and a custom domain needs its certificate."""
        def refuse(message: str) -> NoReturn:
            raise ValueError(f"{cls.TYPE} {logical_id}: DistributionConfig.{message}")

        if len(config["Comment"]) > _COMMENT_MAX_LENGTH:
            refuse(f"Comment is {len(config['Comment'])} characters; CloudFront takes at most {_COMMENT_MAX_LENGTH}")
        origin_ids = [origin["Id"] for origin in config["Origins"]["Items"]]
        for index, origin in enumerate(config["Origins"]["Items"]):
            control_id = origin.get("OriginAccessControlId")
            if control_id and control_id not in backend.origin_access_controls:
                refuse(f"Origins[{index}].OriginAccessControlId {control_id!r} names no origin access control of account {account_id}")
        functions = {function.arn: function for function in backend.functions.values()}
        paths = ["DefaultCacheBehavior", *(f"CacheBehaviors[{index}]" for index in range(config["CacheBehaviors"]["Quantity"]))]
        for path, behavior in zip(paths, [config["DefaultCacheBehavior"], *config["CacheBehaviors"]["Items"]]):
            if behavior["TargetOriginId"] not in origin_ids:
                refuse(f"{path}.TargetOriginId {behavior['TargetOriginId']!r} is none of the origins {origin_ids}")
            policy_id = behavior.get("ResponseHeadersPolicyId")
            if policy_id and policy_id not in _MANAGED_RESPONSE_HEADERS_POLICIES and policy_id not in _policies(account_id):
                refuse(f"{path}.ResponseHeadersPolicyId {policy_id!r} names neither a response headers policy of account {account_id} nor a managed one")
            for index, association in enumerate(behavior["FunctionAssociations"]["Items"]):
                function = functions.get(association["FunctionARN"])
                where = f"{path}.FunctionAssociations[{index}]"
                if function is None:
                    refuse(f"{where}.FunctionARN {association['FunctionARN']!r} names no CloudFront function of account {account_id}")
                if function.stage != "LIVE":
                    refuse(f"{where}.FunctionARN {function.arn!r} is not published (AutoPublish); only a LIVE function can be associated")
                if association["EventType"] not in ("viewer-request", "viewer-response"):
                    refuse(f"{where}.EventType {association['EventType']!r}: a CloudFront function runs on viewer-request or viewer-response only")
        certificate = config.get("ViewerCertificate") or {"CloudFrontDefaultCertificate": True}
        if config["Aliases"]["Quantity"] and certificate["CloudFrontDefaultCertificate"]:
            refuse(f"Aliases {config['Aliases']['Items']} need a ViewerCertificate with an AcmCertificateArn or IamCertificateId")
        certificate_arn = certificate.get("ACMCertificateArn")
        if certificate_arn and certificate_arn.split(":")[3:4] != ["us-east-1"]:
            refuse(f"ViewerCertificate.AcmCertificateArn {certificate_arn!r} is not in us-east-1, the only Region CloudFront reads certificates from")
        if not certificate["CloudFrontDefaultCertificate"] and "SSLSupportMethod" not in certificate:
            refuse("ViewerCertificate needs SslSupportMethod with its certificate")
        web_acl = config.get("WebACLId") or ""
        if web_acl.startswith("arn:") and not _GLOBAL_WEB_ACL_ARN.match(web_acl):
            refuse(f"WebACLId {web_acl!r} is not the ARN of a CloudFront-scope AWS WAF web ACL (arn:aws:wafv2:us-east-1:<account>:global/webacl/...)")

    def remove(self) -> None:
        backend = _cloudfront(self.account_id, self.region_name)
        distribution = backend.distributions.get(self.physical_resource_id)
        if distribution is not None:
            # CloudFormation disables the distribution before it deletes it; moto needs only the ETag.
            backend.delete_distribution(distribution.id, distribution.etag)


MODELS = [OriginAccessControl, Function, ResponseHeadersPolicy, Distribution]
