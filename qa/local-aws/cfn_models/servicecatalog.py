"""Service Catalog portfolios, products, associations, constraints, TagOptions and shares.

moto's Service Catalog backend keeps portfolios, products and shares; associations, constraints and
TagOptions have no backend there, so they are kept here, per account and Region, with the checks
Service Catalog makes when it creates them: the portfolio and product exist, a constraint's product
is in the portfolio, a local launch role exists in the account, notification topics exist, template
rules are valid, and every provisioning artifact's template can be read from its URL.

moto's API has no provisioning artifacts either: install_artifact_api() adds ListProvisioningArtifacts and
UpdateProvisioningArtifact over the artifacts the product model records, which the portfolio's
artifact-guidance custom resource calls.
"""

import json
import re
import uuid
from collections import defaultdict
from typing import Any

from moto.iam.models import iam_backends
from moto.s3.models import s3_backends
from moto.core.responses import ActionResult
from moto.servicecatalog.exceptions import ResourceNotFoundException
from moto.servicecatalog.models import servicecatalog_backends
from moto.servicecatalog.responses import ServiceCatalogResponse
from moto.sns.models import sns_backends
from moto.utilities.utils import get_partition

from .base import HarnessModel, tag_list, template_bool

# (account, region) -> what moto's backend does not keep.
_ASSOCIATIONS: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
_TAG_OPTIONS: dict[tuple[str, str], dict[str, dict[str, str]]] = defaultdict(dict)
# (account, region) -> product ID -> its provisioning artifacts, as DescribeProvisioningArtifact shows one.
_ARTIFACTS: dict[tuple[str, str], dict[str, list[dict[str, Any]]]] = defaultdict(dict)
_TEMPLATE_URL = re.compile(r"^https://([^./]+(?:\.[^./]+)*?)\.s3\.([a-z0-9-]+)\.amazonaws\.com/(.+)$")


def _catalog(account_id: str, region_name: str) -> Any:
    return servicecatalog_backends[account_id][region_name]


def _require_portfolio(account_id: str, region_name: str, portfolio_id: str) -> None:
    if portfolio_id not in _catalog(account_id, region_name).portfolios:
        raise ValueError(f"portfolio {portfolio_id} does not exist")


def _require_association(account_id: str, region_name: str, properties: dict[str, Any]) -> None:
    pair = (properties["PortfolioId"], properties["ProductId"])
    if pair not in _ASSOCIATIONS[(account_id, region_name)]:
        raise ValueError(f"product {pair[1]} is not associated with portfolio {pair[0]}; a constraint needs the association first")


def _read_template(account_id: str, region_name: str, url: str) -> dict[str, Any]:
    """The template an artifact loads, read from moto's S3 as Service Catalog reads it from S3."""
    match = _TEMPLATE_URL.match(url)
    if not match:
        raise ValueError(f"LoadTemplateFromURL {url} is not an S3 URL https://<bucket>.s3.<region>.amazonaws.com/<key>")
    bucket, _, key = match.groups()
    found = s3_backends[account_id][get_partition(region_name)].get_object(bucket, key)
    if found is None:
        raise ValueError(f"the template of a provisioning artifact, {url}, does not exist")
    template = json.loads(found.value)
    if "Resources" not in template:
        raise ValueError(f"{url} is not a CloudFormation template (no Resources)")
    return template


class Portfolio(HarnessModel):
    TYPE = "AWS::ServiceCatalog::Portfolio"

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        portfolio, _ = _catalog(account_id, region_name).create_portfolio(
            None, properties["DisplayName"], properties.get("Description"), properties["ProviderName"], tag_list(properties.get("Tags")), None)
        return portfolio["Id"], {"Id": portfolio["Id"], "PortfolioName": portfolio["DisplayName"]}

    def remove(self) -> None:
        _catalog(self.account_id, self.region_name).delete_portfolio(None, self.physical_resource_id)


