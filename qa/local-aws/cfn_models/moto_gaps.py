"""moto's own models of these types, completed.

Creation, Ref and Fn::GetAtt stay moto's: each model creates through moto's model class and keeps the
moto object. What they add is deletion, which moto's models of these types lack (their
delete_from_cloudformation_json is the abstract no-op), so a stack delete left them behind and the VPC
could not go; moto's VPC deletes, but leaves its default network ACL. The DynamoDB table also gets the
encryption and point-in-time recovery moto's model ignores, the SQS queue a generated name that stays
unique, the EventBridge archive its event pattern given as an object, the event bus the Ref (its name)
that moto's model lacks, and the state machine its logging and tracing configuration.

moto deletes a stack's resources in no particular order, retrying failures in further passes: a delete that
must wait (an internet gateway still attached) raises moto's own error and is retried; a child whose parent
went first finds nothing left to do.

Types left to moto although its models cannot delete them, because moto removes them with their parent:
AWS::EC2::Route (kept in its route table), AWS::EC2::SecurityGroupIngress (a rule of its group),
AWS::ApiGateway::Resource and AWS::ApiGateway::Deployment (parts of their REST API) and
AWS::Lambda::Permission (a statement of its function's policy).
"""

import json
from typing import Any, ClassVar

from moto.apigateway.models import RestAPI as MotoRestApi, apigateway_backends
from moto.core.common_models import CloudFormationModel
from moto.dynamodb.models import dynamodb_backends
from moto.dynamodb.models.table import Table as MotoTable
from moto.ec2.models import ec2_backends
from moto.ec2.models.elastic_ip_addresses import ElasticAddress
from moto.ec2.models.flow_logs import FlowLogs
from moto.ec2.models.internet_gateways import InternetGateway as MotoInternetGateway
from moto.ec2.models.nat_gateways import NatGateway as MotoNatGateway
from moto.ec2.models.route_tables import RouteTable as MotoRouteTable
from moto.ec2.models.subnets import SubnetRouteTableAssociation as MotoSubnetRouteTableAssociation
from moto.ec2.models.vpcs import VPC as MotoVPC, VPCEndPoint
from moto.ec2.models.vpn_gateway import VPCGatewayAttachment as MotoVPCGatewayAttachment
from moto.ecs.models import Cluster as MotoCluster, Service as MotoService, TaskDefinition as MotoTaskDefinition, ecs_backends
from moto.events.models import Archive as MotoArchive, EventBus as MotoEventBus, events_backends
from moto.iam.models import ManagedPolicy as MotoManagedPolicy, iam_backends
from moto.kms.models import kms_backends
from moto.stepfunctions.models import StateMachine as MotoStateMachine, stepfunctions_backends
from moto.sqs.models import Queue as MotoQueue, sqs_backends
from moto.utilities.utils import get_partition

from .base import HarnessModel, template_bool


def _ec2(account_id: str, region_name: str) -> Any:
    return ec2_backends[account_id][region_name]


def _ecs(account_id: str, region_name: str) -> Any:
    return ecs_backends[account_id][region_name]


def _dynamodb(account_id: str, region_name: str) -> Any:
    return dynamodb_backends[account_id][region_name]



class MotoModel(HarnessModel):
    """moto's model MOTO of the same TYPE, which this one replaces in the model map; subclasses add remove()."""

    MOTO: ClassVar[type[CloudFormationModel]]

    def __init__(self, moto: Any, properties: dict[str, Any], account_id: str, region_name: str):
        # No physical ID or attributes of its own: both come from the moto object.
        self.moto = moto
        self.properties = properties
        self.account_id = account_id
        self.region_name = region_name

    @classmethod
    def cloudformation_name_type(cls) -> str:  # type: ignore[override]
        return cls.MOTO.cloudformation_name_type()

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return cls.MOTO.has_cfn_attr(attr)

    @property
    def physical_resource_id(self) -> str:
        return self.moto.physical_resource_id

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        return self.moto.get_cfn_attribute(attribute_name)

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[override]
        cls, resource_name: str, cloudformation_json: dict[str, Any], account_id: str, region_name: str, **kwargs: Any
    ) -> "MotoModel":
        moto = cls.MOTO.create_from_cloudformation_json(resource_name, cloudformation_json, account_id, region_name, **kwargs)
        return cls(moto, cloudformation_json.get("Properties") or {}, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[override]
        cls, original_resource: "MotoModel", new_resource_name: str, cloudformation_json: dict[str, Any], account_id: str, region_name: str
    ) -> HarnessModel:
        # Where moto's model updates (ECS), it still does; elsewhere the resource is replaced, as HarnessModel does.
        if hasattr(cls.MOTO.update_from_cloudformation_json, "__isabstractmethod__"):
            return super().update_from_cloudformation_json(original_resource, new_resource_name, cloudformation_json, account_id, region_name)
        moto = cls.MOTO.update_from_cloudformation_json(original_resource.moto, new_resource_name, cloudformation_json, account_id, region_name)
        return cls(moto, cloudformation_json.get("Properties") or {}, account_id, region_name)


