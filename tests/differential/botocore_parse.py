#!/usr/bin/env python3
"""botocore's side of the differential tests (tests/differential/src/botocore.rs runs it).

    botocore_parse.py parse     stdin: one JSON object a line,
                                  {"operation": "CopyBackup", "status": 200, "body": "<text>"}
                                stdout: one JSON object a line, in the same order,
                                  {"ok": <parsed output>} or {"error": "<what botocore raised>"}
    botocore_parse.py shapes OPERATION...
                                stdout: botocore's version and, for every structure reachable
                                from the operations' outputs and errors, its member names; and
                                each operation's error codes.

Parsing uses botocore's own FSx service model and its JSON response parser, exactly as
boto3's client does (`botocore.parsers.create_parser('json')`). In the output, timestamps
become {"epoch_micros": N} (botocore's datetimes hold microseconds) and blobs base64, so the
Rust side can compare them as instants and bytes.
"""

import base64
import datetime
import json
import sys

try:
    import botocore
    import botocore.parsers
    import botocore.session
except ImportError as error:  # pragma: no cover - the message is the point
    sys.stderr.write(
        "botocore is not installed (%s). Install it with:\n"
        "    python3 -m pip install -r tests/differential/requirements.txt\n" % error
    )
    sys.exit(3)

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def plain(value):
    """A parsed value as JSON: timestamps as epoch microseconds, blobs as base64."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=datetime.timezone.utc)
        delta = value - EPOCH
        micros = (delta.days * 86400 + delta.seconds) * 1000000 + delta.microseconds
        return {"epoch_micros": micros}
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def service_model():
    return botocore.session.get_session().get_service_model("fsx")


def parse():
    model = service_model()
    parser = botocore.parsers.create_parser("json")
    shapes = {}
    out = sys.stdout
    for line in sys.stdin:
        if not line.strip():
            continue
        case = json.loads(line)
        name = case["operation"]
        if name not in shapes:
            shapes[name] = model.operation_model(name).output_shape
        response = {
            "status_code": case.get("status", 200),
            "headers": case.get("headers", {}),
            "body": case["body"].encode("utf-8"),
        }
        try:
            parsed = parser.parse(response, shapes[name])
            parsed.pop("ResponseMetadata", None)
            result = {"ok": plain(parsed)}
        except Exception as error:  # botocore's failure is a result to compare, not a crash
            result = {"error": "%s: %s" % (type(error).__name__, error)}
        out.write(json.dumps(result, ensure_ascii=True, allow_nan=True))
        out.write("\n")
    out.flush()


def shapes(operations):
    model = service_model()
    structures = {}
    errors = {}

    def walk(shape):
        if shape is None:
            return
        if shape.type_name == "structure":
            if shape.name in structures:
                return
            structures[shape.name] = sorted(shape.members)
            for member in shape.members.values():
                walk(member)
        elif shape.type_name == "list":
            walk(shape.member)
        elif shape.type_name == "map":
            walk(shape.key)
            walk(shape.value)

    for name in operations:
        operation = model.operation_model(name)
        walk(operation.output_shape)
        errors[name] = sorted(
            e.metadata.get("error", {}).get("code", e.name) for e in operation.error_shapes
        )
        for error in operation.error_shapes:
            walk(error)
    json.dump(
        {
            "version": botocore.__version__,
            "api_version": model.api_version,
            "structures": structures,
            "errors": errors,
        },
        sys.stdout,
        sort_keys=True,
    )
    sys.stdout.write("\n")


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "parse":
        parse()
    elif len(sys.argv) >= 2 and sys.argv[1] == "shapes":
        shapes(sys.argv[2:])
    else:
        sys.stderr.write(__doc__)
        sys.exit(2)
