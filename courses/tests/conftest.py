from datetime import timedelta

import pytest
from django.utils import timezone

from portal.accounts.tests.factories import UserFactory

from ..models import CourseCategory, CourseIndexPage, CoursePage, CourseSession


@pytest.fixture
def category(db):
    return CourseCategory.objects.create(name="面试技巧", name_en="Interview skills", slug="interview")


@pytest.fixture
def catalog(home_page):
    return home_page.add_child(instance=CourseIndexPage(title="课程培训", slug="courses"))


@pytest.fixture
def make_course(catalog, category):
    counter = iter(range(1, 10_000))

    def make(title="面试技巧实战", format="offline", sessions=1, capacity=5, starts_in=timedelta(days=7),
             category_=None, **fields):
        course = catalog.add_child(instance=CoursePage(
            title=title, slug=f"course-{next(counter)}", summary="结构化面试与模拟面试。",
            category=category_ or category, format=format, **fields,
        ))
        for k in range(sessions):
            make_session(course, capacity=capacity, starts_in=starts_in + timedelta(days=k))
        return course

    return make


def make_session(course, capacity=5, starts_in=timedelta(days=7), **fields):
    starts = timezone.now() + starts_in
    fields.setdefault("venue", "妇女儿童活动中心 3 楼")
    return CourseSession.objects.create(
        course=course, starts_at=starts, ends_at=starts + timedelta(hours=2), capacity=capacity, **fields,
    )


@pytest.fixture
def session(make_course):
    return make_course(capacity=2).sessions.get()


@pytest.fixture
def user(db):
    return UserFactory(display_name="小美")


@pytest.fixture
def make_user(db):
    return UserFactory
