"""Demo content for the site shell: home page, news, about and navigation.

Drawn from the portal's real story: a job-seeking service for female college
graduates that the women's federation of Yongchuan, Chongqing launched with a
vocational school in April 2024.
"""

import datetime
import json

from wagtail.models import Site

from .models import (
    FooterSettings,
    HomePage,
    NavigationSettings,
    NewsIndexPage,
    NewsPage,
    PlacementHistory,
    StandardPage,
)
from .structure import ensure_home_page

HOME = {
    "title": "巾帼职达",
    "hero_title": "巾帼职达：陪你走好求职每一步",
    "hero_text": "面向女大学生的一站式就业服务：职场礼仪与面试技巧课程，心理、教育、法律专家一对一咨询，"
    "还有经过审核、拒绝性别歧视的招聘岗位。",
    "hero_cta_label": "找工作",
    "hero_cta_url": "/jobs/",
    "hero_title_en": "Jinguo Careers: with you at every step of your job search",
    "hero_text_en": "Job-readiness courses on workplace etiquette and interviews, one-on-one sessions with "
    "psychology, education and law consultants, and moderated job postings free of gender discrimination.",
    "hero_cta_label_en": "Find a job",
    "intro": "<p>“巾帼职达”由永川区妇联联合职业院校于 2024 年 4 月推出，"
    "延续妇联职通车项目，为女大学生提供培训、咨询与招聘服务。</p>",
}

# (number, live source, suffix, label, English label): live counts of what the portal records
# (settings.COUNTER_SOURCES); the placements are those that count (confirmed by her or
# verified). The 2,300 the federation counted before the portal kept records is its own
# line under them (PLACEMENT_HISTORY), never added in.
COUNTERS = [
    (0, "placements", "", "名女性通过平台成功就业", "women found work through the portal"),
    (0, "jobs", "", "个在招岗位", "open jobs"),
    (0, "consultants", "", "位心理、教育、法律与职业咨询师", "psychology, education, law and career consultants"),
    (0, "employers", "", "家经过认证的用人单位", "verified employers"),
]

PLACEMENT_HISTORY = {"historical_placements": 2300,
                     "historical_placements_source": "重庆市妇联 2019–2024 年职通车项目统计"}

NEWS = [
    ("2024-04-18", "“巾帼职达”女大学生就业服务平台正式上线",
     "永川区妇联联合职业院校推出面向女大学生的线上求职服务平台，集培训、咨询、招聘于一体。",
     "平台上线当天，首批十余家经过认证的企业入驻，发布岗位 30 余个。区妇联负责人表示，平台将持续为女大学生提供"
     "职场礼仪、面试技巧等培训，并组建心理、教育、法律专家团队提供一对一咨询。"),
    ("2024-05-10", "职场礼仪公益课走进校园，300 余名女大学生参加",
     "“巾帼职达”首期职场礼仪课在职业院校开讲，讲师现场示范面试着装与商务沟通。",
     "课程围绕求职第一印象、电话与邮件礼仪、会议礼仪展开。课后，学员可在平台预约面试技巧进阶课。"),
    ("2024-06-06", "专场招聘会：十余家认证企业现场招聘女大学生",
     "在区妇联组织下，智能制造、电子商务、医疗康复、财税服务等行业的入驻企业来到校园，现场收取简历。",
     "所有参会企业均签署了公平招聘承诺书，岗位信息经平台审核，不得设置性别限制或询问婚育情况。"),
    ("2024-07-22", "心理咨询志愿团队入驻平台，毕业季焦虑有处倾诉",
     "4 位心理咨询师加入平台顾问库，为求职受挫、职业迷茫的女大学生提供免费一对一咨询。",
     "咨询可选择线上视频、电话或到妇女儿童活动中心面谈，所有咨询内容严格保密。"),
    ("2024-09-12", "律师解读《妇女权益保障法》：招聘中不得设置性别门槛",
     "平台法律顾问结合真实案例，讲解求职中遇到性别歧视、婚育询问时如何维权。",
     "根据 2022 年修订的《妇女权益保障法》第四十三条，用人单位在招录过程中不得限定为男性或者规定男性优先，"
     "不得询问妇女婚育情况，不得将妊娠测试作为入职体检项目。"),
    ("2024-11-05", "形象与着装课：为面试打造得体职业形象",
     "色彩顾问与化妆师为学员讲解面试妆容、职业着装搭配，并进行一对一形象诊断。",
     "课程共四期，每期 30 人，报名满额后可加入候补名单，有名额释放时平台会第一时间通知。"),
    ("2025-03-08", "三八节特别活动：优秀女性职场分享会",
     "五位在不同行业打拼的女性校友回到校园，分享从求职到晋升的经验。",
     "分享会上，校友们谈到了第一份工作的选择、职场沟通以及如何平衡事业与生活。"),
    ("2025-12-20", "职通车项目回顾：2019–2024 年 2,300 余名女性实现就业",
     "区妇联公布职通车项目统计：平台上线前，项目已帮助 2,300 余名女性实现就业。",
     "平台上线后，就业人数改为按平台记录统计：用人单位标记录用、本人确认后才计入，首页分两行展示平台记录与项目历史数字。"),
]