class VPC(MotoModel):
    """moto's model deletes, but leaves the VPC's default network ACL behind."""

    TYPE = "AWS::EC2::VPC"
    MOTO = MotoVPC

    def remove(self) -> None:
        backend = _ec2(self.account_id, self.region_name)
        if self.moto.id not in backend.vpcs:
            return
        default_acls = [acl.id for acl in backend.network_acls.values() if acl.vpc_id == self.moto.id and acl.default]
        backend.delete_vpc(self.moto.id)  # refused while subnets or route tables remain; retried after them
        for acl_id in default_acls:
            # EC2 deletes it with the VPC. Its associations name subnets already gone, which delete_network_acl would refuse.
            backend.network_acls.pop(acl_id, None)


class EIP(MotoModel):
    TYPE = "AWS::EC2::EIP"
    MOTO = ElasticAddress

    def remove(self) -> None:
        backend = _ec2(self.account_id, self.region_name)
        if self.moto in backend.addresses:
            backend.release_address(address=self.moto.public_ip)  # disassociates it first, from a NAT gateway too


class FlowLog(MotoModel):
    TYPE = "AWS::EC2::FlowLog"
    MOTO = FlowLogs

    def remove(self) -> None:
        backend = _ec2(self.account_id, self.region_name)
        if self.moto.id in backend.flow_logs:
            backend.delete_flow_logs([self.moto.id])


class InternetGateway(MotoModel):
    TYPE = "AWS::EC2::InternetGateway"
    MOTO = MotoInternetGateway

    def remove(self) -> None:
        backend = _ec2(self.account_id, self.region_name)
        if self.moto.id in backend.internet_gateways:
            backend.delete_internet_gateway(self.moto.id)  # refused while attached; retried after the VPCGatewayAttachment


class VPCGatewayAttachment(MotoModel):
    TYPE = "AWS::EC2::VPCGatewayAttachment"
    MOTO = MotoVPCGatewayAttachment

    def remove(self) -> None:
        backend = _ec2(self.account_id, self.region_name)
        vpc_id = self.properties["VpcId"]
        internet_gateway = backend.internet_gateways.get(self.properties.get("InternetGatewayId"))
        if internet_gateway and internet_gateway.vpc and internet_gateway.vpc.id == vpc_id:
            backend.detach_internet_gateway(internet_gateway.id, vpc_id)
        vpn_gateway = backend.vpn_gateways.get(self.properties.get("VpnGatewayId"))
        if vpn_gateway and vpc_id in vpn_gateway.attachments:
            backend.detach_vpn_gateway(vpn_gateway.id, vpc_id)


class NatGateway(MotoModel):
    TYPE = "AWS::EC2::NatGateway"
    MOTO = MotoNatGateway

    def remove(self) -> None:
        backend = _ec2(self.account_id, self.region_name)
        gateway = backend.nat_gateways.get(self.moto.id)
        if gateway is None or gateway.state == "deleted":
            return
        # EC2 deletes the gateway's network interface, leaving its Elastic IP allocated; moto only marks it deleted.
        interface = gateway._eni
        for address in backend.addresses:
            if address.eni is interface:
                backend.disassociate_address(address=address.public_ip)
        if interface.id in backend.enis:
            backend.delete_network_interface(interface.id)
        backend.delete_nat_gateway(gateway.id)  # stays listed as "deleted", as in EC2


class RouteTable(MotoModel):
    TYPE = "AWS::EC2::RouteTable"
    MOTO = MotoRouteTable

    def remove(self) -> None:
        backend = _ec2(self.account_id, self.region_name)
        if self.moto.id in backend.route_tables:
            backend.delete_route_table(self.moto.id)  # its routes go with it


class SubnetRouteTableAssociation(MotoModel):
    TYPE = "AWS::EC2::SubnetRouteTableAssociation"
    MOTO = MotoSubnetRouteTableAssociation

    def remove(self) -> None:
        # moto's model records the association only here, under this key, and not in the route table.
        _ec2(self.account_id, self.region_name).subnet_associations.pop(f"{self.moto.route_table_id}:{self.moto.subnet_id}", None)


