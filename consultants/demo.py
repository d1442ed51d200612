"""Demo consultants: twelve (more with a larger size) with weekly hours over
the coming weeks and a few bookings. Their accounts have unusable passwords;
an editor sets one (or a password reset) to sign in as one of them."""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from . import availability
from .choices import SpecialtyCode, Topic
from .models import AvailabilityOverride, AvailabilityRule, Booking, Consultant, Feedback, Specialty

# (name, title, specialties, modes, languages, bio)
CONSULTANTS = [
    ("林晓雯", "国家二级心理咨询师", ["psychology"], ["online", "phone"], ["zh"],
     "十年高校心理咨询经验，擅长求职焦虑、自我认同与压力管理。"),
    ("陈静怡", "心理治疗师", ["psychology"], ["online", "in_person"], ["zh", "yue"],
     "关注毕业季情绪困扰，帮助你在面试失利后重新找回信心。"),
    ("王思琪", "家庭与职业心理咨询师", ["psychology", "career"], ["online"], ["zh", "en"],
     "擅长职业生涯与家庭期待之间的冲突，陪你做出自己的选择。"),
    ("赵敏", "心理健康教育讲师", ["psychology"], ["phone", "in_person"], ["zh"],
     "长期为女大学生开展团体辅导，倾听、陪伴、不评判。"),
    ("刘芳", "高校就业指导中心主任", ["education"], ["online", "in_person"], ["zh"],
     "熟悉考研、考公、专升本与留学路径，帮你比较升学与就业。"),
    ("孙雅琳", "职业教育研究员", ["education", "career"], ["online"], ["zh", "en"],
     "研究职业技能培训与证书体系，为你规划学习路线。"),
    ("周婷", "教育规划师", ["education"], ["online", "phone"], ["zh"],
     "帮助你根据专业与兴趣选择进修课程，制定一年学习计划。"),
    ("吴律师", "劳动法专业律师", ["law"], ["online", "phone", "in_person"], ["zh"],
     "专注劳动合同、试用期与社保纠纷，曾代理多起就业性别歧视案件。"),
    ("郑慧", "妇女权益法律援助律师", ["law"], ["online", "in_person"], ["zh"],
     "熟悉《妇女权益保障法》，解答招聘中的婚育询问、性别限制等问题。"),
    ("何雪", "公司法务顾问", ["law"], ["online"], ["zh", "en"],
     "帮你读懂劳动合同、竞业限制和保密协议，签字之前先问一问。"),
    ("马丽娟", "资深人力资源经理", ["career"], ["online", "phone"], ["zh"],
     "十五年招聘经验，一对一修改简历、模拟面试。"),
    ("黄可欣", "职业生涯规划师", ["career", "psychology"], ["online"], ["zh", "yue", "en"],
     "用测评与访谈帮你找到适合的行业和岗位方向。"),
]

# (weekday, start, end) patterns, varied across consultants.
WEEKLY = [
    [(0, time(9), time(12)), (2, time(14), time(17)), (4, time(9), time(12))],
    [(1, time(10), time(16)), (3, time(10), time(16))],
    [(0, time(19), time(21)), (2, time(19), time(21)), (5, time(9), time(12))],
]


def _user(email, name):
    User = get_user_model()
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=None, display_name=name)
    return user


def seed_consultants(size):
    def step():
        specialties = {s.code: s for s in Specialty.objects.all()}
        for round_ in range(size):
            for number, (name, title, codes, modes, languages, bio) in enumerate(CONSULTANTS, start=1):
                email = f"consultant{number}@jinguo.example" if round_ == 0 \
                    else f"consultant{number}-{round_}@jinguo.example"
                display = name if round_ == 0 else f"{name}（{round_ + 1}）"
                user = _user(email, display)
                consultant, created = Consultant.objects.get_or_create(user=user, defaults={
                    "display_name": display, "title": title, "bio": bio, "modes": modes, "languages": languages,
                    "session_minutes": 50, "buffer_minutes": 10, "min_notice_hours": 12, "max_per_day": 4})
                if not created:
                    continue
                consultant.specialties.set([specialties[c] for c in codes])
                for weekday, start, end in WEEKLY[number % len(WEEKLY)]:
                    AvailabilityRule.objects.create(consultant=consultant, weekday=weekday, start_time=start,
                                                    end_time=end)
                # One day off in the second week, as consultants do.
                AvailabilityOverride.objects.create(
                    consultant=consultant, date=timezone.localdate() + timedelta(days=8 + number % 5))
    return step


# What a graduate books each kind of consultant for: (topic, in her words).
DEMO_TOPICS = {
    SpecialtyCode.PSYCHOLOGY: [(Topic.JOB_ANXIETY, "面试总是紧张怎么办"), (Topic.SETBACK, "连续被拒后怎么调整心态")],
    SpecialtyCode.EDUCATION: [(Topic.FURTHER_STUDY, "考研还是先工作"), (Topic.SKILLS, "先考哪些证书更有用")],
    SpecialtyCode.LAW: [(Topic.PROBATION, "劳动合同里的试用期条款"), (Topic.DISCRIMINATION, "面试被问婚育情况怎么办")],
    SpecialtyCode.CAREER: [(Topic.RESUME, "简历怎么写更有针对性"), (Topic.INTERVIEW, "群面怎么准备")],
}
MAX_DEMO_BOOKINGS = 3  # per graduate: a few consultations, never two on one day


