"""A new editor's Wagtail admin starts in Chinese.

Wagtail leaves `UserProfile.preferred_language` empty, and without a profile or
with an empty preference the admin follows the language the browser asks for,
so an editor whose browser prefers English saw the admin in English. Everyone
who may enter the admin gets a profile when she signs in, created with the
site's language (zh-hans); she can still choose another one, or "server
language", in her admin account settings."""

from django.conf import settings


def default_to_site_language(sender, instance, **kwargs):
    if instance._state.adding and not instance.preferred_language:
        instance.preferred_language = settings.LANGUAGE_CODE


def profile_for_editors(sender, request, user, **kwargs):
    from wagtail.users.models import UserProfile

    if user.has_perm("wagtailadmin.access_admin"):
        UserProfile.get_for_user(user)
