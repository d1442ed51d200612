"""Checks on text that several apps share.

`single_line`: names and titles (a job's title, an employer's name, a contact
person, her display name...) end up in email subjects, headers and one-line
layouts, where a line break breaks the message ("Header values can't contain
newlines") or fakes a second line. Such fields refuse line breaks with a clear
message: as a model field validator (so model forms and the admin use it), on
plain form fields, and as `SingleLine`, the type for ninja schemas.
"""

import re
from typing import Annotated

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

# Every character Python's str.splitlines() breaks a line at.
LINE_BREAK = re.compile("[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
MESSAGE = _("Please write this on one line, without line breaks.")


def single_line(value):
    if value and LINE_BREAK.search(str(value)):
        raise ValidationError(MESSAGE, code="line_break")


def _single_line_for_schema(value):
    if value and LINE_BREAK.search(value):
        raise PydanticCustomError("line_break", gettext("Please write this on one line, without line breaks."))
    return value


SingleLine = Annotated[str, AfterValidator(_single_line_for_schema)]
