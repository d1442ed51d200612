"""Create the local admin account once and print its password once.

Used by `make run` on a developer's machine; refuses to run in production
settings, where staff accounts are created deliberately.
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

EMAIL = "admin@localhost"


class Command(BaseCommand):
    help = "Create admin@localhost with a random password, printed once."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("ensure_local_admin is for local development (DEBUG=True) only.")
        User = get_user_model()
        if User.objects.filter(email=EMAIL).exists():
            self.stdout.write(f"Local admin {EMAIL} exists; its password was printed when it was created.")
            return
        password = secrets.token_urlsafe(12)
        user = User.objects.create_superuser(email=EMAIL, password=password, display_name="管理员")
        # allauth requires a verified address to log in on the site itself.
        user.emailaddress_set.create(email=EMAIL, verified=True, primary=True)
        self.stdout.write(self.style.SUCCESS(f"Local admin created: {EMAIL} / {password}  (shown only this once)"))
        self.stdout.write(f"Wagtail admin: {settings.SITE_URL}/cms/")
