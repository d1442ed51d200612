import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from portal.accounts.tests.factories import UserFactory

from ..models import Resume, ResumeEntry

EDIT = reverse("resumes:edit")


def management(prefix, total, initial=0):
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": str(initial),
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "10"}


def valid_post(**overrides):
    data = {
        "full_name": "陈思思", "school": "重庆文理学院", "major": "学前教育", "degree": "bachelor",
        "graduation": "2025-06", "statement": "喜欢和孩子相处，有幼儿园实习经历。",
        "skills": "钢琴、手工、普通话二级甲等", "certificates": "教师资格证（幼儿园）",
        "desired_job_types": ["full_time", "internship"], "desired_districts": ["永川", "璧山"],
        "salary_min": "3500", "salary_max": "5000", "contact_phone": "13900001111", "contact_email": "sisi@example.com",
        **management("education", 1), "education-0-organisation": "重庆文理学院", "education-0-role": "学前教育",
        "education-0-start": "2021-09", "education-0-end": "2025-06", "education-0-description": "",
        **management("experience", 1), "experience-0-kind": "internship",
        "experience-0-organisation": "永川区实验幼儿园", "experience-0-role": "实习教师",
        "experience-0-start": "2024-03", "experience-0-end": "", "experience-0-description": "带中班活动。",
        **management("languages", 1), "languages-0-name": "英语", "languages-0-level": "working",
    }
    data.update(overrides)
    return data


@pytest.fixture
def signed_in(client, seeker):
    client.force_login(seeker)
    return client


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    for name in ("edit", "preview", "pdf"):
        response = client.get(reverse(f"resumes:{name}"))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], name


def test_the_form_is_prefilled_from_her_account(signed_in, seeker):
    page = signed_in.get(EDIT).content.decode()
    assert 'value="林小雨"' in page and seeker.email in page and "13812345678" in page.replace(" ", "")
    assert not Resume.objects.exists()


def test_edit_round_trip_with_rows(signed_in, seeker):
    response = signed_in.post(EDIT, valid_post())
    assert response.status_code == 302, response.content.decode()[:3000]
    resume = Resume.objects.get(user=seeker)
    assert resume.graduation == datetime.date(2025, 6, 1)
    assert resume.skills == ["钢琴", "手工", "普通话二级甲等"]
    assert resume.languages == [{"name": "英语", "level": "working"}]
    assert resume.desired_districts == ["永川", "璧山"]
    experience = resume.entries.get(section="experience")
    assert experience.end is None and experience.start == datetime.date(2024, 3, 1)
    # The page shows what was saved, and one new empty row per set.
    page = signed_in.get(EDIT).content.decode()
    assert "永川区实验幼儿园" in page and 'value="2024-03"' in page
    assert 'name="experience-TOTAL_FORMS" value="2"' in page

    # Remove the experience row, add a second school, drop the language.
    education = resume.entries.get(section="education")
    data = valid_post(**management("education", 2, initial=1), **{
        "education-0-id": str(education.pk), "education-0-resume": str(resume.pk),
        "education-1-organisation": "永川职业教育中心", "education-1-role": "幼儿保育",
        "education-1-start": "2018-09", "education-1-end": "2021-06",
        **management("experience", 1, initial=1), "experience-0-id": str(experience.pk),
        "experience-0-resume": str(resume.pk), "experience-0-DELETE": "on",
        **management("languages", 1, initial=1), "languages-0-DELETE": "on",
    })
    assert signed_in.post(EDIT, data).status_code == 302
    resume = Resume.objects.get(user=seeker)
    assert list(resume.entries.values_list("section", "organisation")) == [
        ("education", "重庆文理学院"), ("education", "永川职业教育中心")]
    assert resume.languages == []


