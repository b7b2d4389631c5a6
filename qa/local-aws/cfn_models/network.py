"""Network ACLs, their entries and subnet associations, and standalone security group egress rules."""

from typing import Any

from moto.ec2.models import ec2_backends

from .base import HarnessModel, tag_list, template_bool


def _ec2(account_id: str, region_name: str) -> Any:
    return ec2_backends[account_id][region_name]


class NetworkAcl(HarnessModel):
    TYPE = "AWS::EC2::NetworkAcl"

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        acl = _ec2(account_id, region_name).create_network_acl(vpc_id=properties["VpcId"], tags=tag_list(properties.get("Tags")))
        return acl.id, {"Id": acl.id}

    def remove(self) -> None:
        _ec2(self.account_id, self.region_name).delete_network_acl(self.physical_resource_id)


class NetworkAclEntry(HarnessModel):
    TYPE = "AWS::EC2::NetworkAclEntry"

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        port_range = properties.get("PortRange") or {}
        icmp = properties.get("Icmp") or {}
        egress = template_bool(properties.get("Egress"))
        _ec2(account_id, region_name).create_network_acl_entry(
            network_acl_id=properties["NetworkAclId"],
            rule_number=int(properties["RuleNumber"]),
            protocol=str(properties["Protocol"]),
            rule_action=properties["RuleAction"],
            egress=egress,
            cidr_block=properties.get("CidrBlock"),
            icmp_code=icmp.get("Code"),
            icmp_type=icmp.get("Type"),
            port_range_from=port_range.get("From"),
            port_range_to=port_range.get("To"),
            ipv6_cidr_block=properties.get("Ipv6CidrBlock"),
        )
        physical_id = f"{properties['NetworkAclId']}|{'egress' if egress else 'ingress'}|{properties['RuleNumber']}"
        return physical_id, {"Id": physical_id}

    def remove(self) -> None:
        acl_id, direction, number = self.physical_resource_id.split("|")
        backend = _ec2(self.account_id, self.region_name)
        if acl_id in backend.network_acls:
            backend.delete_network_acl_entry(acl_id, int(number), direction == "egress")


class SubnetNetworkAclAssociation(HarnessModel):
    TYPE = "AWS::EC2::SubnetNetworkAclAssociation"

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        backend = _ec2(account_id, region_name)
        subnet_id = properties["SubnetId"]
        current = next(
            association_id
            for acl in backend.network_acls.values()
            for association_id, association in acl._associations.items()
            if association.subnet_id == subnet_id
        )
        association = backend.replace_network_acl_association(current, properties["NetworkAclId"])
        return association.id, {"AssociationId": association.id}

    def remove(self) -> None:
        backend = _ec2(self.account_id, self.region_name)
        for acl in list(backend.network_acls.values()):
            association = acl._associations.pop(self.physical_resource_id, None)
            if association:
                backend.associate_default_network_acl_with_subnet(association.subnet_id, acl.vpc_id)


class SecurityGroupEgress(HarnessModel):
    TYPE = "AWS::EC2::SecurityGroupEgress"

    @classmethod
    def create(cls, properties, account_id, region_name, name, logical_id):
        _ec2(account_id, region_name).authorize_security_group_egress(**cls._rule(properties))
        physical_id = "|".join(str(properties.get(key)) for key in ("GroupId", "IpProtocol", "FromPort", "ToPort", "CidrIp", "DestinationSecurityGroupId"))
        return physical_id, {"Id": physical_id}

    @staticmethod
    def _rule(properties: dict[str, Any]) -> dict[str, Any]:
        destination = properties.get("DestinationSecurityGroupId")
        return {
            "group_name_or_id": properties["GroupId"],
            "ip_protocol": str(properties["IpProtocol"]),
            "from_port": properties.get("FromPort"),
            "to_port": properties.get("ToPort"),
            "ip_ranges": [{"CidrIp": properties["CidrIp"], "Description": properties.get("Description")}] if properties.get("CidrIp") else [],
            "source_groups": [{"GroupId": destination}] if destination else [],
        }

    def remove(self) -> None:
        backend = _ec2(self.account_id, self.region_name)
        if self.properties["GroupId"] in {group.id for groups in backend.groups.values() for group in groups.values()}:
            backend.revoke_security_group_egress(**self._rule(self.properties))


MODELS = [NetworkAcl, NetworkAclEntry, SubnetNetworkAclAssociation, SecurityGroupEgress]
