"""Helpers the mock's modules share."""


def tags(properties):
    """A CloudFormation resource's `Tags` property as a dict."""
    return {tag["Key"]: tag["Value"] for tag in properties.get("Tags", [])}