class VPCEndpoint(MotoModel):
    TYPE = "AWS::EC2::VPCEndpoint"
    MOTO = VPCEndPoint

    def remove(self) -> None:
        backend = _ec2(self.account_id, self.region_name)
        endpoint = backend.vpc_end_points.get(self.moto.id)
        if endpoint is None or endpoint.state == "deleted":
            return
        # moto removes a gateway endpoint's route from each of its route tables; a table deleted first took its route along.
        endpoint.route_table_ids = [table_id for table_id in endpoint.route_table_ids or [] if table_id in backend.route_tables]
        backend.delete_vpc_endpoints([endpoint.id])  # interface endpoints lose their network interfaces; stays listed as "deleted"


class Cluster(MotoModel):
    TYPE = "AWS::ECS::Cluster"
    MOTO = MotoCluster

    def remove(self) -> None:
        backend = _ecs(self.account_id, self.region_name)
        if self.moto.name in backend.clusters:
            backend.delete_cluster(self.moto.name)  # INACTIVE, as ECS reports deleted clusters


class Service(MotoModel):
    TYPE = "AWS::ECS::Service"
    MOTO = MotoService

    def remove(self) -> None:
        backend = _ecs(self.account_id, self.region_name)
        service = backend.services.get(f"{self.moto.cluster_name}:{self.moto.name}")
        if service and service.status == "ACTIVE":
            # CloudFormation scales the service to zero before deleting it; force does the same.
            backend.delete_service(self.moto.cluster_name, self.moto.name, force=True)


class TaskDefinition(MotoModel):
    TYPE = "AWS::ECS::TaskDefinition"
    MOTO = MotoTaskDefinition

    def remove(self) -> None:
        backend = _ecs(self.account_id, self.region_name)
        revision = backend.task_definitions.get(self.moto.family, {}).get(self.moto.revision)
        if revision and revision.status == "ACTIVE":
            backend.deregister_task_definition(self.moto.arn)  # INACTIVE, as CloudFormation leaves a deleted revision


class RestApi(MotoModel):
    TYPE = "AWS::ApiGateway::RestApi"
    MOTO = MotoRestApi

    def remove(self) -> None:
        backend = apigateway_backends[self.account_id][self.region_name]
        if self.moto.id in backend.apis:
            backend.delete_rest_api(self.moto.id)  # with its resources, methods, deployments and stages


class Table(MotoModel):
    """Also applies SSESpecification and PointInTimeRecoverySpecification, which moto's model ignores, and deletes
    despite deletion protection."""

    TYPE = "AWS::DynamoDB::Table"
    MOTO = MotoTable

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[override]
        cls, resource_name: str, cloudformation_json: dict[str, Any], account_id: str, region_name: str, **kwargs: Any
    ) -> "MotoModel":
        table = super().create_from_cloudformation_json(resource_name, cloudformation_json, account_id, region_name, **kwargs)
        backend = _dynamodb(account_id, region_name)
        # moto keeps the property as given: a parameter's "false" would count as protected.
        table.moto.deletion_protection_enabled = template_bool(table.properties.get("DeletionProtectionEnabled", False))
        sse = table.properties.get("SSESpecification") or {}
        if template_bool(sse.get("SSEEnabled", False)):
            # DescribeTable reports the key's ARN, whichever ID the template gave; without one, the AWS managed key.
            key_id = sse.get("KMSMasterKeyId")
            key_arn = kms_backends[account_id][region_name].describe_key(key_id).arn if key_id else table.moto._get_default_encryption_key(account_id, region_name)
            table.moto.sse_specification = {"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": key_arn}
        else:
            table.moto.sse_specification = None  # an AWS owned key, which DescribeTable does not mention
        recovery = table.properties.get("PointInTimeRecoverySpecification")
        if recovery:
            specification: dict[str, Any] = {"PointInTimeRecoveryEnabled": template_bool(recovery.get("PointInTimeRecoveryEnabled", False))}
            if "RecoveryPeriodInDays" in recovery:
                specification["RecoveryPeriodInDays"] = int(recovery["RecoveryPeriodInDays"])
            backend.update_continuous_backups(table.moto.name, specification)
        return table

    def remove(self) -> None:
        backend = _dynamodb(self.account_id, self.region_name)
        if backend.tables.get(self.moto.name) is self.moto:
            # Only the stack's own delete gets here (a retained table never does). CloudFormation would fail on a
            # protected table; the harness lets protection guard only against deletes outside the stack.
            self.moto.deletion_protection_enabled = False
            backend.delete_table(self.moto.name)


class ManagedPolicy(MotoModel):
    """Detaches the policy from its roles, users and groups and deletes it; IAM refuses to delete a role
    a managed policy is still attached to."""

    TYPE = "AWS::IAM::ManagedPolicy"
    MOTO = MotoManagedPolicy

    def remove(self) -> None:
        backend = iam_backends[self.account_id][get_partition(self.region_name)]
        arn = self.moto.arn
        if arn not in backend.managed_policies:
            return
        for role in self.properties.get("Roles") or []:
            if role in [r.name for r in backend.roles.values()]:
                backend.detach_role_policy(arn, role)
        for user in self.properties.get("Users") or []:
            backend.detach_user_policy(arn, user)
        for group in self.properties.get("Groups") or []:
            backend.detach_group_policy(arn, group)
        backend.delete_policy(arn)


