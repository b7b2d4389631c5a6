import re

from cfnlint.rules import CloudFormationLintRule, RuleMatch


RELEASE_PARAMETERS = ("MPS3BucketName", "MPS3BucketRegion", "MPS3KeyPrefix")


def references(value):
    """Every name a Ref points at, and every ${Name} of a Fn::Sub, anywhere under value."""
    found = set()
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == "Ref" and isinstance(inner, str):
                found.add(inner)
            elif key == "Fn::Sub":
                text = inner[0] if isinstance(inner, list) else inner
                if isinstance(text, str):
                    found.update(re.findall(r"\$\{([^}!.]+)\}", text))
                if isinstance(inner, list) and len(inner) > 1:
                    found.update(references(inner[1]))
            else:
                found.update(references(inner))
    elif isinstance(value, list):
        for inner in value:
            found.update(references(inner))
    return found


class ReleaseParameters(CloudFormationLintRule):
    """AWS Marketplace copies a product's files and rewrites these three parameters' defaults."""

    id = "E9101"
    shortdesc = "Marketplace release parameters"
    description = "The template declares MPS3BucketName, MPS3BucketRegion and MPS3KeyPrefix as String parameters and uses each"
    source_url = "https://docs.aws.amazon.com/marketplace/latest/userguide/cloudformation.html"
    tags = ["marketplace", "parameters"]

    def match(self, cfn):
        matches = []
        parameters = cfn.template.get("Parameters", {})
        used = references({key: cfn.template.get(key, {}) for key in ("Resources", "Conditions", "Outputs", "Rules")})
        for name in RELEASE_PARAMETERS:
            if name not in parameters:
                matches.append(RuleMatch(["Parameters"], f"Parameter {name} is missing; Marketplace addresses the release files through it"))
            elif parameters[name].get("Type") != "String":
                matches.append(RuleMatch(["Parameters", name, "Type"], f"Parameter {name} must be a String"))
            elif name not in used:
                matches.append(RuleMatch(["Parameters", name], f"Parameter {name} is declared but never used"))
        return matches
