"""Interview invitations and her answers.

An invitation carries a time, a place (on site), an https link (online) or a phone
contact, the employer's contact person and a screened note. A new invitation
replaces the one still waiting; all of an application's invitations share one
calendar UID and count SEQUENCE up, so her calendar moves its entry. Accepting
shares her phone number and email with that employer (contact_shared_at); both
sides get the calendar file.
"""

from functools import partial

import phonenumbers
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal import calendar as ics
from portal.errors import Conflict, NotFound
from portal.validators import single_line

from . import applications
from .models import Application, Interview

Status = Application.Status
Event = applications.Event

# Where an invitation may be sent from.
INVITABLE = {Status.SUBMITTED, Status.VIEWED, Status.INTERVIEW}


def _check_time(starts_at, field="starts_at"):
    if starts_at is None:
        raise ValidationError({field: _("Please give the interview's date and time.")})
    if not 2000 <= starts_at.year <= 2100:
        raise ValidationError({field: _("Please give a date between 2000 and 2100.")})
    if starts_at <= timezone.now():
        raise ValidationError({field: _("The interview cannot be in the past.")})


def _valid_phone(value):
    try:
        number = phonenumbers.parse(value, "CN")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError({"contact_phone": _("Please give a valid phone number.")})
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def validate(starts_at, duration, mode, place, link, contact_name, contact_phone):
    """The invitation's details, checked: a ValidationError per field otherwise."""
    _check_time(starts_at)
    errors = {}
    if not 10 <= int(duration or 0) <= 480:
        errors["duration"] = _("An interview lasts between 10 minutes and 8 hours.")
    if mode not in Interview.Mode.values:
        errors["mode"] = _("Please choose how the interview takes place.")
    if mode == Interview.Mode.ONSITE and not (place or "").strip():
        errors["place"] = _("Please give the address of an on-site interview.")
    if mode == Interview.Mode.ONLINE and not (link or "").startswith("https://"):
        errors["link"] = _("Please give the meeting link of an online interview (https://…).")
    if not (contact_name or "").strip():
        errors["contact_name"] = _("Please name the contact person.")
    for field, value in (("contact_name", contact_name), ("place", place)):
        try:
            single_line(value)
        except ValidationError as error:
            errors.setdefault(field, error.messages[0])
    phone = ""
    if contact_phone or mode == Interview.Mode.PHONE:
        try:
            phone = _valid_phone(contact_phone or "")
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    return phone


def current(application):
    """The invitation that counts now (the latest one not replaced), or None."""
    return application.interviews.exclude(answer=Interview.Answer.REPLACED).first()


def invite(application_id, employer_user, starts_at, duration, mode, place="", link="", contact_name="",
           contact_phone="", note=""):
    """Invite her: replaces a waiting invitation, moves the application to INTERVIEW, tells her
    (by SMS too when she has a verified number) with the calendar file."""
    note = applications.check_message(note)
    phone = validate(starts_at, duration, mode, place, link, contact_name, contact_phone)
    with transaction.atomic():
        application = applications.managed_application(application_id, employer_user, open_only=False,
                                                       for_update=True)
        applications.refuse_unless_open(application, INVITABLE)
        earlier = list(application.interviews.all())
        application.interviews.exclude(answer=Interview.Answer.REPLACED).update(answer=Interview.Answer.REPLACED)
        interview = Interview.objects.create(
            application=application, starts_at=starts_at, duration_minutes=int(duration), mode=mode,
            place=(place or "").strip() if mode == Interview.Mode.ONSITE else "",
            link=link if mode == Interview.Mode.ONLINE else "", contact_name=contact_name.strip(),
            contact_phone=phone, note=note, sequence=len(earlier),
            uid=ics.uid("interview", application.pk),
        )
        application.status = Status.INTERVIEW
        application.save(update_fields=["status", "updated_at"])
        applications.record(application, Event.INVITED, detail=_when(interview))
        applications.notify_seeker(application, "invited", message=note, interview=interview,
                                   calendar=partial(calendar_event, interview),
                                   dedup=f"application:{application.pk}:invited:{interview.pk}")
    return interview