class Queue(MotoModel):
    """moto's model cuts a generated name to SQS's 80 characters from the left, which drops the random suffix:
    with a long stack name, two queues whose logical IDs share a prefix got the same name (QueueAlreadyExists).
    CloudFormation shortens the stack and logical ID parts and keeps the suffix; so does this model."""

    TYPE = "AWS::SQS::Queue"
    MOTO = MotoQueue
    MAX_NAME = 80

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[override]
        cls, resource_name: str, cloudformation_json: dict[str, Any], account_id: str, region_name: str, **kwargs: Any
    ) -> "MotoModel":
        named = (cloudformation_json.get("Properties") or {}).get("QueueName")
        if not named and len(resource_name) > cls.MAX_NAME:
            prefix, suffix = resource_name.rsplit("-", 1)
            resource_name = f"{prefix[:cls.MAX_NAME - len(suffix) - 1]}-{suffix}"
        return super().create_from_cloudformation_json(resource_name, cloudformation_json, account_id, region_name, **kwargs)

    def remove(self) -> None:
        backend = sqs_backends[self.account_id][self.region_name]
        if self.moto.name in backend.queues:
            backend.delete_queue(self.moto.name)


class Archive(MotoModel):
    """moto's model takes EventPattern only as JSON text (the API's form), where templates give an object, and
    its retention as given (text, from a template)."""

    TYPE = "AWS::Events::Archive"
    MOTO = MotoArchive

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[override]
        cls, resource_name: str, cloudformation_json: dict[str, Any], account_id: str, region_name: str, **kwargs: Any
    ) -> "MotoModel":
        properties = dict(cloudformation_json.get("Properties") or {})
        if isinstance(properties.get("EventPattern"), dict):
            properties["EventPattern"] = json.dumps(properties["EventPattern"])
        if properties.get("RetentionDays") is not None:
            properties["RetentionDays"] = int(properties["RetentionDays"])
        return super().create_from_cloudformation_json(resource_name, {**cloudformation_json, "Properties": properties}, account_id, region_name, **kwargs)

    def remove(self) -> None:
        backend = events_backends[self.account_id][self.region_name]
        if self.moto.name in backend.archives:
            backend.delete_archive(self.moto.name)


class EventBus(MotoModel):
    """moto's model has no physical ID, so a Ref to it gave the bus object instead of its name."""

    TYPE = "AWS::Events::EventBus"
    MOTO = MotoEventBus

    @property
    def physical_resource_id(self) -> str:
        return self.moto.name

    def remove(self) -> None:
        backend = events_backends[self.account_id][self.region_name]
        if self.moto.name in backend.event_buses:
            backend.delete_event_bus(self.moto.name)


def _camel(value: Any) -> Any:
    """A template's PascalCase configuration in the API's camelCase (LoggingConfiguration -> loggingConfiguration)."""
    if isinstance(value, dict):
        return {key[0].lower() + key[1:]: _camel(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_camel(item) for item in value]
    return value


class StateMachine(MotoModel):
    """moto's model drops LoggingConfiguration and TracingConfiguration, so DescribeStateMachine said OFF."""

    TYPE = "AWS::StepFunctions::StateMachine"
    MOTO = MotoStateMachine

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[override]
        cls, resource_name: str, cloudformation_json: dict[str, Any], account_id: str, region_name: str, **kwargs: Any
    ) -> "MotoModel":
        machine = super().create_from_cloudformation_json(resource_name, cloudformation_json, account_id, region_name, **kwargs)
        properties = machine.properties
        if properties.get("LoggingConfiguration"):
            machine.moto.loggingConfiguration = _camel(properties["LoggingConfiguration"])
        if properties.get("TracingConfiguration"):
            tracing = properties["TracingConfiguration"]
            machine.moto.tracingConfiguration = {"enabled": template_bool(tracing.get("Enabled"))}
        return machine

    def remove(self) -> None:
        backend = stepfunctions_backends[self.account_id][self.region_name]
        if any(machine.arn == self.moto.arn for machine in backend.state_machines):
            backend.delete_state_machine(self.moto.arn)


MODELS = [
    VPC, EIP, FlowLog, InternetGateway, VPCGatewayAttachment, NatGateway, RouteTable, SubnetRouteTableAssociation, VPCEndpoint,
    Cluster, Service, TaskDefinition, RestApi, Table, ManagedPolicy, Queue, Archive, EventBus, StateMachine,
]
