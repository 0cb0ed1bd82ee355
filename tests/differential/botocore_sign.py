#!/usr/bin/env python3
"""botocore's SigV4 signer, for tests/differential/tests/sigv4.rs (run through
tests/differential/src/botocore.rs, which provisions the pinned botocore).

    botocore_sign.py    stdin: one JSON object a line,
                          {"method": "POST", "url": "https://fsx.us-east-1.amazonaws.com/",
                           "headers": [["content-type", "..."], ...],
                           "body_base64": "...", "service": "fsx", "region": "us-east-1",
                           "access_key": "...", "secret_key": "...", "token": null | "...",
                           "timestamp": "20261127T123456Z"}
                        stdout: one JSON object a line, in the same order,
                          {"headers": [[name, value], ...], "canonical_request": "..."}
                          or {"error": "<what botocore raised>"}

Each request is signed exactly as botocore's clients sign awsJson requests:
`botocore.auth.SigV4Auth(credentials, service, region).add_auth(AWSRequest(...))`. The signing
time is fixed by replacing `botocore.auth.get_current_datetime`, the clock `add_auth` reads
(since botocore 1.40.2; `add_auth` overwrites `request.context['timestamp']` with it, so
setting the context beforehand would not hold). The canonical request is recorded on the way
(a subclass that only remembers what `canonical_request` returned), for failure messages.
"""

import base64
import datetime
import json
import sys
from unittest import mock

try:
    import botocore
    import botocore.auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials
except ImportError as error:  # pragma: no cover - the message is the point
    sys.stderr.write(
        "botocore is not installed (%s). Install it with:\n"
        "    python3 -m pip install -r tests/differential/requirements.txt\n" % error
    )
    sys.exit(3)

if not hasattr(botocore.auth, "get_current_datetime"):  # pragma: no cover
    sys.stderr.write(
        "botocore %s has no botocore.auth.get_current_datetime to fix the signing time with\n"
        % botocore.__version__
    )
    sys.exit(2)


class RecordingSigV4Auth(botocore.auth.SigV4Auth):
    """botocore's SigV4Auth, remembering the canonical request it signed (nothing else differs)."""

    canonical = None

    def canonical_request(self, request):
        self.canonical = super().canonical_request(request)
        return self.canonical


def sign(case):
    now = datetime.datetime.strptime(case["timestamp"], botocore.auth.SIGV4_TIMESTAMP)
    request = AWSRequest(
        method=case["method"],
        url=case["url"],
        data=base64.b64decode(case["body_base64"]),
    )
    # Set one by one (not a dict): a name may repeat, as in an HTTP request.
    for name, value in case["headers"]:
        request.headers[name] = value
    credentials = Credentials(case["access_key"], case["secret_key"], case.get("token"))
    signer = RecordingSigV4Auth(credentials, case["service"], case["region"])
    # botocore reads the clock as a naive UTC datetime (get_current_datetime(remove_tzinfo=True)).
    with mock.patch.object(botocore.auth, "get_current_datetime", return_value=now):
        signer.add_auth(request)
    return {
        "headers": [[name, value] for name, value in request.headers.items()],
        "canonical_request": signer.canonical,
    }


def main():
    out = sys.stdout
    for line in sys.stdin:
        if not line.strip():
            continue
        case = json.loads(line)
        try:
            result = sign(case)
        except Exception as error:  # reported per case, with the case, by the Rust side
            result = {"error": "%s: %s" % (type(error).__name__, error)}
        out.write(json.dumps(result, ensure_ascii=True))
        out.write("\n")
    out.flush()


if __name__ == "__main__":
    if len(sys.argv) != 1:
        sys.stderr.write(__doc__)
        sys.exit(2)
    main()
