"""AWS WAF (v2) web ACLs, their association with an API stage, and their logging configuration."""

from typing import Any

from moto.wafv2.exceptions import WAFNonexistentItemException
from moto.wafv2.models import wafv2_backends

from .base import HarnessModel, tag_list


def _wafv2(account_id: str, region_name: str) -> Any:
    return wafv2_backends[account_id][region_name]


def _typed_rule(rule: dict[str, Any]) -> dict[str, Any]:
    """A rule as WAF's API returns it: a number from a parameter ("2000") is a number."""
    rule = dict(rule)
    rule["Priority"] = int(rule["Priority"])
    rate = (rule.get("Statement") or {}).get("RateBasedStatement")
    if rate:
        rule["Statement"] = {**rule["Statement"], "RateBasedStatement": {**rate, "Limit": int(rate["Limit"])}}
    return rule


class WebACL(HarnessModel):
    TYPE = "AWS::WAFv2::WebACL"

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        acl = _wafv2(account_id, region_name).create_web_acl(
            name=properties.get("Name") or name,
            visibility_config=properties["VisibilityConfig"],
            default_action=properties["DefaultAction"],
            scope=properties["Scope"],
            description=properties.get("Description"),
            tags=tag_list(properties.get("Tags")),
            rules=[_typed_rule(rule) for rule in properties.get("Rules") or []],
            association_config=properties.get("AssociationConfig"),
            captcha_config=properties.get("CaptchaConfig"),
            challenge_config=properties.get("ChallengeConfig"),
            custom_response_bodies=properties.get("CustomResponseBodies"),
            token_domains=properties.get("TokenDomains"),
        )
        # Ref of a web ACL is "<name>|<id>|<scope>", as CloudFormation gives it.
        return f"{acl.name}|{acl.id}|{properties['Scope']}", {
            "Arn": acl.arn, "Id": acl.id, "Capacity": acl.capacity, "LabelNamespace": acl.label_namespace,
        }

    def remove(self) -> None:
        backend = _wafv2(self.account_id, self.region_name)
        acl = backend.wacls.get(self.attributes["Arn"])
        if acl:
            backend.delete_web_acl(acl.name, self.properties["Scope"], acl.id, acl.lock_token)


class WebACLAssociation(HarnessModel):
    TYPE = "AWS::WAFv2::WebACLAssociation"

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        _wafv2(account_id, region_name).associate_web_acl(properties["WebACLArn"], properties["ResourceArn"])
        return f"{properties['ResourceArn']}|{properties['WebACLArn']}", {}

    def remove(self) -> None:
        _wafv2(self.account_id, self.region_name).disassociate_web_acl(self.properties["ResourceArn"])


class LoggingConfiguration(HarnessModel):
    TYPE = "AWS::WAFv2::LoggingConfiguration"

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        _wafv2(account_id, region_name).put_logging_configuration(
            properties["ResourceArn"], properties["LogDestinationConfigs"], properties.get("RedactedFields"),
            False, properties.get("LoggingFilter"),
        )
        return properties["ResourceArn"], {"ManagedByFirewallManager": False}

    def remove(self) -> None:
        try:
            _wafv2(self.account_id, self.region_name).delete_logging_configuration(self.properties["ResourceArn"])
        except WAFNonexistentItemException:
            pass  # went with its web ACL


MODELS = [WebACL, WebACLAssociation, LoggingConfiguration]
