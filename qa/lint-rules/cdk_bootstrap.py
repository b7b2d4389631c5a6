from cfnlint.rules import CloudFormationLintRule, RuleMatch


class NoCdkBootstrap(CloudFormationLintRule):
    """Buyers have no CDK bootstrap stack; a template that checks for one cannot launch."""

    id = "E9105"
    shortdesc = "No CDK bootstrap requirement"
    description = "No BootstrapVersion parameter, CheckBootstrapVersion rule, or cdk-assets bucket reference"
    source_url = "https://docs.aws.amazon.com/marketplace/latest/userguide/cloudformation.html"
    tags = ["marketplace", "cdk"]

    def match(self, cfn):
        matches = []
        if "BootstrapVersion" in cfn.template.get("Parameters", {}):
            matches.append(RuleMatch(["Parameters", "BootstrapVersion"], "Parameter BootstrapVersion requires a CDK bootstrap the buyer does not have"))
        if "CheckBootstrapVersion" in cfn.template.get("Rules", {}):
            matches.append(RuleMatch(["Rules", "CheckBootstrapVersion"], "Rule CheckBootstrapVersion requires a CDK bootstrap the buyer does not have"))
        for name, resource in cfn.template.get("Resources", {}).items():
            if "cdk-hnb659fds" in str(resource):
                matches.append(RuleMatch(["Resources", name], f"Resource {name} refers to a CDK assets bucket the buyer does not have"))
        return matches
