"""Demo employers, postings, applications and placements across Chongqing.

The employers and postings are written by hand in jobs/demo_data.py; this module
adds what is derived from them (the sentences about education, experience and
benefits, credit codes, dates), so that a posting's header and text agree.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from .choices import DIVISION_CODES, Education, Experience, FamilyFriendly
from .credit_code import example_code
from .demo_data import EMPLOYERS, FLAGGED, WAITING
from .models import CV, Application, Employer, EmployerMember, JobPosting, Placement
from .services import screen_posting

# The one place the text says what the header fields say.
EDUCATION_TEXT = {
    Education.ANY: "学历不限",
    Education.ASSOCIATE: "大专及以上学历",
    Education.BACHELOR: "本科及以上学历",
    Education.MASTER: "硕士研究生及以上学历",
}
EXPERIENCE_TEXT = {
    Experience.NONE: "应届毕业生可投递",
    Experience.UNDER_1: "有 1 年以内相关经历即可，实习经历也算",
    Experience.ONE_TO_3: "需要 1–3 年相关工作经验",
    Experience.OVER_3: "需要 3 年及以上相关工作经验",
}
BENEFIT_TEXT = {
    FamilyFriendly.INSURANCE: "缴纳五险一金",
    FamilyFriendly.MATERNITY: "产假在法定天数之外再延长 30 天",
    FamilyFriendly.PARENTAL: "父母双方均可休育儿假",
    FamilyFriendly.FLEXIBLE: "弹性上下班",
    FamilyFriendly.REMOTE: "部分工作日可居家办公",
    FamilyFriendly.NURSING: "设有哺乳室",
    FamilyFriendly.CHILDCARE: "提供子女托育补贴",
}


def requirement_text(education, experience, specific):
    """What she needs: the header's education and experience in words, then the role's own line."""
    return f"{EDUCATION_TEXT[education]}，{EXPERIENCE_TEXT[experience]}。{specific}"


def benefits_text(tags):
    """The benefits in words, from the family-friendly tags the posting carries (nothing more)."""
    parts = [BENEFIT_TEXT[tag] for tag in FamilyFriendly if tag in tags]
    return "、".join(parts) + "，带薪年假。" if parts else "带薪年假，按国家规定缴纳社会保险。"


def demo_credit_code(index, name, district):
    """A valid, plausible code: a company (91) or, for a 中心, 学校 or 幼儿园, a private
    non-enterprise unit registered with civil affairs (52), in its district's division,
    with an organisation code of the kind issued since 2015 (MA… / MJ…)."""
    kind, prefix = ("52", "MJ") if name.endswith(("中心", "学校", "幼儿园")) else ("91", "MA5U")
    return example_code(index * 7_919 + 104_729, division=DIVISION_CODES[district], authority_and_type=kind,
                        prefix=prefix)


def _employer(index, data, now):
    employer, _ = Employer.objects.get_or_create(name=data["name"], defaults={
        "industry": data["industry"],
        "size": data["size"],
        "district": data["district"],
        "description": data["description"],
        "contact_email": f"hr{index + 1}@employer.example",
        "credit_code": demo_credit_code(index, data["name"], data["district"]),
        "verification_status": Employer.Verification.VERIFIED,
        "verification_requested_at": now - datetime.timedelta(days=90),
        "reviewed_at": now - datetime.timedelta(days=89),
    })
    return employer


def _posting(employer, row, number, now, round_):
    title, job_type, low, high, education, experience, tags, description, specific = row
    # Spread over the last six weeks; every ninth is already past its expiry (never shown).
    published = now - datetime.timedelta(days=(number * 5) % 40, hours=number % 24)
    expired = number % 9 == 4
    return JobPosting(
        employer=employer, title=title if round_ == 0 else f"{title}（{round_ + 1}）",
        industry=employer.industry, district=employer.district, job_type=job_type,
        salary_min=low, salary_max=high, education=education, experience=experience,
        description=f"{description}工作地点：重庆市{employer.district}区。",
        requirements=requirement_text(education, experience, specific),
        benefits=benefits_text(tags), family_friendly=[str(tag) for tag in tags],
        how_to_apply="在本平台在线投递，用人单位将在 14 天内给出答复。",
        status=JobPosting.Status.APPROVED, published_at=published,
        expires_at=now - datetime.timedelta(days=1 + number % 5) if expired
        else now + datetime.timedelta(days=20 + (number * 7) % 40),
    )


def _flagged(employer, title, line, now):
    """A draft with wording Art. 43 forbids: held with its employer as 待修改, never public."""
    return JobPosting(
        employer=employer, title=title, industry=employer.industry, district=employer.district,
        job_type="full_time", salary_min=4000, salary_max=5000, education=Education.ASSOCIATE,
        experience=Experience.NONE, description=f"负责{title}的日常工作。工作地点：重庆市{employer.district}区。",
        requirements=requirement_text(Education.ASSOCIATE, Experience.NONE, line), benefits=benefits_text([]),
        how_to_apply="在本平台在线投递。", status=JobPosting.Status.NEEDS_CHANGES, published_at=None,
        expires_at=now + datetime.timedelta(days=30),
    )


def _waiting(employer, title, line, now):
    """A clean posting sent for review: in the moderators' queue, not yet public."""
    posting = _flagged(employer, title, line, now)
    posting.status = JobPosting.Status.SUBMITTED
    return posting


