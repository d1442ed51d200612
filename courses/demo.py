"""Demo content: the course catalog under the home page, four categories, and
courses in Chinese with sessions over the next eight weeks, some nearly full.
Every step is idempotent (categories by slug, pages by slug, sessions by start)."""

import json
from datetime import datetime, time, timedelta

from django.utils import timezone

from portal.pages.models import HomePage

from .deadlines import evening_before
from .models import CourseCategory, CourseIndexPage, CoursePage, CourseSession

CATEGORIES = [
    ("etiquette", "职场礼仪", "Workplace etiquette"),
    ("interview", "面试技巧", "Interview skills"),
    ("image", "形象与着装", "Dress and image"),
    ("quality", "素质提升", "Personal development"),
]

# slug, category, format, title, summary, outcomes
COURSES = [
    ("workplace-etiquette-basics", "etiquette", "offline", "职场礼仪入门",
     "从称呼、问候到名片递接，掌握新人入职第一周最需要的礼仪常识。",
     ["得体地做自我介绍", "正确递接名片与握手", "在会议中礼貌发言"]),
    ("email-and-phone-etiquette", "etiquette", "online", "邮件与电话沟通礼仪",
     "写出清楚得体的工作邮件，接打电话不慌张。",
     ["写出结构清晰的工作邮件", "得体地接打工作电话"]),
    ("business-dining-etiquette", "etiquette", "offline", "商务宴请与社交礼仪",
     "座次、敬酒与交谈：在商务场合自然大方。",
     ["了解中式宴请座次", "在社交场合自然交谈"]),
    ("interview-skills", "interview", "offline", "面试技巧实战",
     "结构化面试、无领导小组讨论与压力面试的应对方法，现场模拟面试并点评。",
     ["用 STAR 法则讲好自己的经历", "从容应对压力问题", "在小组讨论中发挥作用"]),
    ("online-interview", "interview", "online", "视频面试全攻略",
     "设备、灯光、背景与镜头前的表达：让视频面试和现场一样出彩。",
     ["布置合适的视频面试环境", "在镜头前清晰表达"]),
    ("resume-writing", "interview", "online", "简历与求职信写作",
     "用一页纸讲清你的优势，针对岗位修改简历。",
     ["写出一页纸的有效简历", "针对不同岗位调整求职信"]),
    ("salary-negotiation", "interview", "offline", "薪资谈判与录用沟通",
     "了解薪酬结构，学会在拿到录用通知时理性沟通。",
     ["看懂薪酬与福利构成", "得体地提出自己的期望"]),
    ("interview-dress", "image", "offline", "面试着装与职业形象",
     "根据行业与岗位选择得体的面试着装，现场进行形象诊断。",
     ["为不同行业选择面试着装", "用有限预算搭配职业衣橱"]),
    ("interview-makeup", "image", "offline", "面试淡妆与仪态",
     "化妆师示范清爽自然的面试妆容，练习站姿、坐姿与走姿。",
     ["画出自然得体的面试淡妆", "保持大方的仪态"]),
    ("colour-and-style", "image", "online", "色彩搭配与个人风格",
     "认识适合自己的颜色，建立简洁大方的职业风格。",
     ["找到适合自己的色彩", "建立个人职业风格"]),
    ("communication-skills", "quality", "offline", "高效沟通与表达",
     "倾听、提问与反馈：在团队中清楚表达自己的想法。",
     ["有条理地表达观点", "给出和接受建设性反馈"]),
    ("career-planning", "quality", "online", "职业规划与自我认知",
     "借助职业测评认识自己，制定第一份工作的三年规划。",
     ["认识自己的职业兴趣与优势", "制定三年职业发展计划"]),
    ("stress-management", "quality", "online", "情绪管理与抗压能力",
     "心理咨询师带你认识求职焦虑，学会调节情绪。",
     ["识别并调节求职焦虑", "建立稳定的作息与支持网络"]),
    ("office-software", "quality", "offline", "办公软件实用技能",
     "文档排版、表格函数与演示文稿：入职就能用上的办公技能。",
     ["快速排版正式文档", "用表格函数整理数据", "做出清晰的演示文稿"]),
]

INSTRUCTORS = [
    {"name": "王老师", "role": "职业院校就业指导中心讲师", "bio": "从事大学生就业指导十余年。"},
    {"name": "李老师", "role": "企业人力资源经理", "bio": "曾负责多家企业的校园招聘。"},
]
VENUES = ["永川区妇女儿童活动中心 3 楼培训室", "职业院校图书馆报告厅", "永川区就业服务中心 201 室"]


def _body(summary):
    return json.dumps([
        {"type": "heading", "value": "课程介绍"},
        {"type": "paragraph", "value": f"<p>{summary}</p><p>课程采用讲解、示范与分组练习相结合的方式，"
                                       "每位学员都有练习和获得点评的机会。</p>"},
    ])


