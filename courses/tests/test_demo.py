from django.core.management import call_command
from django.utils import timezone

from ..models import CourseCategory, CourseIndexPage, CoursePage, CourseSession, Enrolment


def test_seed_demo_builds_the_catalog_once(db, capsys):
    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)
    index = CourseIndexPage.objects.get()
    assert index.slug == "courses" and index.get_parent().specific_class.__name__ == "HomePage"
    assert CourseCategory.objects.count() == 4
    courses = CoursePage.objects.live()
    assert courses.count() >= 12
    assert set(courses.values_list("category__slug", flat=True)) == {"etiquette", "interview", "image", "quality"}
    now = timezone.now()
    # Three to come and two already held per course, whatever the number of runs.
    assert CourseSession.objects.filter(starts_at__gt=now).count() == 3 * courses.count()
    assert CourseSession.objects.filter(starts_at__lt=now).count() == 2 * courses.count()
    nearly_full = [s for s in CourseSession.objects.filter(capacity=4) if s.enrolments.count() == 3]
    assert nearly_full and Enrolment.objects.filter(session__starts_at__gt=now).count() == 3 * len(nearly_full)
    held = Enrolment.objects.filter(session__starts_at__lt=now)
    assert held.exists() and set(held.values_list("status", flat=True)) == {"attended", "no_show"}
