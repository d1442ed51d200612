"""How django-axes names the account a login attempt is for.

allauth's login form posts the address as `login` and authenticates with an
`email` credential; axes by default looks for `username`, which never comes.
"""


def username_from_request(request, credentials):
    if credentials and credentials.get("email"):
        return credentials["email"].strip().lower()
    if request is not None and hasattr(request, "POST"):
        return request.POST.get("login", "").strip().lower() or None
    return None
