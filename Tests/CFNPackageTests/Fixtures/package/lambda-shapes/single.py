def handler(event, context):
    return "file"
