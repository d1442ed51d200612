"""Test data for search: employers and visible job postings.

    job = JobPostingFactory(title="财务会计助理")                 # approved, published, not expired
    JobPostingFactory(expires_at=timezone.now() - timedelta(days=1))  # expired
"""

from datetime import timedelta

import factory
from django.utils import timezone

from jobs.choices import Education, Industry, JobType
from jobs.models import Employer, JobPosting


class EmployerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employer
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"测试用人单位{n}")
    industry = Industry.MANUFACTURING
    district = "永川"


class JobPostingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobPosting

    employer = factory.SubFactory(EmployerFactory)
    title = factory.Sequence(lambda n: f"岗位{n}")
    district = "永川"
    industry = Industry.MANUFACTURING
    job_type = JobType.FULL_TIME
    education = Education.ANY
    salary_min = 4000
    salary_max = 6000
    description = "岗位职责说明。"
    status = JobPosting.Status.APPROVED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
