"""The demo content holds together: what a visitor judges the product by.

Seeded once per test (about a second and a half); each test checks one family of
rules on what `seed_demo` wrote, the way a visitor would notice them.
"""

import re
from collections import Counter
from datetime import timedelta

import pytest
from django.core.management import call_command

from consultants import services as consultants
from jobs.choices import DISTRICTS, Education, Experience, Industry
from jobs.demo import EDUCATION_TEXT, EXPERIENCE_TEXT
from jobs.models import Employer, JobPosting, Placement
from jobs.services import screen_posting
from search.jobs import search

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(db):
    call_command("seed_demo", verbosity=0)


def visible():
    return list(JobPosting.objects.visible().select_related("employer"))


def test_each_employer_has_one_industry_and_sits_where_its_name_says(seeded):
    employers = list(Employer.objects.prefetch_related("jobs"))
    assert len(employers) >= 12
    for employer in employers:
        named = [district for district in DISTRICTS if employer.name.startswith(district)]
        assert named == [employer.district], employer.name
        assert {posting.industry for posting in employer.jobs.all()} == {employer.industry}, employer.name
        assert {posting.district for posting in employer.jobs.all()} == {employer.district}, employer.name


def handwritten_sentences(posting):
    """The sentences written for this role: not the location line, not the header's words."""
    header = (EDUCATION_TEXT[posting.education], EXPERIENCE_TEXT[posting.experience])
    for sentence in re.split(r"[。！？]", posting.description + "。" + posting.requirements):
        sentence = sentence.strip()
        if len(sentence) >= 12 and not sentence.startswith("工作地点") and not sentence.startswith(header[0]):
            yield sentence


def test_no_duplicate_postings_and_no_template_sentences(seeded):
    jobs = visible()
    assert len(jobs) >= 30
    same_title = Counter((job.employer_id, job.title) for job in jobs)
    assert [key for key, count in same_title.items() if count > 1] == []
    same_text = Counter(job.description + job.requirements for job in jobs)
    assert max(same_text.values()) == 1
    owners = {}
    for job in jobs:
        for sentence in set(handwritten_sentences(job)):
            assert sentence not in owners, f"{job.title} and {owners[sentence]} share “{sentence}”"
            owners[sentence] = job.title


# Phrases that commit the text to an education or experience level.
CONTRADICTIONS = [
    (re.compile(r"应届"), lambda job: job.experience in (Experience.NONE, Experience.UNDER_1)),
    (re.compile(r"学历不限"), lambda job: job.education == Education.ANY),
    (re.compile(r"本科及以上"), lambda job: job.education == Education.BACHELOR),
    (re.compile(r"大专及以上|专科及以上"), lambda job: job.education == Education.ASSOCIATE),
    (re.compile(r"硕士"), lambda job: job.education == Education.MASTER),
    (re.compile(r"3\s*年及以上"), lambda job: job.experience == Experience.OVER_3),
    (re.compile(r"1[–-]3\s*年"), lambda job: job.experience == Experience.ONE_TO_3),
]


def test_the_header_facts_agree_with_the_text(seeded):
    for job in visible():
        text = job.description + job.requirements
        assert EDUCATION_TEXT[job.education] in text, job.title
        assert EXPERIENCE_TEXT[job.experience] in text, job.title
        for phrase, agrees in CONTRADICTIONS:
            if phrase.search(text):
                assert agrees(job), f"{job.title}: “{phrase.pattern}” against {job.education}/{job.experience}"


def test_published_postings_pass_the_screen_and_flagged_ones_wait(seeded):
    for job in visible():
        assert not screen_posting(job), job.title
    held = JobPosting.objects.filter(status=JobPosting.Status.NEEDS_CHANGES)
    assert held.exists()
    assert all(screen_posting(job) for job in held)
    # A moderator finds clean postings waiting for her, none of them on the site yet.
    waiting = JobPosting.objects.filter(status=JobPosting.Status.SUBMITTED)
    assert waiting.exists() and not any(screen_posting(job) for job in waiting)
    assert not set(waiting.values_list("pk", flat=True)) & {job.pk for job in visible()}