class CloudFormationProduct(HarnessModel):
    TYPE = "AWS::ServiceCatalog::CloudFormationProduct"

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        artifacts = properties.get("ProvisioningArtifactParameters") or []
        if not artifacts:
            raise ValueError("a product needs at least one provisioning artifact")
        for artifact in artifacts:
            if not template_bool(artifact.get("DisableTemplateValidation")):
                _read_template(account_id, region_name, artifact["Info"]["LoadTemplateFromURL"])
        product = _catalog(account_id, region_name).create_product(
            name=properties["Name"], owner=properties["Owner"], description=properties.get("Description"),
            distributor=properties.get("Distributor"), support_description=properties.get("SupportDescription"),
            support_email=properties.get("SupportEmail"), support_url=properties.get("SupportUrl"),
            product_type="CLOUD_FORMATION_TEMPLATE", tags=tag_list(properties.get("Tags")),
            provisioning_artifact_parameters={"Artifacts": artifacts})
        artifact_ids = [f"pa-{uuid.uuid4().hex[:13]}" for _ in artifacts]
        _ARTIFACTS[(account_id, region_name)][product.id] = [
            {"Id": artifact_id, "Name": artifact.get("Name", ""), "Description": artifact.get("Description", ""),
             "Type": "CLOUD_FORMATION_TEMPLATE", "Active": True, "Guidance": "DEFAULT"}
            for artifact_id, artifact in zip(artifact_ids, artifacts)
        ]
        return product.id, {
            "ProductName": product.name,
            "ProvisioningArtifactIds": ",".join(artifact_ids),
            "ProvisioningArtifactNames": ",".join(artifact.get("Name", "") for artifact in artifacts),
        }

    def remove(self) -> None:
        _catalog(self.account_id, self.region_name).delete_product(None, self.physical_resource_id)
        _ARTIFACTS[(self.account_id, self.region_name)].pop(self.physical_resource_id, None)


class PortfolioProductAssociation(HarnessModel):
    TYPE = "AWS::ServiceCatalog::PortfolioProductAssociation"

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        _require_portfolio(account_id, region_name, properties["PortfolioId"])
        if properties["ProductId"] not in _catalog(account_id, region_name).products:
            raise ValueError(f"product {properties['ProductId']} does not exist")
        _ASSOCIATIONS[(account_id, region_name)].add((properties["PortfolioId"], properties["ProductId"]))
        return f"{properties['PortfolioId']}|{properties['ProductId']}", {}

    def remove(self) -> None:
        _ASSOCIATIONS[(self.account_id, self.region_name)].discard((self.properties["PortfolioId"], self.properties["ProductId"]))


class _Constraint(HarnessModel):
    """A constraint on a product in a portfolio: the association must exist, then validate() checks the rest."""

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        _require_association(account_id, region_name, properties)
        cls.validate(properties, account_id, region_name)
        return f"cons-{uuid.uuid4().hex[:13]}", {}

    @classmethod
    def validate(cls, properties: dict[str, Any], account_id: str, region_name: str) -> None:
        raise NotImplementedError


class LaunchRoleConstraint(_Constraint):
    TYPE = "AWS::ServiceCatalog::LaunchRoleConstraint"

    @classmethod
    def validate(cls, properties, account_id, region_name):
        if bool(properties.get("LocalRoleName")) == bool(properties.get("RoleArn")):
            raise ValueError("a launch role constraint takes exactly one of LocalRoleName and RoleArn")
        role_name = properties.get("LocalRoleName") or properties["RoleArn"].rsplit("/", 1)[-1]
        iam_backends[account_id][get_partition(region_name)].get_role(role_name)  # raises when the role does not exist


class LaunchNotificationConstraint(_Constraint):
    TYPE = "AWS::ServiceCatalog::LaunchNotificationConstraint"

    @classmethod
    def validate(cls, properties, account_id, region_name):
        for topic_arn in properties["NotificationArns"]:
            sns_backends[account_id][topic_arn.split(":")[3]].get_topic(topic_arn)  # raises when the topic does not exist


class LaunchTemplateConstraint(_Constraint):
    TYPE = "AWS::ServiceCatalog::LaunchTemplateConstraint"

    @classmethod
    def validate(cls, properties, account_id, region_name):
        for rule_name, rule in json.loads(properties["Rules"]).items():
            if not rule.get("Assertions") or not all("Assert" in assertion for assertion in rule["Assertions"]):
                raise ValueError(f"template constraint rule {rule_name} needs Assertions, each with an Assert")


