"""The apps' parts of her data. Each module in settings.PERSONAL_DATA_PROVIDERS has

- personal_data(user) -> {"name": str, "records": JSON-able, "files": [(zip_path, file)]},
  a file being a FieldFile, bytes, or a function returning bytes (built only when written);
- erase_personal_data(user): what deleting her account means for that app.

Erasure calls them in the listed order: the apps that cancel (and tell the other side)
come before notifications, which removes what was queued to her, and accounts comes last.
"""

from django.conf import settings
from django.utils.module_loading import import_string


def providers():
    return [import_string(path) for path in settings.PERSONAL_DATA_PROVIDERS]


def sections(user):
    from .services import personal_data as own

    return [module.personal_data(user) for module in providers()] + [own(user)]


def erase(user):
    from .services import erase_personal_data as own

    own(user)
    for module in providers():
        module.erase_personal_data(user)
