"""DocumentDB clusters, their instances, subnet groups and cluster parameter groups, kept in moto's RDS backend.

DocumentDB's API is the RDS API, and moto serves it from the RDS backend, but moto's RDS models accept
no "docdb" engine. Clusters and instances are therefore built with a stand-in engine that moto accepts
and relabelled "docdb" before they are stored, so describe calls report the DocumentDB engine.
"""

import json
import re
from typing import Any

from moto.ec2.models import ec2_backends
from moto.rds.exceptions import DBInstanceAlreadyExists
from moto.rds.models import DBCluster, DBInstanceClustered, rds_backends
from moto.secretsmanager.models import secretsmanager_backends

from .base import HarnessModel, tag_list, template_bool

_ENGINE = "docdb"
_STAND_IN_ENGINE = "aurora-postgresql"  # passes moto's engine checks and sets every attribute a cluster serializes
_DEFAULT_PORT = 27017

# {{resolve:secretsmanager:secret-id:SecretString:json-key:version-stage:version-id}}; the secret ID may be an ARN.
_SECRET_REFERENCE = re.compile(
    r"\{\{resolve:secretsmanager:(?P<id>arn:[^:]+:secretsmanager:[^:]+:\d+:secret:[^:}]+|[^:}]+)"
    r"(?::SecretString(?::(?P<key>[^:}]*)(?::(?P<stage>[^:}]*)(?::(?P<version>[^:}]*))?)?)?)?\}\}"
)


def _rds(account_id: str, region_name: str) -> Any:
    return rds_backends[account_id][region_name]



def _identifier(value: str) -> str:
    """A cluster or instance identifier as RDS keeps it: lowercase, letters, digits and single hyphens, at most 63."""
    return re.sub(r"-{2,}", "-", re.sub(r"[^a-z0-9-]", "-", value.lower()))[:63].strip("-")


def _resolve(value: Any, account_id: str, region_name: str) -> Any:
    """Resolves a Secrets Manager dynamic reference, which moto passes through unresolved.

    A value that is no such reference, or names a secret moto does not hold, is used as written.
    """
    match = _SECRET_REFERENCE.fullmatch(value) if isinstance(value, str) else None
    backend = secretsmanager_backends[account_id][region_name]
    if not match or match["id"] not in backend.secrets:
        return value
    text = backend.get_secret_value(match["id"], match["version"] or None, match["stage"] or None).get("SecretString", "")
    return json.loads(text).get(match["key"], value) if match["key"] else text


def _without_none(values: dict[str, Any]) -> dict[str, Any]:
    """moto's model constructors have their own defaults; None would override them."""
    return {key: value for key, value in values.items() if value is not None}


class DocDBClusterParameterGroup(HarnessModel):
    TYPE = "AWS::DocDB::DBClusterParameterGroup"

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        backend = _rds(account_id, region_name)
        group = backend.create_db_cluster_parameter_group(
            (properties.get("Name") or name).lower(), properties["Family"], properties["Description"], tag_list(properties.get("Tags"))
        )
        parameters = properties.get("Parameters") or {}
        if isinstance(parameters, str):  # a Json property may arrive as text
            parameters = json.loads(parameters)
        backend.modify_db_cluster_parameter_group(group.name, [
            {"ParameterName": key, "ParameterValue": str(value), "ApplyMethod": "pending-reboot"} for key, value in parameters.items()
        ])
        return group.name, {}

    def remove(self) -> None:
        backend = _rds(self.account_id, self.region_name)
        if self.physical_resource_id in backend.db_cluster_parameter_groups:
            backend.delete_db_cluster_parameter_group(self.physical_resource_id)


class DocDBSubnetGroup(HarnessModel):
    TYPE = "AWS::DocDB::DBSubnetGroup"

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        subnets = [ec2_backends[account_id][region_name].get_subnet(subnet_id) for subnet_id in properties["SubnetIds"]]
        group = _rds(account_id, region_name).create_subnet_group(
            (properties.get("DBSubnetGroupName") or name).lower(), properties["DBSubnetGroupDescription"], subnets, tag_list(properties.get("Tags"))
        )
        return group.name, {}

    def remove(self) -> None:
        backend = _rds(self.account_id, self.region_name)
        if self.physical_resource_id in backend.subnet_groups:
            backend.delete_subnet_group(self.physical_resource_id)


