"""Her bookings in her data export, and what erasing her account does to them (portal/privacy
calls both through consultants.services).

The export has each booking with her intake answers and her feedback. A consultation note
is the consultant's own record: the export says that one exists, and carries its text only
when the consultant shared it with her. Erasure cancels her future bookings (the consultant
is told), keeps past ones with their date, topic code and outcome for the figures, and
removes the intake text, her number, her feedback comment and the notes about her.
"""

from .models import Booking, BookingRestriction, ConsultationNote, Feedback, QueueRequest


def _iso(value):
    return value.isoformat() if value else None


def _booking(booking):
    note = getattr(booking, "note", None)
    feedback = getattr(booking, "feedback", None)
    return {
        "id": booking.pk, "consultant": booking.consultant.display_name, "start": _iso(booking.start),
        "end": _iso(booking.end), "status": booking.status, "mode": booking.mode,
        "intake": {"topic_code": booking.topic_code, "topic": booking.topic, "description": booking.description,
                   "share_profile": booking.share_profile, "phone": str(booking.phone or "")},
        "cancelled_by": booking.cancelled_by, "cancel_reason": booking.cancel_reason,
        "cancelled_at": _iso(booking.cancelled_at), "created_at": _iso(booking.created_at),
        "consultation_note": None if note is None else {
            "exists": True, "text": note.body if note.shared_with_seeker else None},
        "feedback": None if feedback is None else {"rating": feedback.rating, "comment": feedback.comment},
    }


def personal_data(user):
    bookings = (Booking.objects.filter(seeker=user).select_related("consultant", "note", "feedback")
                .order_by("start", "pk"))
    queue = QueueRequest.objects.filter(seeker=user).select_related("consultant").order_by("created_at", "pk")
    restrictions = BookingRestriction.objects.filter(seeker=user).order_by("starts_at")
    return {"name": "consultations", "records": {
        "bookings": [_booking(booking) for booking in bookings],
        "queue_requests": [{"consultant": request.consultant.display_name, "status": request.status,
                            "since": _iso(request.created_at)} for request in queue],
        "booking_restrictions": [{"from": _iso(row.starts_at), "until": _iso(row.ends_at),
                                  "lifted_at": _iso(row.lifted_at), "her_message": row.appeal}
                                 for row in restrictions],
    }, "files": []}


def erase_personal_data(user):
    from .services import cancel_for_erased_seeker

    cancel_for_erased_seeker(user)
    Booking.objects.filter(seeker=user).update(topic="", description="", phone=None, meeting_link="",
                                               share_profile=False)
    Feedback.objects.filter(booking__seeker=user).update(comment="")
    ConsultationNote.objects.filter(booking__seeker=user).delete()
    BookingRestriction.objects.filter(seeker=user).update(appeal="")
