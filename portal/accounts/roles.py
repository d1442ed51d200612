"""What the staff groups may do, in one place.

Wagtail creates the "Editors" and "Moderators" groups; after every migrate (and
after a test flushes the database, which sends the same signal) the groups get
exactly the portal's permissions listed here. Editors publish content and run
the services; moderators additionally approve job postings and verify employers.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

EDITORS = [
    "wagtailadmin.access_admin",
    # Courses: categories and rosters (pages are governed by Wagtail's page permissions).
    "courses.add_coursecategory", "courses.change_coursecategory", "courses.delete_coursecategory",
    "courses.view_enrolment", "courses.change_enrolment",
    # Consultants: the pool, linking accounts, deactivation.
    "consultants.add_consultant", "consultants.change_consultant", "consultants.view_consultant",
    # Feedback is read, never changed; restrictions after no-shows may be lifted.
    "consultants.view_feedback", "consultants.view_bookingrestriction", "consultants.change_bookingrestriction",
    # Jobs: employers and their accounts, postings, the phrase list, applications.
    "jobs.add_employer", "jobs.change_employer", "jobs.view_employer", "jobs.delete_employer",
    "jobs.add_employermember", "jobs.change_employermember", "jobs.view_employermember",
    "jobs.delete_employermember",
    "jobs.add_jobposting", "jobs.change_jobposting", "jobs.view_jobposting",
    "jobs.add_discriminatoryphrase", "jobs.change_discriminatoryphrase", "jobs.view_discriminatoryphrase",
    "jobs.delete_discriminatoryphrase",
    "jobs.change_application", "jobs.view_application",
    # The placement ledger: verify a placement with a note; the federation's statistics.
    "jobs.verify_placement", "reports.view_statistics",
]
MODERATORS = EDITORS + ["jobs.moderate_jobposting", "jobs.verify_employer"]
GROUPS = {"Editors": EDITORS, "Moderators": MODERATORS}


def _permissions(names):
    query = Q()
    for name in names:
        app_label, codename = name.split(".")
        query |= Q(content_type__app_label=app_label, codename=codename)
    return Permission.objects.filter(query)


def ensure_staff_groups(**kwargs):
    """Create the groups if missing and grant what exists of their permissions.
    Runs after each app's migrations, so the last run sees every permission."""
    for name, permissions in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*_permissions(permissions))