def seed_jobs(size):
    """The written postings once (size 1); a larger size adds numbered copies, for load tests only."""
    def step():
        if JobPosting.objects.exists():
            return
        now = timezone.now()
        employers = [_employer(index, data, now) for index, data in enumerate(EMPLOYERS)]
        postings = []
        for round_ in range(size):
            number = 0
            for employer, data in zip(employers, EMPLOYERS, strict=True):
                for row in data["postings"]:
                    postings.append(_posting(employer, row, number, now, round_))
                    number += 1
        postings += [_flagged(employers[index], title, line, now) for index, title, line in FLAGGED]
        postings += [_waiting(employers[index], title, line, now) for index, title, line in WAITING]
        # Screened as the site's forms screen them, so flagged demo postings carry their flags.
        for posting in postings:
            screen_posting(posting)
            posting.save()
    return step


def seed_outcomes():
    """A few graduates, their applications and the hires the counter shows."""
    User = get_user_model()
    if Placement.objects.exists():
        return
    rng = random.Random(8)
    jobs = list(JobPosting.objects.visible().order_by("pk")[:30])
    pdf = b"%PDF-1.4\n% demo CV\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    for number, job in enumerate(jobs):
        user, _ = User.objects.get_or_create(email=f"graduate{number + 1}@demo.example",
                                             defaults={"display_name": f"毕业生{number + 1}"})
        cv = CV(owner=user, original_name="简历.pdf", kind="pdf", size=len(pdf))
        cv.file.save(f"demo-{number + 1}.pdf", ContentFile(pdf), save=False)
        cv.save()
        status = rng.choice([Application.Status.HIRED] * 2 + [Application.Status.INTERVIEW,
                                                              Application.Status.SUBMITTED])
        application = Application.objects.create(seeker=user, job=job, cv=cv, status=status,
                                                 cover_note="您好，我对这个岗位很感兴趣。")
        _demo_history(application, rng)
        if status == Application.Status.HIRED:
            from .choices import salary_band

            # Most confirmed by her (they count); one in four still waits for her word.
            Placement.objects.create(application=application, job=job, employer=job.employer,
                                     salary_band=salary_band((job.salary_min + job.salary_max) // 2),
                                     confirmed_at=None if number % 4 == 3 else timezone.now())


def _demo_history(application, rng):
    """Clocks and events that hold together: sent a few days ago, due 14 days later; an
    interview two days ahead for those invited; hired ones answered."""
    from datetime import timedelta

    from django.conf import settings
    from django.utils import timezone

    from portal import calendar as ics

    from .models import ApplicationEvent, Interview

    now = timezone.now()
    sent = now - timedelta(days=rng.randint(2, 10), hours=rng.randint(0, 8))
    Event = ApplicationEvent.Kind
    fields = {"created_at": sent, "answer_due_at": sent + timedelta(days=settings.APPLICATION_ANSWER_DAYS)}
    events = [(Event.SENT, sent)]
    if application.status != Application.Status.SUBMITTED:
        fields["viewed_at"] = sent + timedelta(hours=20)
        events += [(Event.VIEWED, fields["viewed_at"])]
        events += [(Event.INVITED, sent + timedelta(days=1))]
    if application.status == Application.Status.INTERVIEW:
        start = (now + timedelta(days=2)).replace(hour=10, minute=0, second=0, microsecond=0)
        Interview.objects.create(application=application, starts_at=start, mode=Interview.Mode.ONSITE,
                                 place=f"重庆市{application.job.district}区{application.job.employer.name}前台",
                                 contact_name="王女士", uid=ics.uid("interview", application.pk))
    if application.status == Application.Status.HIRED:
        fields.update(answered_at=sent + timedelta(days=2), closed_at=sent + timedelta(days=2),
                      contact_shared_at=sent + timedelta(days=1, hours=3))
        events += [(Event.ACCEPTED, fields["contact_shared_at"]), (Event.HIRED, fields["answered_at"])]
    Application.objects.filter(pk=application.pk).update(**fields)
    ApplicationEvent.objects.bulk_create([ApplicationEvent(application=application, kind=kind, at=at)
                                          for kind, at in events])


def seed_employer_account():
    """A demo employer login (no usable password; set one in the admin to try it)."""
    User = get_user_model()
    user, _ = User.objects.get_or_create(email="hr@yongchuan-zhizao.example",
                                         defaults={"display_name": "永川智造 HR"})
    employer = Employer.objects.order_by("pk").first()
    EmployerMember.objects.get_or_create(user=user, defaults={"employer": employer})


def seed(size):
    return [("jobs", seed_jobs(size)), ("employer account", seed_employer_account), ("outcomes", seed_outcomes)]
