"""Runs moto's Lambda functions of Node.js runtimes with the local `node`, instead of in Docker.

The function's code (its zip, or inline ZipFile source) is unpacked into a temporary folder and its
handler is called once with the event; the AWS SDK inside talks to this moto server (AWS_ENDPOINT_URL)
with test credentials. Modules the code requires but does not bundle (for inline code, the AWS SDK the
Lambda runtime provides) come from the repository's node_modules.
"""

import io
import json
import os
import subprocess
import tempfile
import zipfile
from typing import Any

from moto import settings
from moto.awslambda.models import LambdaFunction

REPOSITORY = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CALL_HANDLER = (
    # The function's own logging goes to stderr (Lambda sends it to CloudWatch Logs), so stdout carries
    # only the result, as the invocation payload.
    "for (const method of ['log', 'info', 'debug']) console[method] = console.error;"
    "const [file, name, event] = process.argv.slice(1);"
    "Promise.resolve().then(() => require(file)[name](JSON.parse(event), {}))"
    ".then((result) => process.stdout.write(JSON.stringify(result ?? null)),"
    # A failed invocation answers as the Lambda runtime does: errorType and errorMessage, which Step Functions
    # matches its Retry and Catch error names against.
    " (error) => { console.error(error);"
    " process.stdout.write(JSON.stringify({ errorType: error?.name ?? 'Error', errorMessage: String(error?.message ?? error) }));"
    " process.exitCode = 1; });"
)

_docker_invoke = LambdaFunction._invoke_lambda


def _unpack(function: LambdaFunction, workdir: str) -> None:
    zipfile.ZipFile(io.BytesIO(function.code_bytes)).extractall(workdir)
    # moto stores inline ZipFile code as index.py whatever the runtime.
    inline = os.path.join(workdir, "index.py")
    if os.path.exists(inline) and not os.path.exists(os.path.join(workdir, "index.js")):
        os.rename(inline, os.path.join(workdir, "index.js"))


def _environment(function: LambdaFunction) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", "/tmp"),
        "NODE_PATH": os.path.join(REPOSITORY, "node_modules"),
        **{key: str(value) for key, value in (function.environment_vars or {}).items()},
        "AWS_ENDPOINT_URL": f"{settings.moto_server_host()}:{settings.moto_server_port()}",
        "AWS_REGION": function.region,
        "AWS_DEFAULT_REGION": function.region,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_LAMBDA_FUNCTION_NAME": function.function_name,
    }


def _invoke_with_node(self: LambdaFunction, event: Any = None) -> tuple[str, bool, str]:
    if not str(self.run_time).startswith("nodejs"):
        return _docker_invoke(self, event)
    self.logs_backend.ensure_log_group(self.logs_group_name)
    module, handler = self.handler.rsplit(".", 1)
    with tempfile.TemporaryDirectory(prefix="lambda-") as workdir:
        _unpack(self, workdir)
        try:
            result = subprocess.run(
                ["node", "-e", CALL_HANDLER, os.path.join(workdir, module), handler, json.dumps(event or {})],
                capture_output=True, timeout=int(self.timeout), env=_environment(self), cwd=workdir, check=False,
            )
        except subprocess.TimeoutExpired:
            return json.dumps({"errorMessage": f"timed out after {self.timeout} s"}), True, ""
    return result.stdout.decode() or "null", result.returncode != 0, result.stderr.decode()


def install() -> None:
    LambdaFunction._invoke_lambda = _invoke_with_node
