"""The GuardDuty detector."""

from moto.guardduty.models import guardduty_backends

from .base import HarnessModel, template_bool


def _data_sources(data_sources):
    """DataSources with its Enable flags as booleans (a parameter or an "true" arrives as text)."""
    if isinstance(data_sources, dict):
        return {key: template_bool(value) if key == "Enable" else _data_sources(value) for key, value in data_sources.items()}
    return data_sources


class Detector(HarnessModel):
    TYPE = "AWS::GuardDuty::Detector"

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        detector_id = guardduty_backends[account_id][region_name].create_detector(
            enable=template_bool(properties["Enable"]),
            finding_publishing_frequency=properties.get("FindingPublishingFrequency", "SIX_HOURS"),
            data_sources=_data_sources(properties.get("DataSources") or {}),
            tags={tag["Key"]: tag["Value"] for tag in properties.get("Tags") or []},
            features=properties.get("Features") or [],
        )
        return detector_id, {"Id": detector_id}

    def remove(self) -> None:
        guardduty_backends[self.account_id][self.region_name].delete_detector(self.physical_resource_id)


MODELS = [Detector]
