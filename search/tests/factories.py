"""Test data for search: the jobs factories with neutral text, so that only
what a test writes can match a query.

    job = JobPostingFactory(title="财务会计助理")                 # approved, published, not expired
    JobPostingFactory(expires_at=timezone.now() - timedelta(days=1))  # expired
"""

import factory

from jobs.choices import Education, Industry
from jobs.tests import factories as job_factories


class EmployerFactory(job_factories.EmployerFactory):
    class Meta:
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"测试用人单位{n}")
    industry = Industry.MANUFACTURING


class JobPostingFactory(job_factories.JobPostingFactory):
    employer = factory.SubFactory(EmployerFactory)
    title = factory.Sequence(lambda n: f"岗位{n}")
    industry = Industry.MANUFACTURING
    education = Education.ANY
    description = "岗位职责说明。"
    requirements = ""
