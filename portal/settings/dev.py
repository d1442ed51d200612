"""The embedded default for a developer's machine: `make run`."""

from .base import *  # noqa: F403
from .base import SECRET_KEY

DEBUG = True
# A fixed key is fine on a laptop; production refuses to start without its own.
SECRET_KEY = SECRET_KEY or "dev-only-not-secret-6c1f0d6a0e8b4f9c"
ALLOWED_HOSTS = ["*"]

# A fixed key for dev data only; production refuses to start without its own.
SENSITIVE_DATA_KEYS = SENSITIVE_DATA_KEYS or ["Yfk0joElR2Ld223UNErZ8G4eqyzga_lHemPtvHdnlzA="]  # noqa: F405