def seed_bookings():
    """A few upcoming consultations, so that workspaces and /me/ are not empty. As a
    real graduate would book: at most three each, never two on one day (so never two
    at once), on a topic the consultant's specialty offers."""
    seekers = [_user(f"graduate{n}@jinguo.example", name) for n, name in enumerate(["小雨", "思思", "佳怡"], 1)]
    booked_days = {seeker.pk: set() for seeker in seekers}
    now = timezone.now()
    consultants = Consultant.objects.filter(user__email__endswith="@jinguo.example").prefetch_related("specialties")
    for index, consultant in enumerate(consultants.order_by("pk")):
        if consultant.bookings.exists():
            continue
        codes = [specialty.code for specialty in consultant.specialties.all()]
        topics = DEMO_TOPICS.get(codes[0] if codes else None, [(Topic.OTHER, "想听听你的建议")])
        slots = availability.open_slots(consultant, now, now + timedelta(days=28))
        for offset, slot in enumerate(slots[1:4:2]):
            day = timezone.localtime(slot).date()
            rotation = seekers[(index + offset) % len(seekers):] + seekers[:(index + offset) % len(seekers)]
            seeker = next((s for s in rotation
                           if len(booked_days[s.pk]) < MAX_DEMO_BOOKINGS and day not in booked_days[s.pk]), None)
            if seeker is None:
                continue
            booked_days[seeker.pk].add(day)
            topic_code, topic = topics[(index + offset) % len(topics)]
            Booking.objects.create(
                consultant=consultant, seeker=seeker, start=slot,
                end=slot + timedelta(minutes=consultant.session_minutes), mode=consultant.modes[0],
                topic_code=topic_code, topic=topic, description="希望能得到一些具体的建议。")


PAST_FEEDBACK = [(5, "讲得很具体，回去就按建议改了简历。"), (5, ""), (4, "很有帮助，时间再长一点就更好了。"),
                 (5, "心里踏实多了，谢谢老师。"), (4, ""), (3, "建议比较笼统，希望能结合我的专业多讲讲。")]
PAST_OUTCOMES = [Booking.Status.COMPLETED] * 6 + [Booking.Status.NO_SHOW, Booking.Status.CANCELLED]


def seed_past_consultations():
    """Three consultations per consultant already held in the last five months, in her weekly
    hours, with their outcomes (most attended, some missed, a few cancelled by the graduate):
    the statistics and each workspace's completion and no-show counts have a history. One per
    demo graduate of the job outcomes, so none has more than a few; nothing is added once a
    consultation lies in the past."""
    import random

    now = timezone.now()
    if Booking.objects.filter(start__lt=now).exists():
        return
    User = get_user_model()
    graduates = iter(User.objects.filter(email__endswith="@demo.example").order_by("pk"))
    rng = random.Random(12)
    today = timezone.localdate()
    consultants = (Consultant.objects.filter(user__email__endswith="@jinguo.example")
                   .prefetch_related("specialties", "rules").order_by("pk"))
    for index, consultant in enumerate(consultants):
        rules = sorted(consultant.rules.all(), key=lambda rule: (rule.weekday, rule.start_time))
        codes = [specialty.code for specialty in consultant.specialties.all()]
        topics = DEMO_TOPICS.get(codes[0] if codes else None, [(Topic.OTHER, "想听听你的建议")])
        for k in range(3 if rules else 0):
            seeker = next(graduates, None)
            if seeker is None:
                return
            rule = rules[k % len(rules)]
            # A different week for each of hers (so never two at once), on the rule's weekday.
            day = today - timedelta(weeks=2 + (index * 3 + k * 7) % 20)
            day -= timedelta(days=(day.weekday() - rule.weekday) % 7)
            start = timezone.make_aware(datetime.combine(day, rule.start_time))
            status = PAST_OUTCOMES[(index * 3 + k) % len(PAST_OUTCOMES)]
            topic_code, topic = topics[(index + k) % len(topics)]
            cancelled = status == Booking.Status.CANCELLED
            booking = Booking.objects.create(
                consultant=consultant, seeker=seeker, start=start,
                end=start + timedelta(minutes=consultant.session_minutes), mode=consultant.modes[0], status=status,
                topic_code=topic_code, topic=topic, description="希望能得到一些具体的建议。",
                cancelled_by=Booking.CancelledBy.SEEKER if cancelled else "",
                cancel_reason="临时有面试，改天再约。" if cancelled else "",
                cancelled_at=start - timedelta(days=1) if cancelled else None)
            # created_at is set on insert; she booked a few days before.
            Booking.objects.filter(pk=booking.pk).update(created_at=start - timedelta(days=rng.randint(3, 12)))
            if status == Booking.Status.COMPLETED and rng.random() < 0.8:
                rating, comment = PAST_FEEDBACK[(index + k) % len(PAST_FEEDBACK)]
                answer = Feedback.objects.create(booking=booking, rating=rating, comment=comment)
                # Answered the day after, as the feedback request asks.
                Feedback.objects.filter(pk=answer.pk).update(created_at=start + timedelta(days=1))


def seed(size):
    return [("consultants", seed_consultants(size)), ("consultant bookings", seed_bookings),
            ("consultations held", seed_past_consultations)]