@pytest.mark.parametrize("overrides, field", [
    ({"graduation": "1999-06"}, "graduation"),
    ({"graduation": "2101-01"}, "graduation"),
    ({"graduation": "六月"}, "graduation"),
    ({"salary_min": "8000", "salary_max": "5000"}, "salary_max"),
    ({"statement": "很" * 501}, "statement"),
    ({"full_name": "名" * 41}, "full_name"),
    ({"education-0-start": "2025-09", "education-0-end": "2021-06"}, "education-0-end"),
    ({"languages-0-level": ""}, "languages-0-level"),
])
def test_bad_input_is_explained_and_nothing_is_saved(signed_in, seeker, make_resume, overrides, field):
    resume = make_resume(seeker)
    before = (Resume.objects.filter(pk=resume.pk).values().get(), list(ResumeEntry.objects.values()))
    response = signed_in.post(EDIT, valid_post(**overrides))
    assert response.status_code == 400
    page = response.content.decode()
    assert f'id="id_{field}_error"' in page
    assert (Resume.objects.filter(pk=resume.pk).values().get(), list(ResumeEntry.objects.values())) == before


def test_changes_only_by_post(signed_in):
    assert signed_in.put(EDIT).status_code == 405
    assert signed_in.post(reverse("resumes:preview")).status_code == 405
    assert signed_in.post(reverse("resumes:pdf")).status_code == 405


def test_the_preview_hides_phone_and_email(signed_in, seeker, make_resume):
    make_resume(seeker)
    page = signed_in.get(reverse("resumes:preview")).content.decode()
    assert "林小雨" in page and "审计助理" in page and "重庆工商大学" in page
    assert "13812345678" not in page.replace(" ", "") and "xiaoyu@example.com" not in page
    assert 'id="contact-note"' in page


def test_each_person_reaches_only_her_own_resume(client, seeker, make_resume):
    make_resume(seeker)
    other = UserFactory(display_name="别人")
    client.force_login(other)
    assert "林小雨" not in client.get(reverse("resumes:edit")).content.decode()
    # No résumé of her own yet: preview and PDF send her to the form.
    for name in ("preview", "pdf"):
        response = client.get(reverse(f"resumes:{name}"))
        assert response.status_code == 302 and response["Location"].endswith(EDIT)
    # Posting creates her own résumé and leaves the other one alone.
    assert client.post(EDIT, valid_post()).status_code == 302
    assert Resume.objects.get(user=seeker).full_name == "林小雨"
    assert Resume.objects.get(user=other).full_name == "陈思思"


def test_the_dashboard_links_to_the_resume(signed_in, seeker, make_resume):
    page = signed_in.get(reverse("dashboard")).content.decode()
    assert EDIT in page and reverse("resumes:preview") not in page
    make_resume(seeker, statement="")
    page = signed_in.get(reverse("dashboard")).content.decode()
    assert reverse("resumes:preview") in page and reverse("resumes:pdf") in page
    assert "9/10" in page or "9 of 10" in page


def test_the_edit_page_query_count_does_not_grow_with_rows(signed_in, seeker, make_resume,
                                                           django_assert_num_queries):
    resume = make_resume(seeker)
    signed_in.get(EDIT)  # warm caches (site settings)
    with CaptureQueriesContext(connection) as first:
        signed_in.get(EDIT)
    for year in range(2010, 2016):
        ResumeEntry.objects.create(resume=resume, section="experience", kind="campus", organisation=f"学生会{year}",
                                   role="干事", start=datetime.date(year, 9, 1), end=datetime.date(year + 1, 6, 1))
    with django_assert_num_queries(len(first.captured_queries)):
        page = signed_in.get(EDIT).content.decode()
    assert "学生会2015" in page


def test_course_certificates_appear_by_themselves(signed_in, seeker, make_resume, attended):
    make_resume(seeker)
    session = attended(seeker, title="职场礼仪与沟通")
    page = signed_in.get(reverse("resumes:preview")).content.decode()
    assert f"· 职场礼仪与沟通 · <time datetime=\"{timezone.localtime(session.starts_at):%Y-%m-%d}\">" in page
    # Only attended sessions: her form has no such line to fill in or remove.
    assert "职场礼仪与沟通" not in signed_in.get(EDIT).content.decode()


def test_the_pages_read_in_english_too(signed_in, seeker, make_resume):
    make_resume(seeker)
    page = signed_in.get("/en/me/resume/").content.decode()
    assert "Article 43" in page and "My online résumé" in page
