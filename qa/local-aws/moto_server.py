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
6. DynamoDB requests are handled one at a time. moto serves each request on its own thread, and its
   conditional writes and transactions are not atomic across threads (two conditional claims of one
   item can both succeed; a transaction's copy of the table fails with "dictionary changed size during
   iteration" while another request writes), where DynamoDB guarantees both.

Usage: python moto_server.py -H 127.0.0.1 -p PORT   (the arguments of moto_server)
"""

import os
import re
import sys
import threading
from functools import lru_cache, wraps

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from moto import settings  # noqa: E402
from moto.cloudformation import parsing  # noqa: E402
from moto.cloudformation.responses import CloudFormationResponse  # noqa: E402
from moto.dynamodb.responses import DynamoHandler  # noqa: E402
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


_dynamodb_lock = threading.Lock()
_moto_dynamodb_call = DynamoHandler.call_action


@wraps(_moto_dynamodb_call)
def _dynamodb_one_at_a_time(self, *args, **kwargs):
    with _dynamodb_lock:
        return _moto_dynamodb_call(self, *args, **kwargs)


parsing.get_model_list = _models_with_harness
DynamoHandler.call_action = _dynamodb_one_at_a_time
settings.moto_server_host = lambda: "http://127.0.0.1"
CloudFormationResponse.cfnresponse = classmethod(_cfnresponse_in_its_region)
lambda_runner.install()
cfn_models.servicecatalog.install_artifact_api()

if __name__ == "__main__":
    main()
