"""The simulated graduates of a load run (`manage.py load_users`): verified
accounts with a complete online résumé, so that each can apply with it, and a
personal API token for the ones that act as the app would. Made up front, as a
real population exists before the traffic: the run measures the portal, not
sign-up. Idempotent: the same number asked again reuses the same people."""

import datetime
import secrets

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction

from portal.accounts.tokens import issue_token
from resumes.models import Resume

DOMAIN = "load.jinguo.example"
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = ["雨桐", "思琪", "欣怡", "梓涵", "佳怡", "诗涵", "可馨", "语嫣", "雅静", "晓雯"]
SCHOOLS = [("重庆文理学院", "学前教育"), ("重庆工商大学", "会计学"), ("西南大学", "汉语言文学"),
           ("重庆交通大学", "物流管理"), ("重庆邮电大学", "软件工程")]


def email_of(number):
    return f"graduate{number:03d}@{DOMAIN}"


@transaction.atomic
def make_load_users(count):
    """[{"email", "password", "token"}] for graduates 1..count, each with a fresh
    password and token (the earlier ones stop working)."""
    User = get_user_model()
    people = []
    for number in range(1, count + 1):
        email = email_of(number)
        name = SURNAMES[number % len(SURNAMES)] + GIVEN[number % len(GIVEN)]
        user = User.objects.filter(email=email).first() or User.objects.create_user(
            email=email, password=None, display_name=name[1:])
        password = secrets.token_urlsafe(12)
        user.set_password(password)
        user.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        school, major = SCHOOLS[number % len(SCHOOLS)]
        Resume.objects.update_or_create(user=user, defaults={
            "full_name": name, "school": school, "major": major, "degree": "bachelor",
            "graduation": datetime.date(2025, 6, 1), "contact_email": email,
            "statement": "认真负责，乐于学习，希望在永川找到一份踏实的工作。",
        })
        people.append({"email": email, "password": password, "token": issue_token(user, "load run")})
    return people
