"""moto server for the workspace's offline tests, with these additions made here, in the harness, and
not in moto:

1. CloudFormation models for resource types moto's CloudFormation lacks (cfn_models), added to moto's
   model map, so a template deploys without silently skipped resources.
2. Lambda functions run with the local Node.js (lambda_runner) instead of a Docker container, with the
   AWS SDK pointed at this server, so custom resources run their real code.
3. This server's own address is 127.0.0.1 (moto assumes Docker's host.docker.internal outside a
   container); custom resources send their responses to it. The port comes from MOTO_PORT.
4. A custom resource's response is handled in the Region named in its path
   (/cloudformation_<region>/cfnresponse); moto reads the Region from the host name, which for a
   loopback address means us-east-1, and would not find a stack of any other Region.
5. Service Catalog's ListProvisioningArtifacts and UpdateProvisioningArtifact, over the artifacts the
   harness's product model records (cfn_models/servicecatalog.py), which moto's API lacks.
6. A resource that cannot be created, or a custom resource that answers FAILED, fails its stack with
   the reason, as CloudFormation does; moto left the stack CREATE_IN_PROGRESS for ever (a raising model
   also failed the CreateStack call). The reason is logged as a traceback, which the deploy harness reports.
7. S3 bucket policies are evaluated as S3 does for the HTTPS requests the SDK sends on AWS
   (aws:SecureTransport true): a statement whose condition does not hold does not apply. moto ignores
   conditions with operators other than StringEquals, so every TLS-only bucket refused every request.
8. CloudFormation requests are handled one at a time: moto creates a stack's missing resources when a
   DescribeStackResources arrives while CreateStack is still creating them, so a resource could be
   created twice (seen as an origin access control "already existing" in its own stack).
9. DynamoDB requests are handled one at a time. moto serves each request on its own thread, and its
   conditional writes and transactions are not atomic across threads (two conditional claims of one
   item can both succeed; a transaction's copy of the table fails with "dictionary changed size during
   iteration" while another request writes), where DynamoDB guarantees both.

Usage: python moto_server.py -H 127.0.0.1 -p PORT   (the arguments of moto_server)
"""

import fnmatch
import json
import os
import re
import sys
import threading
import traceback
from functools import lru_cache, wraps

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from moto import settings  # noqa: E402
from moto.cloudformation import parsing  # noqa: E402
from moto.cloudformation.models import Stack  # noqa: E402
from moto.cloudformation.responses import CloudFormationResponse  # noqa: E402
from moto.dynamodb.responses import DynamoHandler  # noqa: E402
from moto.iam.access_control import IAMPolicy, PermissionResult  # noqa: E402
from moto.s3.models import FakeBucket  # noqa: E402
from moto.server import main  # noqa: E402

import cfn_models  # noqa: E402
import lambda_runner  # noqa: E402

_moto_models = parsing.get_model_list


@lru_cache
def _models_with_harness():
    return [*_moto_models(), *cfn_models.MODELS]


_moto_cfnresponse = CloudFormationResponse.cfnresponse.__func__


def _cfnresponse_in_its_region(cls, request, full_url, headers):
    region = re.search(r"/cloudformation_([a-z0-9-]+)/cfnresponse", full_url).group(1)
    # Only parsed, never fetched: the host name is where moto looks for the Region.
    in_region = re.sub(r"^https?://[^/]+", f"https://cloudformation.{region}.amazonaws.com", full_url)
    return _moto_cfnresponse(cls, request, in_region, headers)


_moto_create_resources = Stack.create_resources


def _failed_creation_fails_the_stack(self):
    try:
        _moto_create_resources(self)
    except Exception as error:  # noqa: BLE001 - any model's refusal is the stack's failure, as in CloudFormation
        traceback.print_exc()
        self.status = "CREATE_FAILED"
        self._add_stack_event("CREATE_FAILED", resource_status_reason=str(error))


_moto_process_cfn_response = CloudFormationResponse.process_cfn_response


def _failed_custom_resource_fails_its_stack(self):
    if self._get_param("Status") == "FAILED":
        stack = self.cloudformation_backend.get_stack(self._get_param("StackId"))
        reason = f"{self._get_param('LogicalResourceId')}: {self._get_param('Reason')}"
        # A traceback-shaped line, so the deploy harness reports it with moto's own errors.
        print(f"Traceback (most recent call last):\nCustomResourceFailed: {stack.name}: {reason}", file=sys.stderr, flush=True)
        stack.status = "CREATE_FAILED"
        stack._add_stack_event("CREATE_FAILED", resource_status_reason=reason)
    return _moto_process_cfn_response(self)


# What S3 knows of a request from the harness: on AWS the SDK always speaks HTTPS.
_S3_REQUEST_CONTEXT = {"aws:securetransport": "true"}


def _condition_holds(operator: str, key: str, expected) -> bool:
    """One condition of a bucket policy statement against _S3_REQUEST_CONTEXT (IAM's rules for the
    operators the workspace's bucket policies use; an absent key fails, unless ...IfExists)."""
    if_exists = operator.endswith("IfExists")
    operator = operator.removesuffix("IfExists")
    actual = _S3_REQUEST_CONTEXT.get(key.lower())
    if actual is None:
        return if_exists
    expected = [str(value).lower() if operator == "Bool" else str(value) for value in (expected if isinstance(expected, list) else [expected])]
    if operator in ("Bool", "StringEquals", "ArnEquals"):
        return actual in expected
    if operator in ("StringLike", "ArnLike"):
        return any(fnmatch.fnmatchcase(actual, pattern) for pattern in expected)
    raise ValueError(f"bucket policy condition operator {operator} is not modelled by the harness (moto_server.py)")


def _bucket_permission_over_tls(self, action, resource):
    if self.policy is None:
        return PermissionResult.NEUTRAL
    policy = json.loads(self.policy.decode())
    statements = policy["Statement"] if isinstance(policy["Statement"], list) else [policy["Statement"]]
    applying = [
        {name: value for name, value in statement.items() if name != "Condition"}
        for statement in statements
        if all(_condition_holds(operator, key, expected)
               for operator, pairs in (statement.get("Condition") or {}).items() for key, expected in pairs.items())
    ]
    if not applying:
        return PermissionResult.NEUTRAL
    return IAMPolicy(json.dumps({**policy, "Statement": applying})).is_action_permitted(action, resource)


def _one_at_a_time(responses: type) -> None:
    """Serves one request of a service at a time (additions 8 and 9)."""
    lock = threading.Lock()
    moto_call = responses.call_action

    @wraps(moto_call)
    def serialized(self, *args, **kwargs):
        with lock:
            return moto_call(self, *args, **kwargs)

    responses.call_action = serialized


parsing.get_model_list = _models_with_harness
_one_at_a_time(DynamoHandler)
_one_at_a_time(CloudFormationResponse)
settings.moto_server_host = lambda: "http://127.0.0.1"
CloudFormationResponse.cfnresponse = classmethod(_cfnresponse_in_its_region)
CloudFormationResponse.process_cfn_response = _failed_custom_resource_fails_its_stack
Stack.create_resources = _failed_creation_fails_the_stack
FakeBucket.get_permission = _bucket_permission_over_tls
lambda_runner.install()
cfn_models.servicecatalog.install_artifact_api()

if __name__ == "__main__":
    main()
