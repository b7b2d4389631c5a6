from cfnlint.rules import CloudFormationLintRule, RuleMatch


def _restricts_region(assertion):
    contains = assertion.get("Assert", {}).get("Fn::Contains") if isinstance(assertion.get("Assert"), dict) else None
    return isinstance(contains, list) and len(contains) == 2 and contains[1] == {"Ref": "AWS::Region"} and isinstance(contains[0], list)


class RegionRule(CloudFormationLintRule):
    """The product launches only where it is offered, and says so when it is launched elsewhere."""

    id = "E9107"
    shortdesc = "Supported Regions are enforced"
    description = "A Rules assertion with Fn::Contains on AWS::Region rejects unsupported Regions with a description"
    source_url = "https://docs.aws.amazon.com/marketplace/latest/userguide/cloudformation.html"
    tags = ["marketplace", "rules"]

    def match(self, cfn):
        for rule in cfn.template.get("Rules", {}).values():
            for assertion in rule.get("Assertions", []):
                if _restricts_region(assertion) and assertion.get("AssertDescription"):
                    return []
        return [RuleMatch(["Rules"], "No rule restricts AWS::Region: add an assertion Fn::Contains [[regions...], Ref AWS::Region] with an AssertDescription")]
