import re

from cfnlint.rules import CloudFormationLintRule, RuleMatch


SENSITIVE = re.compile(r"password|passwd|secret|token|credential|api_?key|private_?key", re.IGNORECASE)


class SensitiveParametersNoEcho(CloudFormationLintRule):
    """A secret typed into the launch wizard must not be echoed back or given a default."""

    id = "E9102"
    shortdesc = "NoEcho on sensitive parameters"
    description = "Parameters whose names say they hold a password, secret, token, credential or key are NoEcho and have no default"
    source_url = "https://docs.aws.amazon.com/marketplace/latest/userguide/cloudformation.html"
    tags = ["marketplace", "parameters", "security"]

    def match(self, cfn):
        matches = []
        for name, parameter in cfn.template.get("Parameters", {}).items():
            if not SENSITIVE.search(name):
                continue
            if str(parameter.get("NoEcho", "false")).lower() != "true":
                matches.append(RuleMatch(["Parameters", name], f"Parameter {name} looks sensitive but is not NoEcho: set NoEcho: true"))
            if parameter.get("Default"):
                matches.append(RuleMatch(["Parameters", name, "Default"], f"Parameter {name} looks sensitive but has a default: remove it"))
        return matches
