"""CloudFormation resource types moto lacks, created in moto's own service backends.

Each model is a HarnessModel listed in MODELS; moto_server.py adds them to moto's model map. A resource
type of a template that neither moto nor this package knows is skipped by moto with a warning; the
deploy harness then fails, naming the type (see qa/bin/test-deploy.ts). moto_gaps replaces moto's
own models of some types with ones that delegate to them and add what they lack (deletion, above all).
"""

from .base import HarnessModel
from . import apigateway, backup, bedrock, cloudfront, cognito, docdb, edge, monitoring, moto_gaps, network, policies, secrets, servicecatalog, threats

MODELS: list[type[HarnessModel]] = [
    *network.MODELS,
    *cognito.MODELS,
    *secrets.MODELS,
    *docdb.MODELS,
    *apigateway.MODELS,
    *monitoring.MODELS,
    *policies.MODELS,
    *servicecatalog.MODELS,
    *edge.MODELS,
    *cloudfront.MODELS,
    *threats.MODELS,
    *bedrock.MODELS,
    *backup.MODELS,
    *moto_gaps.MODELS,
]
