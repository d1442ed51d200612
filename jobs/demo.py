"""Demo employers, postings, applications and placements across Chongqing."""

import datetime
import random

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from .choices import DISTRICTS, DIVISION_CODES, CompanySize, Education, Experience, FamilyFriendly, Industry, JobType
from .credit_code import example_code
from .models import CV, Application, Employer, EmployerMember, JobPosting, Placement
from .services import screen_posting

EMPLOYER_NAMES = [
    "永川智造", "渝中数联", "江北云商", "沙坪坝启明教育", "九龙坡德信财务", "南岸康宁医疗", "渝北极光科技",
    "巴南绿野农业", "北碚书香文化", "大渡口安达物流", "璧山匠心制造", "江津田园旅游", "合川润泽健康",
    "荣昌陶艺设计", "大足石韵文旅", "铜梁龙腾电子", "永川茶山竹海酒店", "渝中山城传媒", "江北星河金融",
    "沙坪坝学府培训", "九龙坡巧手家政", "南岸长江律所", "渝北空港物流", "巴南花溪幼教", "北碚缙云康养",
    "大渡口钢城机械", "璧山青杠电商", "江津几江粮油", "合川钓鱼城文创", "荣昌夏布服饰", "永川秀芽茶业",
    "渝中解放碑零售", "江北观音桥百货", "沙坪坝磁器口餐饮", "九龙坡彩云设计", "南岸弹子石会计",
    "渝北仙桃数据", "巴南鱼洞社区服务", "北碚西师附属学校", "铜梁安居医药",
]
SUFFIXES = ["有限公司", "股份有限公司", "有限责任公司", "中心"]

ROLES = {
    Industry.FINANCE: ["财务会计助理", "出纳", "审计助理", "税务专员"],
    Industry.IT: ["前端开发工程师", "软件测试工程师", "数据分析师", "产品助理"],
    Industry.ECOMMERCE: ["电商运营专员", "直播运营", "客服主管", "新媒体编辑"],
    Industry.EDUCATION: ["小学英语教师", "幼儿园教师", "课程顾问", "教务专员"],
    Industry.HEALTH: ["护士", "药剂师助理", "健康管理师", "康复治疗师"],
    Industry.MANUFACTURING: ["质量检验员", "生产计划专员", "采购助理", "工艺技术员"],
    Industry.RETAIL: ["门店店长助理", "收银主管", "陈列设计师", "会员运营"],
    Industry.LOGISTICS: ["物流调度员", "仓储管理员", "单证专员", "供应链助理"],
    Industry.MEDIA: ["平面设计师", "视频剪辑师", "文案策划", "品牌专员"],
    Industry.PUBLIC: ["社区工作者", "项目助理（公益）", "行政文员", "社工"],
    Industry.AGRICULTURE: ["农产品电商专员", "农业技术员", "品控专员", "乡村振兴专员"],
    Industry.TOURISM: ["酒店前台", "导游", "活动策划", "民宿管家"],
}

CLEAN_REQUIREMENTS = [
    "专科及以上学历，专业不限，应届毕业生可投递。",
    "熟练使用办公软件，沟通表达能力强，有责任心。",
    "相关专业优先，欢迎女性求职者，公司提供完善的入职培训。",
]
FLAGGED_REQUIREMENTS = [
    "男性优先，能适应出差。",
    "已婚已育优先，入职需提供婚育情况。",
    "入职体检包含孕检项目。",
]
BENEFITS = "五险一金，带薪年假，节日福利，产假和育儿假按国家规定执行，公司设有哺乳室。"


def demo_credit_code(index, name, district):
    """A valid, plausible code: a company (91) or, for a 中心, a private non-enterprise
    unit registered with civil affairs (52), in its district's division, with an
    organisation code of the kind issued since 2015 (MA… / MJ…)."""
    kind, prefix = ("52", "MJ") if name.endswith("中心") else ("91", "MA5U")
    return example_code(index * 7_919 + 104_729, division=DIVISION_CODES[district], authority_and_type=kind,
                        prefix=prefix)


def _employers(rng):
    employers = []
    now = timezone.now()
    for index, base in enumerate(EMPLOYER_NAMES):
        name = base + SUFFIXES[index % len(SUFFIXES)]
        industry = list(Industry)[index % len(Industry)]
        district = DISTRICTS[index % len(DISTRICTS)]
        employer, _ = Employer.objects.get_or_create(name=name, defaults={
            "industry": industry,
            "size": rng.choice(list(CompanySize)),
            "district": district,
            "description": f"{name}位于重庆市{district}区，长期招聘应届女大学生，签署了公平招聘承诺书。",
            "contact_email": f"hr{index + 1}@employer.example",
            "credit_code": demo_credit_code(index, name, district),
            "verification_status": Employer.Verification.VERIFIED,
            "verification_requested_at": now - datetime.timedelta(days=90),
            "reviewed_at": now - datetime.timedelta(days=89),
        })
        employers.append(employer)
    return employers


def seed_jobs(size):
    def step():
        rng = random.Random(2024)
        employers = _employers(rng)
        target = 200 * size
        existing = JobPosting.objects.count()
        now = timezone.now()
        postings = []
        for number in range(existing, target):
            employer = employers[number % len(employers)]
            industry = Industry(employer.industry)
            title = rng.choice(ROLES[industry])
            low = rng.randrange(2500, 9000, 500)
            published = now - datetime.timedelta(days=rng.randint(0, 40), hours=rng.randint(0, 23))
            flagged = number % 67 == 5
            expired = number % 9 == 0
            waiting = number % 13 == 0 or flagged
            postings.append(JobPosting(
                employer=employer, title=title, industry=industry,
                district=employer.district, job_type=rng.choice([JobType.FULL_TIME] * 4 + list(JobType)),
                salary_min=low, salary_max=low + rng.randrange(500, 5000, 500),
                education=rng.choice(list(Education)), experience=rng.choice(list(Experience)),
                description=f"负责{title}相关工作，参与团队日常运营与项目推进。工作地点：重庆市"
                            f"{employer.district}区。",
                requirements=rng.choice(FLAGGED_REQUIREMENTS) if flagged else rng.choice(CLEAN_REQUIREMENTS),
                benefits=BENEFITS,
                family_friendly=rng.sample(list(FamilyFriendly.values), rng.randint(0, 3)),
                how_to_apply="在线投递简历，HR 将在 3 个工作日内联系。",
                # Flagged wording is never submitted: it waits with its employer (services.status_after_edit).
                status=JobPosting.Status.NEEDS_CHANGES if flagged else
                JobPosting.Status.SUBMITTED if waiting else JobPosting.Status.APPROVED,
                published_at=None if waiting else published,
                expires_at=(now - datetime.timedelta(days=rng.randint(1, 10))) if expired and not waiting
                else now + datetime.timedelta(days=rng.randint(5, 60)),
            ))
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

            Placement.objects.create(application=application, job=job, employer=job.employer,
                                     salary_band=salary_band((job.salary_min + job.salary_max) // 2))


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
