"""The size limit of an inline template.

CreateStack and UpdateStack refuse
a `TemplateBody` over 51,200 bytes, as CloudFormation does (its quotas:
larger templates go through S3 as `TemplateURL`), so a test cannot pass a
template inline that AWS would refuse.
"""

from moto.cloudformation.exceptions import ValidationError
from moto.cloudformation.responses import CloudFormationResponse


INLINE_TEMPLATE_MAX_BYTES = 51_200


def _limiting_template_body(operation):
    def checked(self):
        body = self._get_param("TemplateBody")
        if body is not None and len(body.encode("utf-8")) > INLINE_TEMPLATE_MAX_BYTES:
            raise ValidationError(
                message=f"1 validation error detected: Value at 'templateBody' failed to satisfy "
                f"constraint: Member must have length less than or equal to "
                f"{INLINE_TEMPLATE_MAX_BYTES}"
            )
        return operation(self)

    return checked


CloudFormationResponse.create_stack = _limiting_template_body(CloudFormationResponse.create_stack)
CloudFormationResponse.update_stack = _limiting_template_body(CloudFormationResponse.update_stack)
