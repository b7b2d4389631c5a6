from cfnlint.rules import CloudFormationLintRule, RuleMatch


ADMIN_PORTS = (22, 3389)
ANYWHERE = ("0.0.0.0/0", "::/0")


def _opens_admin_port(rule):
    if rule.get("CidrIp") not in ANYWHERE and rule.get("CidrIpv6") not in ANYWHERE:
        return None
    protocol = str(rule.get("IpProtocol", "")).lower()
    if protocol in ("-1", "all"):
        return ADMIN_PORTS[0]
    if protocol not in ("tcp", "6"):
        return None
    try:
        low, high = int(rule.get("FromPort")), int(rule.get("ToPort"))
    except (TypeError, ValueError):
        return ADMIN_PORTS[0]  # a port given by a parameter could be anything
    return next((port for port in ADMIN_PORTS if low <= port <= high), None)


class NoAdminPortsFromInternet(CloudFormationLintRule):
    """SSH and RDP must never be open to the whole internet."""

    id = "E9104"
    shortdesc = "No SSH or RDP from anywhere"
    description = "No security group rule admits port 22 or 3389 from 0.0.0.0/0 or ::/0"
    source_url = "https://docs.aws.amazon.com/marketplace/latest/userguide/cloudformation.html"
    tags = ["marketplace", "security", "ec2"]

    def match(self, cfn):
        matches = []
        for name, resource in cfn.template.get("Resources", {}).items():
            properties = resource.get("Properties", {}) or {}
            if resource.get("Type") == "AWS::EC2::SecurityGroup":
                for index, rule in enumerate(properties.get("SecurityGroupIngress", []) or []):
                    port = _opens_admin_port(rule) if isinstance(rule, dict) else None
                    if port:
                        matches.append(RuleMatch(["Resources", name, "Properties", "SecurityGroupIngress", index],
                                                 f"Security group {name} admits port {port} from the internet"))
            elif resource.get("Type") == "AWS::EC2::SecurityGroupIngress":
                port = _opens_admin_port(properties)
                if port:
                    matches.append(RuleMatch(["Resources", name, "Properties"], f"Ingress rule {name} admits port {port} from the internet"))
        return matches
