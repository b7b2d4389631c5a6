"""Secrets Manager secrets, their resource policies, database target attachments and rotation schedules."""

import json
import re
import time
from typing import Any

from moto.rds.models import rds_backends
from moto.secretsmanager.models import secretsmanager_backends
from moto.secretsmanager.utils import random_password
from moto.utilities.utils import get_partition

from .base import HarnessModel, tag_list, template_bool

# The keys a target attachment writes into the secret, as AWS writes them for RDS and DocumentDB targets.
_TARGET_KEYS = ("engine", "host", "port", "dbClusterIdentifier", "dbInstanceIdentifier")
# The secret's "engine" for a database engine (DocumentDB rotation functions expect "mongo").
_SECRET_ENGINES = {"docdb": "mongo", "aurora-postgresql": "postgres", "aurora-mysql": "mysql"}


def _secrets(account_id: str, region_name: str) -> Any:
    return secretsmanager_backends[account_id][region_name]



def _generated_value(spec: dict[str, Any]) -> str:
    """The value GenerateSecretString asks for: a random password, alone or under a key of the template."""
    password = random_password(
        int(spec.get("PasswordLength", 32)),
        spec.get("ExcludeCharacters", ""),
        template_bool(spec.get("ExcludeNumbers")),
        template_bool(spec.get("ExcludePunctuation")),
        template_bool(spec.get("ExcludeUppercase")),
        template_bool(spec.get("ExcludeLowercase")),
        template_bool(spec.get("IncludeSpace")),
        template_bool(spec.get("RequireEachIncludedType"), default=True),
    )
    if "SecretStringTemplate" not in spec:
        return password
    return json.dumps({**json.loads(spec["SecretStringTemplate"]), spec["GenerateStringKey"]: password})


def _current_value(secret: Any) -> str | None:
    return secret.versions.get(secret.default_version_id, {}).get("secret_string") if secret.default_version_id else None


def _put_json(backend: Any, secret: Any, value: dict[str, Any]) -> None:
    backend.put_secret_value(secret.name, json.dumps(value), None, None, ["AWSCURRENT"])


def _live_secret(account_id: str, region_name: str, secret_id: str) -> Any:
    """The secret, or None when it is gone or marked for deletion (removals then have nothing to undo)."""
    secret = _secrets(account_id, region_name).secrets.get(secret_id)
    return secret if secret is not None and not secret.is_deleted() else None


class Secret(HarnessModel):
    TYPE = "AWS::SecretsManager::Secret"

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        generate = properties.get("GenerateSecretString")
        created = _secrets(account_id, region_name).create_secret(
            name=properties.get("Name") or name,
            secret_string=_generated_value(generate) if generate is not None else properties.get("SecretString"),
            secret_binary=None,
            description=properties.get("Description"),
            tags=tag_list(properties.get("Tags")) or None,
            kms_key_id=properties.get("KmsKeyId"),
            client_request_token=None,
            replica_regions=properties.get("ReplicaRegions") or [],
            force_overwrite=False,
        )
        arn = json.loads(created)["ARN"]
        return arn, {"Id": arn}

    def remove(self) -> None:
        # CloudFormation deletes without a recovery window, so a redeployed stack can reuse the name.
        if _live_secret(self.account_id, self.region_name, self.physical_resource_id):
            _secrets(self.account_id, self.region_name).delete_secret(self.physical_resource_id, None, True)


class ResourcePolicy(HarnessModel):
    TYPE = "AWS::SecretsManager::ResourcePolicy"

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        policy = properties["ResourcePolicy"]
        arn, _ = _secrets(account_id, region_name).put_resource_policy(
            properties["SecretId"], policy if isinstance(policy, str) else json.dumps(policy)
        )
        return arn, {"Id": arn}

    def remove(self) -> None:
        if _live_secret(self.account_id, self.region_name, self.physical_resource_id):
            _secrets(self.account_id, self.region_name).delete_resource_policy(self.physical_resource_id)