def seed_categories():
    for order, (slug, name, name_en) in enumerate(CATEGORIES):
        CourseCategory.objects.get_or_create(slug=slug, defaults={"name": name, "name_en": name_en,
                                                                  "sort_order": order})


def seed_index():
    if CourseIndexPage.objects.exists():
        return
    HomePage.objects.get().add_child(instance=CourseIndexPage(
        title="课程培训", slug="courses",
        intro="职场礼仪、面试技巧、形象与着装、素质提升：免费就业能力课程，报名满额后可加入候补名单。",
    ))


def seed_courses(size):
    def step():
        index = CourseIndexPage.objects.get()
        categories = {c.slug: c for c in CourseCategory.objects.all()}
        existing = set(CoursePage.objects.values_list("slug", flat=True))
        for round_ in range(size):
            for slug, category, format_, title, summary, outcomes in COURSES:
                slug = slug if round_ == 0 else f"{slug}-{round_ + 1}"
                if slug in existing:
                    continue
                index.add_child(instance=CoursePage(
                    title=title if round_ == 0 else f"{title}（{round_ + 1}）", slug=slug,
                    summary=summary, category=categories[category], format=format_, body=_body(summary),
                    instructors=json.dumps([{"type": "instructor", "value": i} for i in INSTRUCTORS]),
                    outcomes=json.dumps([{"type": "outcome", "value": o} for o in outcomes]),
                ))
    return step


def seed_sessions():
    """Three sessions per course over the next eight weeks at 14:00 Beijing time.
    Only a course without sessions gets them, so a second run adds nothing."""
    today = timezone.localdate()
    for number, course in enumerate(CoursePage.objects.filter(sessions__isnull=True).order_by("pk")):
        for k in range(3):
            day = today + timedelta(days=3 + (number * 5 + k * 17) % 53)
            starts = timezone.make_aware(datetime.combine(day, time(14, 0)))
            online = course.format == "online"
            CourseSession.objects.create(
                course=course, starts_at=starts, ends_at=starts + timedelta(hours=2),
                venue="" if online else VENUES[(number + k) % len(VENUES)],
                online_url=f"https://meeting.example.cn/j/{course.pk}{k}" if online else "",
                # Every fourth session is small, so that it fills up.
                capacity=4 if (number + k) % 4 == 0 else 30,
                enrolment_deadline=evening_before(starts),
            )


def seed_nearly_full():
    """Sign up demo participants for the small sessions, leaving one seat free."""
    from portal.accounts.models import User

    from .models import Enrolment, EnrolmentStatus

    participants = [
        User.objects.get_or_create(email=f"xueyuan{n}@demo.jinguo.example", defaults={"display_name": f"学员{n}"})[0]
        for n in range(1, 4)
    ]
    for session in CourseSession.objects.filter(capacity=4, starts_at__gt=timezone.now()):
        for user in participants:
            Enrolment.objects.get_or_create(session=session, user=user, defaults={"status": EnrolmentStatus.ENROLLED})


def seed_past_sessions():
    """Two sessions of each course already held in the last five months, with who came and who
    did not: the federation's statistics and a course's history are not empty. The participants
    are the demo graduates of the job outcomes; nothing is added once a session has been held."""
    import random

    from portal.accounts.models import User

    from .models import Enrolment, EnrolmentStatus

    now = timezone.now()
    graduates = list(User.objects.filter(email__endswith="@demo.example").order_by("pk"))
    if not graduates or CourseSession.objects.filter(starts_at__lt=now).exists():
        return
    rng = random.Random(11)
    today = timezone.localdate()
    for number, course in enumerate(CoursePage.objects.live().order_by("pk")):
        for k in range(2):
            day = today - timedelta(days=12 + (number * 11 + k * 37) % 140)
            starts = timezone.make_aware(datetime.combine(day, time(14, 0)))
            online = course.format == "online"
            session = CourseSession.objects.create(
                course=course, starts_at=starts, ends_at=starts + timedelta(hours=2),
                venue="" if online else VENUES[(number + k) % len(VENUES)],
                online_url=f"https://meeting.example.cn/j/{course.pk}p{k}" if online else "",
                capacity=30, enrolment_deadline=evening_before(starts))
            for user in rng.sample(graduates, min(len(graduates), rng.randint(4, 9))):
                Enrolment.objects.create(
                    session=session, user=user, created_at=starts - timedelta(days=rng.randint(2, 12)),
                    status=EnrolmentStatus.ATTENDED if rng.random() < 0.8 else EnrolmentStatus.NO_SHOW)


def seed(size):
    return [
        ("course categories", seed_categories),
        ("course catalog", seed_index),
        ("courses", seed_courses(size)),
        ("course sessions", seed_sessions),
        ("nearly full sessions", seed_nearly_full),
        ("sessions held", seed_past_sessions),
    ]