ABOUT = (
    "关于我们",
    "巾帼职达是永川区妇联与职业院校共同运营的女大学生就业服务平台。",
    [
        ("heading", "我们做什么"),
        ("paragraph", "<p>我们为女大学生提供就业能力培训、一对一专家咨询和经过审核的招聘信息。"
                      "所有岗位在发布前都会经过反就业性别歧视审查。</p>"),
        ("heading", "联系我们"),
        ("paragraph", "<p>工作日 9:00–17:30，欢迎来电或到永川区妇女儿童活动中心咨询。</p>"),
    ],
)

NAV_LINKS = [("课程培训", "Courses", "/courses/"), ("专家咨询", "Consultants", "/consultants/"),
             ("招聘岗位", "Jobs", "/jobs/"), ("新闻动态", "News", "/news/"), ("关于我们", "About", "/about/")]


def _body(blocks):
    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


def seed_home():
    home = ensure_home_page(**HOME)
    changed = False
    for field, value in HOME.items():
        if not getattr(home, field):
            setattr(home, field, value)
            changed = True
    if not home.counters:
        home.counters = [
            ("counter", {"number": number, "source": source, "suffix": suffix, "label": label, "label_en": label_en})
            for number, source, suffix, label, label_en in COUNTERS
        ]
        changed = True
    if changed:
        home.save_revision().publish()


def seed_about():
    home = HomePage.objects.get()
    if StandardPage.objects.filter(slug="about").exists():
        return
    title, intro, blocks = ABOUT
    home.add_child(instance=StandardPage(title=title, slug="about", intro=intro, body=_body(blocks)))


def seed_news(size):
    def step():
        home = HomePage.objects.get()
        index = NewsIndexPage.objects.first()
        if index is None:
            index = home.add_child(instance=NewsIndexPage(
                title="新闻动态", slug="news", intro="妇联活动、培训与招聘会的最新消息。"))
        existing = set(NewsPage.objects.values_list("slug", flat=True))
        for round_ in range(size):
            for number, (date, title, intro, text) in enumerate(NEWS, start=1):
                slug = f"news-{number}" if round_ == 0 else f"news-{number}-{round_}"
                if slug in existing:
                    continue
                day = datetime.date.fromisoformat(date) - datetime.timedelta(days=round_ * 7)
                index.add_child(instance=NewsPage(
                    title=title if round_ == 0 else f"{title}（{round_ + 1}）",
                    slug=slug, date=day, intro=intro,
                    body=_body([("paragraph", f"<p>{intro}</p>"), ("paragraph", f"<p>{text}</p>")]),
                ))
    return step


def seed_site_settings():
    site = Site.objects.get(is_default_site=True)
    navigation = NavigationSettings.for_site(site)
    if not navigation.links:
        navigation.links = [
            ("link", {"label": label, "label_en": label_en, "page": None, "url": url})
            for label, label_en, url in NAV_LINKS
        ]
        navigation.save()
    footer = FooterSettings.for_site(site)
    if not footer.about:
        footer.about = "永川区妇联与职业院校联合推出的女大学生就业服务平台，提供培训、咨询与招聘服务。"
        footer.address = "重庆市永川区妇女儿童活动中心"
        footer.phone = "023-4981 0000"
        footer.email = "service@jinguo.example"
        footer.copyright = "© 2024–2026 巾帼职达 · 永川区妇女联合会"
        footer.links = [("link", {"label": "关于我们", "label_en": "About", "page": None, "url": "/about/"})]
        footer.save()
    history = PlacementHistory.for_site(site)
    if history.historical_placements is None:
        for field, value in PLACEMENT_HISTORY.items():
            setattr(history, field, value)
        history.save()


def seed(size):
    return [
        ("home", seed_home),
        ("about", seed_about),
        ("news", seed_news(size)),
        ("settings", seed_site_settings),
    ]