class SecretTargetAttachment(HarnessModel):
    """Writes the target database's connection details into the secret's JSON value, as AWS does."""

    TYPE = "AWS::SecretsManager::SecretTargetAttachment"

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        backend = _secrets(account_id, region_name)
        secret = backend.describe_secret(properties["SecretId"])
        target = cls._target(properties["TargetType"], properties["TargetId"], account_id, region_name)
        value = json.loads(_current_value(secret) or "{}")  # AWS too requires a JSON secret here
        _put_json(backend, secret, {**value, **target})
        return secret.arn, {"Id": secret.arn}

    @staticmethod
    def _target(target_type: str, target_id: str, account_id: str, region_name: str) -> dict[str, Any]:
        rds = rds_backends[account_id][region_name]
        if target_type in ("AWS::RDS::DBCluster", "AWS::DocDB::DBCluster"):
            cluster = rds.describe_db_clusters(target_id)[0]
            return {"engine": _SECRET_ENGINES.get(cluster.engine, cluster.engine), "host": cluster.endpoint,
                    "port": int(cluster.port), "dbClusterIdentifier": cluster.db_cluster_identifier}
        if target_type in ("AWS::RDS::DBInstance", "AWS::DocDB::DBInstance"):
            instance = rds.describe_db_instances(target_id)[0]
            return {"engine": _SECRET_ENGINES.get(instance.engine, instance.engine), "host": instance.address,
                    "port": int(instance.port), "dbInstanceIdentifier": instance.db_instance_identifier}
        raise ValueError(f"SecretTargetAttachment: target type {target_type} has no moto backend in the harness")

    def remove(self) -> None:
        secret = _live_secret(self.account_id, self.region_name, self.physical_resource_id)
        value = json.loads(_current_value(secret) or "{}") if secret else {}
        if any(key in value for key in _TARGET_KEYS):
            _put_json(_secrets(self.account_id, self.region_name), secret,
                      {key: item for key, item in value.items() if key not in _TARGET_KEYS})


class RotationSchedule(HarnessModel):
    """Records the schedule on the secret without running a rotation.

    moto's RotateSecret would invoke the Lambda at once, and the HostedRotationLambda comes from the
    AWS::SecretsManager transform, which moto does not run; so the rotation fields are set directly.
    """

    TYPE = "AWS::SecretsManager::RotationSchedule"

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        secret = _secrets(account_id, region_name).describe_secret(properties["SecretId"])
        days = cls._days(properties.get("RotationRules") or {})
        hosted = properties.get("HostedRotationLambda") or {}
        function = hosted.get("RotationLambdaName") or f"SecretsManager{hosted.get('RotationType', 'Rotation')}"
        secret.rotation_requested = secret.rotation_enabled = True
        secret.rotation_lambda_arn = properties.get("RotationLambdaARN") or (
            f"arn:{get_partition(region_name)}:lambda:{region_name}:{account_id}:function:{function}"
        )
        secret.auto_rotate_after_days = days
        secret.next_rotation_date = int(time.time()) + days * 86400 if days else None
        return secret.arn, {"Id": secret.arn}

    @staticmethod
    def _days(rules: dict[str, Any]) -> int:
        """AutomaticallyAfterDays, or the days of a rate() ScheduleExpression; 0 for cron() schedules."""
        if "AutomaticallyAfterDays" in rules:
            return int(rules["AutomaticallyAfterDays"])
        rate = re.fullmatch(r"rate\((\d+) days?\)", str(rules.get("ScheduleExpression", "")).strip())
        return int(rate.group(1)) if rate else 0

    def remove(self) -> None:
        secret = _live_secret(self.account_id, self.region_name, self.physical_resource_id)
        if secret:
            secret.rotation_requested = secret.rotation_enabled = False
            secret.rotation_lambda_arn, secret.auto_rotate_after_days, secret.next_rotation_date = "", 0, None


MODELS = [Secret, ResourcePolicy, SecretTargetAttachment, RotationSchedule]