def test_a_keyword_in_a_district_finds_only_that_trade(seeded):
    for district in DISTRICTS:
        results = search("会计", {"city": [district]})
        assert {hit.industry for hit in results.hits} <= {Industry.FINANCE}, district
    assert search("会计").total >= 3


def counters(client):
    html = client.get("/").content.decode()
    return {source: int(number) for source, number in
            re.findall(r'data-counter="(\w+)">(\d+)', html)}


def test_home_counters_read_what_the_lists_show(seeded, client):
    shown = counters(client)
    assert shown["jobs"] == search("").total == len(visible())
    assert shown["consultants"] == len(consultants.directory())
    assert shown["employers"] == Employer.objects.verified().count()
    # Only the placements that count; the federation's count from before the portal is its own line.
    assert shown["placements"] == Placement.objects.counted().count() < Placement.objects.count()
    assert "平台上线前，职通车项目已帮助 2,300 余名女性就业（来源：重庆市妇联 2019–2024 年职通车项目统计）。" in (
        client.get("/").content.decode())
    directory = client.get("/consultants/").content.decode()
    assert shown["consultants"] == len(consultants.directory()) and shown["consultants"] > 0
    assert directory.count("/consultants/") >= shown["consultants"]


def test_demo_consultations_are_ones_a_graduate_would_book(seeded):
    """A few each, never two on one day (so never two at once), on a topic the
    consultant's specialty offers."""
    from django.utils import timezone

    from consultants.choices import topics_for
    from consultants.models import Booking

    bookings = list(Booking.objects.select_related("consultant").prefetch_related("consultant__specialties"))
    assert bookings
    per_day = Counter((booking.seeker_id, timezone.localtime(booking.start).date()) for booking in bookings)
    assert max(per_day.values()) == 1, per_day.most_common(3)
    assert max(Counter(booking.seeker_id for booking in bookings).values()) <= 3
    for booking in bookings:
        offered = topics_for([specialty.code for specialty in booking.consultant.specialties.all()])
        assert booking.topic_code in offered, (booking.consultant.display_name, booking.topic_code)


def test_the_statistics_have_a_history_to_show(seeded):
    """An editor's first look at 统计报告: months of courses held and consultations with their
    outcomes, every graduate placed in a district and a school (her résumé's, when she has one),
    each joined before the first thing she did."""
    from django.db.models import Min
    from django.utils import timezone

    from portal.accounts.statistics import graduate_accounts
    from reports import figures

    today = timezone.localdate()
    rows = figures.table(figures.Range(today - timedelta(days=150), today), "month")
    held = [row for row in rows if row["courses.enrolments"] and row["consultations.consultations"]]
    assert len(held) >= 4, [(row["key"], row["courses.enrolments"], row["consultations.consultations"]) for row in rows]
    totals = figures.totals(rows)
    assert 0 < totals["courses.attended"] < totals["courses.enrolments"]
    assert totals["consultations.no_show"] and totals["consultations.cancelled"]
    for by in ("district", "school"):
        keys = [row["key"] for row in figures.table(figures.Range(today - timedelta(days=400), today), by)]
        assert keys and "" not in keys, by
    graduates = graduate_accounts().annotate(first=Min("course_enrolments__created_at"),
                                             booked=Min("bookings__created_at"),
                                             applied=Min("applications__created_at")).select_related("seeker_profile")
    for user in graduates:
        assert user.seeker_profile.city in DISTRICTS and user.seeker_profile.school
        if hasattr(user, "resume"):
            profile, resume = user.seeker_profile, user.resume
            assert (profile.school, profile.major, profile.degree, profile.graduation_year) == (
                resume.school, resume.major, resume.degree, resume.graduation.year)
        assert all(user.date_joined < moment for moment in (user.first, user.booked, user.applied) if moment)
