"""Demo step: complete online résumés for the named demo graduates (小雨, 思思, 佳怡, the
accounts the consultants demo books sessions for), each with studies that match her wishes."""

import datetime

from django.contrib.auth import get_user_model

from .models import Resume, ResumeEntry


def _month(text):
    year, month = text.split("-")
    return datetime.date(int(year), int(month), 1)


GRADUATES = [
    {
        "email": "graduate1@jinguo.example", "display_name": "小雨",
        "resume": {
            "full_name": "林小雨", "school": "重庆工商大学", "major": "会计学", "degree": "bachelor",
            "graduation": "2025-06",
            "statement": "做事细致，对数字敏感，熟悉小企业从记账到报税的流程。希望在永川或璧山找一份会计或出纳工作，"
                         "踏实积累三到五年后考取中级会计职称。",
            "skills": ["Excel 数据透视表", "用友 U8", "金蝶 KIS", "电子税务局申报"],
            "languages": [{"name": "英语", "level": "working"}],
            "certificates": ["初级会计专业技术资格", "全国计算机等级考试二级（MS Office）"],
            "desired_job_types": ["full_time"], "desired_districts": ["永川", "璧山"],
            "salary_min": 4000, "salary_max": 6000, "contact_phone": "+8613800000101",
        },
        "education": [("", "重庆工商大学", "会计学", "2021-09", "2025-06", "主修财务会计、税法、审计学，绩点 3.4/4。")],
        "experience": [
            ("internship", "永川区一家会计师事务所", "审计助理", "2024-07", "2024-08",
             "整理凭证与底稿，协助完成三家小微企业的年报审计。"),
            ("campus", "重庆工商大学会计学院学生会", "财务部部长", "2022-09", "2023-06",
             "管理学生活动经费，每月公示收支。"),
        ],
    },
    {
        "email": "graduate2@jinguo.example", "display_name": "思思",
        "resume": {
            "full_name": "陈思思", "school": "重庆文理学院", "major": "学前教育", "degree": "bachelor",
            "graduation": "2025-06",
            "statement": "喜欢和孩子相处，在幼儿园实习一学期，能独立组织中班的集体活动和家长开放日。"
                         "希望在永川做幼儿教师。",
            "skills": ["钢琴（业余八级）", "幼儿手工", "普通话二级甲等"],
            "languages": [{"name": "英语", "level": "basic"}],
            "certificates": ["幼儿园教师资格证"],
            "desired_job_types": ["full_time"], "desired_districts": ["永川"],
            "salary_min": 3500, "salary_max": 5000, "contact_phone": "+8613800000102",
        },
        "education": [("", "重庆文理学院", "学前教育", "2021-09", "2025-06", "")],
        "experience": [
            ("internship", "永川区一所公办幼儿园", "实习教师", "2024-09", "2025-01",
             "跟班带中班，设计并实施了“认识二十四节气”主题活动。"),
            ("volunteer", "永川区图书馆", "少儿绘本阅读志愿者", "2023-03", None, "每月两次周末绘本故事会。"),
        ],
    },
    {
        "email": "graduate3@jinguo.example", "display_name": "佳怡",
        "resume": {
            "full_name": "王佳怡", "school": "重庆电子工程职业学院", "major": "电子商务", "degree": "associate",
            "graduation": "2024-06",
            "statement": "毕业后在网店做了一年客服和运营助理，会写商品详情页、做直播排期。"
                         "想去一家做本地特产的电商公司做运营。",
            "skills": ["淘宝/拼多多后台", "短视频剪辑（剪映）", "Photoshop"],
            "languages": [{"name": "英语", "level": "basic"}, {"name": "重庆话", "level": "native"}],
            "certificates": ["1+X 网店运营推广（中级）"],
            "desired_job_types": ["full_time", "part_time"], "desired_districts": ["沙坪坝", "九龙坡", "永川"],
            "salary_min": 4500, "salary_max": 7000, "contact_phone": "+8613800000103",
        },
        "education": [("", "重庆电子工程职业学院", "电子商务", "2021-09", "2024-06", "")],
        "experience": [
            ("full_time", "沙坪坝一家农特产网店", "客服兼运营助理", "2024-07", None,
             "负责售前售后咨询，月均接待 2000 人次；协助策划“618”活动。"),
        ],
    },
]


def seed_resumes():
    User = get_user_model()
    for graduate in GRADUATES:
        user = User.objects.filter(email=graduate["email"]).first() or User.objects.create_user(
            email=graduate["email"], password=None, display_name=graduate["display_name"])
        if Resume.objects.filter(user=user).exists():
            continue
        fields = dict(graduate["resume"], graduation=_month(graduate["resume"]["graduation"]),
                      contact_email=graduate["email"])
        resume = Resume.objects.create(user=user, **fields)
        for section in ResumeEntry.Section.values:
            for kind, organisation, role, start, end, description in graduate[section]:
                ResumeEntry.objects.create(resume=resume, section=section, kind=kind, organisation=organisation,
                                           role=role, start=_month(start), end=_month(end) if end else None,
                                           description=description)

def seed(size):
    # One set whatever the size: résumés belong to named people, not to the volume of data.
    return [("résumés", seed_resumes)]
