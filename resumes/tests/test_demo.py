from django.core.management import call_command

from .. import services
from ..demo import seed_resumes
from ..models import Resume


def test_the_demo_graduates_have_complete_resumes_and_a_second_run_adds_nothing(db):
    seed_resumes()
    seed_resumes()
    resumes = list(Resume.objects.select_related("user").order_by("user__email"))
    assert [r.user.email for r in resumes] == [f"graduate{n}@jinguo.example" for n in (1, 2, 3)]
    for resume in resumes:
        resume = services.resume_for(resume.user)
        assert services.is_complete(resume)
        assert {e.section for e in resume.entries.all()} == {"education", "experience"}
        assert resume.salary_min <= resume.salary_max


def test_seed_demo_includes_the_resumes(home_page):
    call_command("seed_demo", verbosity=0)
    assert Resume.objects.count() == 3
