"""CloudFormation resource types moto lacks, created in moto's own service backends.

Each model is a HarnessModel listed in MODELS; moto_server.py adds them to moto's model map. A resource
type of a template that neither moto nor this package knows is skipped by moto with a warning; the
deploy harness then fails, naming the type (see qa/local-aws/deploy-offline.ts).
"""

from .base import HarnessModel
from . import apigateway, cognito, docdb, monitoring, network, policies, secrets

MODELS: list[type[HarnessModel]] = [
    *network.MODELS,
    *cognito.MODELS,
    *secrets.MODELS,
    *docdb.MODELS,
    *apigateway.MODELS,
    *monitoring.MODELS,
    *policies.MODELS,
]
