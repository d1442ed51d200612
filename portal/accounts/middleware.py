"""Remember the language a signed-in person uses the site in.

Messages sent later, with no request around (reminders, offers, alerts), are
written in `User.language`; the last language she read the site in is the best
guess of what she wants. Only pages she reads (GET) under the language prefixes
count: the API, the admin and static files have no language of their own, and a
form she posts (such as choosing a language on her account page) decides itself.
"""

from django.contrib.auth import get_user_model

# Addresses outside i18n_patterns (see portal/urls.py).
UNPREFIXED = ("/api/", "/cms/", "/django-admin/", "/documents/", "/healthz", "/sitemap.xml", "/static/", "/media/")


class RememberLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (request.method == "GET" and user is not None and user.is_authenticated
                and not request.path_info.startswith(UNPREFIXED)):
            language = getattr(request, "LANGUAGE_CODE", None)
            if language and language != user.language:
                # A single-column UPDATE: no signals, no race with a save elsewhere.
                get_user_model().objects.filter(pk=user.pk).update(language=language)
                user.language = language
        return response