class DocDBCluster(HarnessModel):
    TYPE = "AWS::DocDB::DBCluster"

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        backend = _rds(account_id, region_name)
        identifier = _identifier(properties.get("DBClusterIdentifier") or name)
        engine_version = str(properties.get("EngineVersion") or "5.0.0")
        cluster = DBCluster(backend, **_without_none({
            "db_cluster_identifier": identifier,
            "engine": _STAND_IN_ENGINE,
            "engine_version": engine_version,
            "master_username": _resolve(properties.get("MasterUsername"), account_id, region_name),
            "master_user_password": _resolve(properties.get("MasterUserPassword"), account_id, region_name),
            "port": int(properties.get("Port", _DEFAULT_PORT)),
            "backup_retention_period": int(properties.get("BackupRetentionPeriod", 1)),
            "copy_tags_to_snapshot": template_bool(properties.get("CopyTagsToSnapshot", False)),
            "db_cluster_parameter_group_name": properties.get("DBClusterParameterGroupName") or f"default.docdb{engine_version[:3]}",
            "db_subnet_group_name": properties.get("DBSubnetGroupName"),
            "preferred_backup_window": properties.get("PreferredBackupWindow"),
            "preferred_maintenance_window": properties.get("PreferredMaintenanceWindow"),
            "storage_encrypted": template_bool(properties.get("StorageEncrypted", False)),
            "kms_key_id": properties.get("KmsKeyId"),
            "deletion_protection": template_bool(properties.get("DeletionProtection", False)),
            "enable_cloudwatch_logs_exports": list(properties.get("EnableCloudwatchLogsExports") or []),
            "vpc_security_group_ids": list(properties.get("VpcSecurityGroupIds") or []),
            "availability_zones": properties.get("AvailabilityZones"),
            "storage_type": properties.get("StorageType"),
            "tags": tag_list(properties.get("Tags")),
        }))
        cluster.engine = _ENGINE
        # What the backend's create_db_cluster does for a cluster outside global clusters and replication.
        backend.clusters[cluster.db_cluster_identifier] = cluster
        cluster.save_automated_backup()
        return cluster.db_cluster_identifier, {
            "Endpoint": cluster.endpoint,
            "ReadEndpoint": cluster.reader_endpoint,
            "Port": str(cluster.port),  # CloudFormation returns the port as text (container environment values use it)
            "ClusterResourceId": cluster.db_cluster_resource_id,
        }

    def remove(self) -> None:
        backend = _rds(self.account_id, self.region_name)
        cluster = backend.clusters.get(self.physical_resource_id)
        if cluster is None:
            return
        cluster.deletion_protection = False  # the stack owns the cluster; protection only guards against other deletes
        backend.delete_db_cluster(self.physical_resource_id)  # fails while instances remain; the stack deletion retries
        for snapshot_id, snapshot in list(backend.cluster_snapshots.items()):
            if snapshot.snapshot_type == "automated" and snapshot.db_cluster_identifier == self.physical_resource_id:
                backend.delete_db_cluster_snapshot(snapshot_id)  # automated backups go with their cluster


class DocDBInstance(HarnessModel):
    TYPE = "AWS::DocDB::DBInstance"

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        backend = _rds(account_id, region_name)
        cluster = backend.describe_db_clusters(properties["DBClusterIdentifier"])[0]
        # The generated name (<stack>-<logical ID>-<suffix>) is cut to 63 characters, which can leave two
        # instances of one stack with the same identifier; the logical ID and the suffix are unique.
        identifier = _identifier(properties.get("DBInstanceIdentifier") or f"{logical_id}-{name.rsplit('-', 1)[-1]}")
        backend._validate_db_identifier(identifier)
        if identifier in backend.databases:
            raise DBInstanceAlreadyExists()
        instance = DBInstanceClustered(backend=backend, **_without_none({
            "db_instance_identifier": identifier,
            "db_cluster_identifier": cluster.db_cluster_identifier,
            "db_instance_class": properties["DBInstanceClass"],
            "engine": _STAND_IN_ENGINE,
            "port": cluster.port,
            "auto_minor_version_upgrade": template_bool(properties.get("AutoMinorVersionUpgrade", True)),
            "availability_zone": properties.get("AvailabilityZone"),
            "preferred_maintenance_window": properties.get("PreferredMaintenanceWindow"),
            "ca_certificate_identifier": properties.get("CACertificateIdentifier"),
            "tags": tag_list(properties.get("Tags")),
        }))
        instance.engine = _ENGINE
        # What the backend's create_db_instance does once the engine matches the cluster's.
        backend.databases[identifier] = instance
        instance.add_event("DB_INSTANCE_CREATE")
        instance.save_automated_backup()
        return identifier, {"Endpoint": instance.address, "Port": str(instance.port)}

    def remove(self) -> None:
        backend = _rds(self.account_id, self.region_name)
        if self.physical_resource_id in backend.databases:
            backend.delete_db_instance(self.physical_resource_id)


MODELS = [DocDBClusterParameterGroup, DocDBSubnetGroup, DocDBCluster, DocDBInstance]
