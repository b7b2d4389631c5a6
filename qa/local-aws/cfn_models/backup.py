"""AWS Backup: the vault, the plans (CloudFormation's shape translated to the API's) and the selections."""

import uuid
from typing import Any

from moto.backup.models import backup_backends

from .base import HarnessModel

# What a harness selection keeps, by selection ID: moto's Backup backend has no selections.
_SELECTIONS: dict[str, dict[str, Any]] = {}


def _backend(account_id: str, region_name: str) -> Any:
    return backup_backends[account_id][region_name]


def _api_rule(rule: dict[str, Any]) -> dict[str, Any]:
    """A plan rule as the Backup API takes it (TargetBackupVaultName instead of TargetBackupVault)."""
    api = {key: value for key, value in rule.items() if key != "TargetBackupVault"}
    api["TargetBackupVaultName"] = rule["TargetBackupVault"]
    return api


class BackupVault(HarnessModel):
    TYPE = "AWS::Backup::BackupVault"

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        vault = _backend(account_id, region_name).create_backup_vault(
            backup_vault_name=properties["BackupVaultName"], backup_vault_tags=properties.get("BackupVaultTags") or {},
            encryption_key_arn=properties.get("EncryptionKeyArn"), creator_request_id=None,
        )
        return vault.backup_vault_name, {"BackupVaultName": vault.backup_vault_name, "BackupVaultArn": vault.backup_vault_arn}

    def remove(self) -> None:
        _backend(self.account_id, self.region_name).delete_backup_vault(self.physical_resource_id)


class BackupPlan(HarnessModel):
    TYPE = "AWS::Backup::BackupPlan"

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        document = properties["BackupPlan"]
        backend = _backend(account_id, region_name)
        vaults = {rule["TargetBackupVault"] for rule in document.get("BackupPlanRule", [])}
        missing = [vault for vault in vaults if vault not in backend.vaults]
        if missing:
            raise ValueError(f"AWS::Backup::BackupPlan {logical_id}: no backup vault {', '.join(missing)} in {region_name}")
        plan = backend.create_backup_plan(
            backup_plan={"BackupPlanName": document["BackupPlanName"], "Rules": [_api_rule(rule) for rule in document.get("BackupPlanRule", [])]},
            backup_plan_tags=properties.get("BackupPlanTags") or {}, creator_request_id=None,
        )
        return plan.backup_plan_id, {"BackupPlanId": plan.backup_plan_id, "BackupPlanArn": plan.backup_plan_arn, "VersionId": plan.version_id}

    def remove(self) -> None:
        # moto keeps a deleted plan's name taken; the plan goes, so a later stack can reuse the name.
        _backend(self.account_id, self.region_name).plans.pop(self.physical_resource_id, None)


class BackupSelection(HarnessModel):
    TYPE = "AWS::Backup::BackupSelection"

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        plan_id = properties["BackupPlanId"]
        if plan_id not in _backend(account_id, region_name).plans:
            raise ValueError(f"AWS::Backup::BackupSelection {logical_id}: no backup plan {plan_id} in {region_name}")
        selection = properties["BackupSelection"]
        if not selection.get("IamRoleArn"):
            raise ValueError(f"AWS::Backup::BackupSelection {logical_id}: IamRoleArn is required")
        selection_id = str(uuid.uuid4())
        _SELECTIONS[selection_id] = {"BackupPlanId": plan_id, **selection}
        return selection_id, {"SelectionId": selection_id, "BackupPlanId": plan_id, "Id": selection_id}

    def remove(self) -> None:
        _SELECTIONS.pop(self.physical_resource_id, None)


MODELS = [BackupVault, BackupPlan, BackupSelection]