class TagOption(HarnessModel):
    TYPE = "AWS::ServiceCatalog::TagOption"

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        options = _TAG_OPTIONS[(account_id, region_name)]
        if any(option["Key"] == properties["Key"] and option["Value"] == properties["Value"] for option in options.values()):
            raise ValueError(f"TagOption {properties['Key']}={properties['Value']} already exists")
        tag_option_id = f"tag-{uuid.uuid4().hex[:13]}"
        options[tag_option_id] = {"Key": properties["Key"], "Value": properties["Value"], "Active": str(properties.get("Active", True))}
        return tag_option_id, {}

    def remove(self) -> None:
        _TAG_OPTIONS[(self.account_id, self.region_name)].pop(self.physical_resource_id, None)


class TagOptionAssociation(HarnessModel):
    TYPE = "AWS::ServiceCatalog::TagOptionAssociation"

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        if properties["TagOptionId"] not in _TAG_OPTIONS[(account_id, region_name)]:
            raise ValueError(f"TagOption {properties['TagOptionId']} does not exist")
        catalog = _catalog(account_id, region_name)
        if properties["ResourceId"] not in catalog.portfolios and properties["ResourceId"] not in catalog.products:
            raise ValueError(f"{properties['ResourceId']} is neither a portfolio nor a product")
        return f"{properties['TagOptionId']}|{properties['ResourceId']}", {}


class PortfolioShare(HarnessModel):
    TYPE = "AWS::ServiceCatalog::PortfolioShare"

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        _require_portfolio(account_id, region_name, properties["PortfolioId"])
        if not re.fullmatch(r"\d{12}", str(properties["AccountId"])):
            raise ValueError(f"AccountId {properties['AccountId']!r} is not a 12-digit account ID")
        _catalog(account_id, region_name).create_portfolio_share(
            None, properties["PortfolioId"], properties["AccountId"], None, template_bool(properties.get("ShareTagOptions")), False)
        return f"{properties['PortfolioId']}|{properties['AccountId']}", {}

    def remove(self) -> None:
        _catalog(self.account_id, self.region_name).delete_portfolio_share(None, self.properties["PortfolioId"], self.properties["AccountId"], None)


def _artifacts_of(response: ServiceCatalogResponse, product_id: str) -> list[dict[str, Any]]:
    artifacts = _ARTIFACTS[(response.current_account, response.region)].get(product_id)
    if artifacts is None:
        raise ResourceNotFoundException(f"Product with Id '{product_id}' not found.")
    return artifacts


def _list_provisioning_artifacts(self: ServiceCatalogResponse) -> ActionResult:
    return ActionResult({"ProvisioningArtifactDetails": _artifacts_of(self, json.loads(self.body)["ProductId"])})


def _update_provisioning_artifact(self: ServiceCatalogResponse) -> ActionResult:
    params = json.loads(self.body)
    found = [artifact for artifact in _artifacts_of(self, params["ProductId"]) if artifact["Id"] == params["ProvisioningArtifactId"]]
    if not found:
        raise ResourceNotFoundException(f"Provisioning artifact {params['ProvisioningArtifactId']} not found.")
    artifact = found[0]
    for field in ("Name", "Description", "Active", "Guidance"):
        if field in params:
            artifact[field] = params[field]
    return ActionResult({"ProvisioningArtifactDetail": artifact, "Info": {}, "Status": "AVAILABLE"})


def install_artifact_api() -> None:
    """Adds the two provisioning artifact operations to moto's Service Catalog API."""
    ServiceCatalogResponse.list_provisioning_artifacts = _list_provisioning_artifacts  # type: ignore[attr-defined]
    ServiceCatalogResponse.update_provisioning_artifact = _update_provisioning_artifact  # type: ignore[attr-defined]


MODELS = [Portfolio, CloudFormationProduct, PortfolioProductAssociation, LaunchRoleConstraint, LaunchNotificationConstraint,
          LaunchTemplateConstraint, TagOption, TagOptionAssociation, PortfolioShare]
