import json
import os


def handler(event, context):
    """Return a small JSON greeting that echoes the environment name."""
    body = {
        "message": "hello from cfnkit",
        "environment": os.environ.get("ENVIRONMENT", "unknown"),
    }
    return {"statusCode": 200, "body": json.dumps(body)}