def _when(interview):
    return timezone.localtime(interview.starts_at).strftime("%Y-%m-%d %H:%M")


ANSWERS = {"accept": Interview.Answer.ACCEPTED, "decline": Interview.Answer.DECLINED,
           "propose": Interview.Answer.PROPOSED}


def answer(application_id, seeker, choice, proposed_start=None, message=""):
    """Her answer to the current invitation: accept, decline or propose another time.
    A second answer to the same invitation is a Conflict."""
    if choice not in ANSWERS:
        raise ValidationError({"choice": _("Please choose an answer.")})
    message = (message or "").strip()[:1000]
    if choice == "propose":
        _check_time(proposed_start, "proposed_start")
    with transaction.atomic():
        application = applications.get_own_application(application_id, seeker)
        application = Application.objects.select_for_update().select_related("job__employer", "seeker").get(
            pk=application.pk)
        interview = current(application)
        if interview is None:
            raise NotFound("not_found", _("There is no interview invitation to answer."))
        if interview.answer != Interview.Answer.WAITING or application.status != Status.INTERVIEW:
            raise Conflict("already_answered", _("You have already answered this invitation."))
        now = timezone.now()
        interview.answer = ANSWERS[choice]
        interview.answered_at = now
        interview.message = message
        interview.proposed_start = proposed_start if choice == "propose" else None
        interview.save(update_fields=["answer", "answered_at", "message", "proposed_start"])
        kind = {"accept": Event.ACCEPTED, "decline": Event.DECLINED, "propose": Event.PROPOSED}[choice]
        detail = _when(interview) if choice != "propose" else timezone.localtime(proposed_start).strftime(
            "%Y-%m-%d %H:%M")
        applications.record(application, kind, detail=detail)
        calendar = None
        if choice == "accept":
            application.contact_shared_at = application.contact_shared_at or now
            application.save(update_fields=["contact_shared_at", "updated_at"])
            calendar = partial(calendar_event, interview)
            applications.notify_seeker(application, "accepted", interview=interview, calendar=calendar,
                                       dedup=f"application:{application.pk}:accepted:{interview.pk}")
        applications.notify_employer(application, kind, interview=interview, calendar=calendar,
                                     dedup=f"application:{application.pk}:{kind}:{interview.pk}")
    return interview


def calendar_event(interview):
    """The interview as a calendar event; one UID per application, SEQUENCE per invitation."""
    application = interview.application
    job = application.job
    lines = [_("Interview for “%(title)s” at %(employer)s") % {"title": job.title, "employer": job.employer.name}]
    phone = interview.contact_phone.as_national if interview.contact_phone else ""
    lines.append(_("Contact: %(name)s %(phone)s") % {"name": interview.contact_name, "phone": phone})
    if interview.note:
        lines.append(interview.note)
    return ics.Event(
        uid=interview.uid, start=interview.starts_at, end=interview.ends_at, sequence=interview.sequence,
        summary=_("Interview: %(title)s · %(employer)s") % {"title": job.title, "employer": job.employer.name},
        description="\n".join(lines).strip(),
        location=interview.place if interview.mode == Interview.Mode.ONSITE else (
            _("Phone interview") if interview.mode == Interview.Mode.PHONE else ""),
        url=interview.link,
    )


def ics_file(interview):
    return ics.to_ical([calendar_event(interview)])


def accepted_interview(application):
    """The accepted current invitation, whose calendar file both sides may download."""
    interview = current(application)
    if interview is None or interview.answer != Interview.Answer.ACCEPTED:
        raise NotFound("not_found", _("There is no accepted interview."))
    return interview


def interview_for_seeker(application):
    """The invitation she may put in her calendar: the current one, unless she declined it."""
    interview = current(application)
    if interview is None or interview.answer == Interview.Answer.DECLINED:
        raise NotFound("not_found", _("There is no interview invitation."))
    return interview
