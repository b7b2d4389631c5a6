"""The shape every harness model shares: create in a moto backend, expose attributes, delete."""

from typing import Any

from moto.core.common_models import CloudFormationModel


class HarnessModel(CloudFormationModel):
    """A CloudFormation resource of type TYPE whose state lives in one of moto's service backends.

    Subclasses set TYPE and implement create() (returning the physical ID and the Fn::GetAtt
    attributes) and, where the resource can be removed, remove().
    """

    TYPE = ""

    def __init__(self, physical_id: str, attributes: dict[str, Any], properties: dict[str, Any], account_id: str, region_name: str):
        self._physical_id = physical_id
        self.attributes = attributes
        self.properties = properties
        self.account_id = account_id
        self.region_name = region_name

    @classmethod
    def cloudformation_type(cls) -> str:  # type: ignore[override]
        return cls.TYPE

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @property
    def physical_resource_id(self) -> str:
        return self._physical_id

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return True

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name not in self.attributes:
            raise KeyError(f"{self.TYPE} {self._physical_id} has no attribute {attribute_name} in the harness model")
        return self.attributes[attribute_name]

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[override]
        cls, resource_name: str, cloudformation_json: dict[str, Any], account_id: str, region_name: str, **kwargs: Any
    ) -> "HarnessModel":
        properties = cloudformation_json.get("Properties", {}) or {}
        physical_id, attributes = cls.create(properties, account_id, region_name, resource_name, kwargs.get("LogicalId", ""))
        return cls(physical_id, attributes, properties, account_id, region_name)

    @classmethod
    def create(cls, properties: dict[str, Any], account_id: str, region_name: str, name: str, logical_id: str) -> tuple[str, dict[str, Any]]:
        raise NotImplementedError

    def delete(self, account_id: str, region_name: str) -> None:
        self.remove()

    def remove(self) -> None:
        """Removes the resource from its backend; resources that vanish with their parent need nothing."""

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[override]
        cls, original_resource: "HarnessModel", new_resource_name: str, cloudformation_json: dict[str, Any], account_id: str, region_name: str
    ) -> "HarnessModel":
        original_resource.remove()
        return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name,
                                                   LogicalId=getattr(original_resource, "logical_resource_id", ""))


def template_bool(value: Any, default: bool = False) -> bool:
    """A template boolean, which arrives as a bool or as the text "true"/"false" (parameters are text)."""
    if value is None:
        return default
    return value if isinstance(value, bool) else str(value).lower() == "true"


def tag_list(tags: Any) -> list[dict[str, str]]:
    """CloudFormation tags (a list of Key/Value, or a map) as moto's list of Key/Value."""
    if isinstance(tags, dict):
        return [{"Key": key, "Value": value} for key, value in tags.items()]
    return list(tags or [])
