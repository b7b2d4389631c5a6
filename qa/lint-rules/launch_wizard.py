from cfnlint.rules import CloudFormationLintRule, RuleMatch


class InterfaceCoversParameters(CloudFormationLintRule):
    """Every parameter appears in the launch wizard in a titled group with a readable label."""

    id = "E9106"
    shortdesc = "Launch wizard covers every parameter"
    description = "AWS::CloudFormation::Interface puts every parameter in exactly one group and gives it a label"
    source_url = "https://docs.aws.amazon.com/marketplace/latest/userguide/cloudformation.html"
    tags = ["marketplace", "parameters", "metadata"]

    def match(self, cfn):
        interface = cfn.template.get("Metadata", {}).get("AWS::CloudFormation::Interface")
        parameters = cfn.template.get("Parameters", {})
        if not interface:
            return [RuleMatch(["Metadata"], "AWS::CloudFormation::Interface is missing: group and label every parameter")] if parameters else []
        matches = []
        grouped = [name for group in interface.get("ParameterGroups", []) for name in group.get("Parameters", [])]
        labels = interface.get("ParameterLabels", {})
        for name in parameters:
            count = grouped.count(name)
            if count != 1:
                matches.append(RuleMatch(["Parameters", name], f"Parameter {name} is in {count} parameter groups; put it in exactly one"))
            if not labels.get(name, {}).get("default"):
                matches.append(RuleMatch(["Parameters", name], f"Parameter {name} has no label in ParameterLabels"))
        for name in set(grouped) - set(parameters):
            matches.append(RuleMatch(["Metadata", "AWS::CloudFormation::Interface"], f"Parameter group lists {name}, which is not a parameter"))
        return matches
