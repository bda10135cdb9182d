#!/usr/bin/env python3
def handler(event, context):
    return "worker"
