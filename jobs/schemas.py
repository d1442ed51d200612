"""The JSON shape of a job posting: the jobs API answers with it, and so do
search results (search/api.py), which fill in `highlight`."""

from datetime import datetime

from ninja import Schema


class JobOut(Schema):
    id: int
    title: str
    employer: str
    employer_id: int
    # A moderator checked its credit code and licence: the "Verified" badge.
    employer_verified: bool
    city: str
    district: str
    industry: str
    job_type: str
    education: str
    salary_min: int
    salary_max: int
    family_friendly: list[str]
    published_at: datetime | None
    expires_at: datetime
    url: str
    highlight: dict[str, str] = {}


class JobDetailOut(JobOut):
    description: str
    requirements: str
    benefits: str
    how_to_apply: str
    experience: str


def job_out(job, detail=False):
    """The JobOut (or with `detail`, JobDetailOut) data of a posting."""
    data = {
        "id": job.pk, "title": job.title, "employer": job.employer.name, "employer_id": job.employer_id,
        "employer_verified": job.employer.verified, "city": job.city,
        "district": job.district, "industry": job.industry, "job_type": job.job_type,
        "education": job.education, "salary_min": job.salary_min, "salary_max": job.salary_max,
        "family_friendly": job.family_friendly, "published_at": job.published_at, "expires_at": job.expires_at,
        "url": job.get_absolute_url(),
    }
    if detail:
        data.update(description=job.description, requirements=job.requirements, benefits=job.benefits,
                    how_to_apply=job.how_to_apply, experience=job.experience)
    return data
