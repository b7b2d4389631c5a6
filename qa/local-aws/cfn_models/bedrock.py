"""Bedrock guardrails and their published versions.

moto's Bedrock backend has no guardrails, so they are kept here, per account and Region, with the
properties the template gave and the attributes CreateGuardrail and CreateGuardrailVersion return.
"""

import uuid
from typing import Any

from .base import HarnessModel

# (account, region) -> guardrail ID -> {"properties", "arn", "versions"}
GUARDRAILS: dict[tuple[str, str], dict[str, dict[str, Any]]] = {}


def _guardrails(account_id: str, region_name: str) -> dict[str, dict[str, Any]]:
    return GUARDRAILS.setdefault((account_id, region_name), {})


class Guardrail(HarnessModel):
    TYPE = "AWS::Bedrock::Guardrail"

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        for required in ("Name", "BlockedInputMessaging", "BlockedOutputsMessaging"):
            if not properties.get(required):
                raise ValueError(f"AWS::Bedrock::Guardrail {logical_id} needs {required}")
        guardrail_id = uuid.uuid4().hex[:12]
        arn = f"arn:aws:bedrock:{region_name}:{account_id}:guardrail/{guardrail_id}"
        _guardrails(account_id, region_name)[guardrail_id] = {"properties": properties, "arn": arn, "versions": []}
        # Ref of a guardrail is its ARN.
        return arn, {"GuardrailArn": arn, "GuardrailId": guardrail_id, "Version": "DRAFT", "Status": "READY", "StatusReasons": [], "FailureRecommendations": []}

    def remove(self) -> None:
        _guardrails(self.account_id, self.region_name).pop(self.attributes["GuardrailId"], None)


class GuardrailVersion(HarnessModel):
    TYPE = "AWS::Bedrock::GuardrailVersion"

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        identifier = properties["GuardrailIdentifier"]
        guardrails = _guardrails(account_id, region_name)
        guardrail_id = identifier.rsplit("/", 1)[-1]
        if guardrail_id not in guardrails:
            raise ValueError(f"AWS::Bedrock::GuardrailVersion {logical_id}: guardrail {identifier} does not exist")
        versions = guardrails[guardrail_id]["versions"]
        version = str(len(versions) + 1)
        versions.append(version)
        # Ref of a guardrail version is "<guardrail ARN>:<version>".
        return f"{guardrails[guardrail_id]['arn']}:{version}", {"GuardrailId": guardrail_id, "GuardrailArn": guardrails[guardrail_id]["arn"], "Version": version}


MODELS = [Guardrail, GuardrailVersion]
