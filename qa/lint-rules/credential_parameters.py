import re

from cfnlint.rules import CloudFormationLintRule, RuleMatch


AWS_CREDENTIAL = re.compile(r"access_?key|secret_?(access_?)?key|aws_?credential|session_?token", re.IGNORECASE)


class NoAwsCredentialParameters(CloudFormationLintRule):
    """Marketplace products must use roles, never ask the buyer for AWS credentials."""

    id = "E9103"
    shortdesc = "No AWS credential parameters"
    description = "No parameter asks for AWS access keys, secret keys or session tokens; use IAM roles"
    source_url = "https://docs.aws.amazon.com/marketplace/latest/userguide/cloudformation.html"
    tags = ["marketplace", "parameters", "security"]

    def match(self, cfn):
        return [
            RuleMatch(["Parameters", name], f"Parameter {name} asks for AWS credentials; grant access with an IAM role instead")
            for name in cfn.template.get("Parameters", {})
            if AWS_CREDENTIAL.search(name)
        ]
