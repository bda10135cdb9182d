def handler(event, context):
    return "loop"
