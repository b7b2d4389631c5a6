"""Runs the real taskcat command line with two adjustments, made here rather than in a fork of taskcat.

1. The project upload leaves out what a template never reads (node_modules, sources, the Python
   environments), so only templates/ and build/ (the function archives) reach the bucket.
2. The HTML report's stylesheet is downloaded from GitHub while the report is written, and without a
   network the download error fails the whole run after the tests passed; the report is then written
   unstyled.
3. Offline, when AWS_ENDPOINT_URL names a local endpoint: taskcat's client factory pins STS to
   https://sts.<region>.amazonaws.com (REGIONAL_ENDPOINT_SERVICES in taskcat/_client_factory.py);
   emptying that list lets STS follow AWS_ENDPOINT_URL like every other boto3 client. Against real AWS
   (no AWS_ENDPOINT_URL) taskcat runs unchanged.

Usage: python taskcat_run.py <taskcat arguments>
"""

import os
import sys
from types import SimpleNamespace

import requests

from taskcat import _client_factory, _generate_reports
from taskcat._cli import main
from taskcat._s3_sync import S3Sync

S3Sync.exclude_path_prefixes = [
    *S3Sync.exclude_path_prefixes,
    "node_modules/", "product/", "services/", "qa/", "compliance/", "cdk.out/", "build/taskcat/",
    # The container images and their build cache go to registries, not to the template bucket.
    "build/images/", "build/engine/", "build/metering/",
]


class _StylesheetOrNothing:
    """requests, as the report module uses it, answering an empty stylesheet when there is no network."""

    @staticmethod
    def get(url, **kwargs):
        try:
            return requests.get(url, **kwargs)
        except requests.RequestException:
            return SimpleNamespace(text="")


_generate_reports.requests = _StylesheetOrNothing
if os.environ.get("AWS_ENDPOINT_URL"):
    _client_factory.REGIONAL_ENDPOINT_SERVICES = []

if __name__ == "__main__":
    sys.exit(main())
