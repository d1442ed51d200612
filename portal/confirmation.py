"""One way to confirm an action that is hard to undo: cancelling, leaving a
waitlist, declining, withdrawing, moving to another time.

The action has one address. The buttons on the pages are links to it:

- GET shows the confirmation page: what will happen and what follows from it,
  a confirm button and a link back. It never changes anything.
- POST without the `confirm` field (an old page, a script) shows the same page.
- POST with confirm=yes (and the CSRF token) is the only request that acts.
  A refusal then is a ServiceError as before: the problem page, with its status.

When the action can no longer be done (too late, already cancelled), the
confirmation page says why and offers no button, with the refusal's status.
All four apps render the one template, portal/templates/confirm.html.
"""

from django.shortcuts import render

from portal import dates

CONFIRM_FIELD = "confirm"
CONFIRM_VALUE = "yes"
# What the confirming POST carries besides the CSRF token (and what tests post).
CONFIRMING = {CONFIRM_FIELD: CONFIRM_VALUE}


def confirmed(request):
    """Whether this is the confirming POST, the only request that may change anything."""
    return request.method == "POST" and request.POST.get(CONFIRM_FIELD) == CONFIRM_VALUE


def moment(value, time_zone=None):
    """A date and time as the portal writes it, in the reader's language (portal/dates.py):
    "12月5日（周五）10:00" / "Fri 5 Dec, 10:00", in the given zone (the site's by default)."""
    return dates.when(value, time_zone=time_zone)


def confirmation_page(request, *, title, summary, confirm_label, back_url, back_label, consequences=(),
                      facts=(), hidden=None, form=None, other_links=(), refusal=None, status=200):
    """The confirmation page of the action at this address.

    summary: the question, in plain words ("Cancel your enrolment in … on …?");
    consequences: what follows once confirmed; facts: (label, value) pairs;
    hidden: fields the confirming POST carries on (the new time, where to go next);
    form: fields she fills in on the page (a reason); other_links: (url, label);
    refusal: the ServiceError the action would meet now, shown instead of the button.
    """
    context = {
        "title": title, "summary": summary, "confirm_label": confirm_label,
        "back_url": back_url, "back_label": back_label, "consequences": consequences, "facts": facts,
        "hidden": {key: value for key, value in (hidden or {}).items() if value not in (None, "")},
        "form": form, "other_links": other_links, "refusal": refusal,
        "action_url": request.path, "confirm_field": CONFIRM_FIELD, "confirm_value": CONFIRM_VALUE,
    }
    return render(request, "confirm.html", context, status=refusal.status if refusal else status)
