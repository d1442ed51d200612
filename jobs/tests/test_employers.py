"""Verified employers: registration with the credit code and a private licence, the
moderator's decision, the refusal of postings from unverified employers, the badge
and the public employer pages."""

import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from jobs import demo, employers, services
from jobs.choices import DIVISION_CODES
from jobs.credit_code import example_code, make_credit_code, validate_credit_code
from jobs.models import Employer, EmployerMember, JobPosting
from jobs.tests.factories import PDF_BYTES, EmployerFactory, EmployerMemberFactory, JobPostingFactory
from portal.accounts.tests.factories import UserFactory
from portal.errors import Conflict, Forbidden, NotFound

pytestmark = pytest.mark.django_db

CODE = make_credit_code("91", "500118", "MA5U4K7P")  # 91500118MA5U4K7P9Q
Verification = Employer.Verification


def image_bytes(kind="PNG"):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, kind)
    return buffer.getvalue()


def licence(name="营业执照.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content)


def registration(**overrides):
    data = {
        "name": "永川巾帼家政服务有限公司", "credit_code": CODE.lower() + " ", "industry": "retail", "size": "small",
        "district": "永川", "description": "专注家政服务培训与就业。", "contact_name": "李女士",
        "contact_phone": "023-49861234", "contact_email": "hr@jinguo-jiazheng.example", "declaration": "on",
        "licence": licence(),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def her(client):
    user = UserFactory()
    client.force_login(user)
    return user


@pytest.fixture
def pending(her, client):
    """Her organisation, registered through the page and waiting for verification."""
    client.post(reverse("jobs:employer_register"), registration())
    return Employer.objects.get()


# ------------------------------------------------------------ registration


def test_registration_page_is_linked_from_me_and_the_jobs_pages(client, her):
    url = reverse("jobs:employer_register")
    for page in (reverse("dashboard"), reverse("search:jobs"), reverse("jobs:detail", args=[JobPostingFactory().pk])):
        body = client.get(page).content.decode()
        assert f'href="{url}"' in body and "我是用人单位" in body, page


def test_registration_needs_an_account(client):
    response = client.get(reverse("jobs:employer_register"))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_she_registers_her_organisation(client, her, settings):
    page = client.get(reverse("jobs:employer_register"))
    assert page.status_code == 200 and "统一社会信用代码" in page.content.decode()
    response = client.post(reverse("jobs:employer_register"), registration())
    assert response.status_code == 302 and response["Location"] == reverse("jobs:employer_register")
    employer = Employer.objects.get()
    assert employer.credit_code == CODE  # stored upper case, without the spaces
    assert employer.verification_status == Verification.PENDING and not employer.verified
    assert employer.verification_requested_at is not None
    assert employer.district == "永川" and employer.size == "small" and employer.contact_name == "李女士"
    assert str(employer.contact_phone) == "+862349861234"
    assert EmployerMember.objects.get(user=her).employer == employer
    # The licence is stored under a random name, outside the public media directory.
    assert employer.licence_kind == "pdf" and employer.licence_name == "营业执照.pdf"
    assert employer.licence.name.startswith("licences/") and "营业执照" not in employer.licence.name
    assert str(settings.PRIVATE_MEDIA_ROOT) in employer.licence.path
    assert str(settings.MEDIA_ROOT) not in employer.licence.path
    status = client.get(reverse("jobs:employer_register")).content.decode()
    assert "等待认证" in status and CODE in status


@pytest.mark.parametrize(("name", "content", "kind"), [
    ("执照.jpg", image_bytes("JPEG"), "jpeg"),
    ("执照.png", image_bytes("PNG"), "png"),
    ("执照.png", image_bytes("JPEG"), "jpeg"),  # named .png, but a JPEG: stored as what it is
])
def test_a_photo_of_the_licence_is_accepted(client, her, name, content, kind):
    client.post(reverse("jobs:employer_register"), registration(licence=licence(name, content)))
    employer = Employer.objects.get()
    assert employer.licence_kind == kind
    assert employer.licence_name.endswith(".jpg" if kind == "jpeg" else ".png")


@pytest.mark.parametrize(("field", "value", "message"), [
    ("credit_code", "91500118MA5U4K7P9", "18"),
    ("credit_code", "91500118MA5U4K7P9QQ", "18"),
    ("credit_code", "91500118MA5U4K7O9Q", "“O”"),
    ("credit_code", "91500118MA5U4K7P9R", "校验码"),
    ("credit_code", "", None),
    ("district", "纽约", None),
    ("size", "", None),
    ("contact_phone", "12", None),
    ("declaration", None, None),
])
def test_bad_registration_fields_are_refused_and_nothing_saved(client, her, field, value, message):
    response = client.post(reverse("jobs:employer_register"), registration(**{field: value}))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors
    if message:
        assert message in " ".join(errors[field])
    assert not Employer.objects.exists() and not EmployerMember.objects.exists()


@pytest.mark.parametrize(("name", "content", "message"), [
    ("执照.pdf", b"<html><body><script>alert(1)</script></body></html>", "JPEG"),  # HTML named .pdf
    ("执照.pdf", b"", "空"),  # empty
    ("执照.jpg", b"\xff\xd8\xff\xe0" + b"not really a jpeg" * 10, "JPEG"),  # a JPEG header and nothing behind it
    ("执照.png", b"GIF89a" + b"\x00" * 50, "JPEG"),
    ("执照.docx", b"PK\x03\x04" + b"\x00" * 50, "JPEG"),
    ("执照.pdf", PDF_BYTES + b"0" * (10 * 1024 * 1024), "10 MB"),
])
def test_bad_licence_files_are_refused_and_nothing_saved(client, her, name, content, message, settings):
    def stored():
        return {path for path in (settings.PRIVATE_MEDIA_ROOT / "licences").rglob("*") if path.is_file()}

    before = stored()
    response = client.post(reverse("jobs:employer_register"), registration(licence=licence(name, content)))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["licence"])
    assert not Employer.objects.exists()
    assert stored() == before


def test_a_licence_is_required(client, her):
    response = client.post(reverse("jobs:employer_register"), registration(licence=None))
    assert "licence" in response.context["form"].errors and not Employer.objects.exists()


def test_one_employer_per_code_and_per_name(client, her):
    EmployerFactory(name="已登记单位有限公司", credit_code=CODE)
    response = client.post(reverse("jobs:employer_register"), registration())
    assert "已有单位使用该代码登记" in " ".join(response.context["form"].errors["credit_code"])
    response = client.post(reverse("jobs:employer_register"),
                           registration(name="已登记单位有限公司", credit_code=example_code(7)))
    assert "已有同名单位登记" in " ".join(response.context["form"].errors["name"])
    assert Employer.objects.count() == 1 and not EmployerMember.objects.exists()


def test_the_database_keeps_one_employer_per_code():
    from django.db import IntegrityError, transaction

    EmployerFactory(credit_code=CODE)
    with pytest.raises(IntegrityError), transaction.atomic():
        EmployerFactory(credit_code=CODE)
    # Employers without a code (added by editors before registration existed) do not clash.
    EmployerFactory(credit_code=None)
    EmployerFactory(credit_code=None)


def test_a_member_cannot_register_a_second_organisation(client, pending, her):
    with pytest.raises(Conflict):
        employers.register(her, Employer(name="第二家有限公司", credit_code=example_code(9), industry="it"),
                           licence())
    # The page shows the status instead of a second form, and a repeated POST changes nothing.
    response = client.post(reverse("jobs:employer_register"), registration(name="第二家有限公司",
                                                                           credit_code=example_code(9)))
    assert response.status_code == 302
    assert Employer.objects.count() == 1


def test_a_refused_registration_is_corrected_and_sent_again(client, her, pending, moderator,
                                                          django_capture_on_commit_callbacks):
    employers.reject(pending, moderator, "营业执照照片模糊，请重新拍摄。")
    page = client.get(reverse("jobs:employer_register")).content.decode()
    assert "营业执照照片模糊，请重新拍摄。" in page and 'name="licence"' in page
    old_file = Employer.objects.get().licence.name
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("jobs:employer_register"),
                               registration(licence=licence("清晰执照.png", image_bytes())))
    assert response.status_code == 302
    employer = Employer.objects.get()
    assert employer.verification_status == Verification.PENDING and employer.rejection_reason == ""
    assert employer.licence_kind == "png" and employer.licence.name != old_file
    assert not employer.licence.storage.exists(old_file)


def test_a_correction_may_keep_the_licence_sent_before(client, her, pending, moderator):
    employers.reject(pending, moderator, "单位名称与执照不一致。")
    kept = Employer.objects.get().licence.name
    client.post(reverse("jobs:employer_register"), registration(name="永川巾帼家政服务有限责任公司", licence=None))
    employer = Employer.objects.get()
    assert employer.name == "永川巾帼家政服务有限责任公司" and employer.licence.name == kept
    assert employer.verification_status == Verification.PENDING


def test_an_invalid_correction_shows_what_is_saved(client, her, pending, moderator):
    employers.reject(pending, moderator, "单位名称与执照不一致。")
    response = client.post(reverse("jobs:employer_register"), registration(credit_code="123", licence=None))
    assert "credit_code" in response.context["form"].errors
    assert response.context["employer"].credit_code == CODE
    assert Employer.objects.get().credit_code == CODE


# ------------------------------------------------------------ the licence is private


def test_licence_is_readable_by_its_employer_and_moderators_only(client, her, pending, moderator):
    url = reverse("jobs:employer_licence", args=[pending.pk])
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf" and response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]

    client.force_login(moderator)
    assert client.get(url).status_code == 200
    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert client.get(url).status_code == 200

    for stranger in (UserFactory(), EmployerMemberFactory().user):  # anyone, another employer's account
        client.force_login(stranger)
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the login page
    assert client.get(reverse("jobs:employer_licence", args=[999999])).status_code == 302
    client.force_login(moderator)
    assert client.get(reverse("jobs:employer_licence", args=[999999])).status_code == 404
    assert client.get(reverse("jobs:employer_licence", args=[EmployerFactory().pk])).status_code == 404  # no file
    with pytest.raises(NotFound):
        employers.licence_for_reader(pending.pk, UserFactory())


def test_deleting_an_employer_deletes_its_licence_file(pending, django_capture_on_commit_callbacks):
    storage, name = pending.licence.storage, pending.licence.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        pending.delete()
    assert not storage.exists(name)


def test_an_image_licence_is_shown_inline(client, her):
    client.post(reverse("jobs:employer_register"), registration(licence=licence("执照.jpg", image_bytes("JPEG"))))
    response = client.get(reverse("jobs:employer_licence", args=[Employer.objects.get().pk]))
    assert response["Content-Type"] == "image/jpeg" and response["Content-Disposition"].startswith("inline")


# ------------------------------------------------------------ the moderator's decision


def test_a_moderator_verifies_in_the_admin(client, pending, moderator, mailoutbox, django_capture_on_commit_callbacks):
    client.force_login(moderator)
    queue = client.get(reverse("jobs_admin_verification_queue")).content.decode()
    assert pending.name in queue and reverse("jobs:employer_licence", args=[pending.pk]) in queue
    review_url = reverse("jobs_admin_verification_review", args=[pending.pk])
    review = client.get(review_url).content.decode()
    assert CODE in review and reverse("jobs:employer_licence", args=[pending.pk]) in review
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(review_url, {"action": "verify"})
    assert response.status_code == 302
    employer = Employer.objects.get()
    assert employer.verified and employer.reviewed_by == moderator and employer.reviewed_at is not None
    assert review_url not in client.get(reverse("jobs_admin_verification_queue")).content.decode()
    [message] = mailoutbox
    assert pending.name in message.subject and "已通过认证" in message.subject
    assert message.to == [EmployerMember.objects.get().user.email]


def test_a_moderator_refuses_with_a_reason_she_reads(client, pending, moderator, her, mailoutbox,
                                                     django_capture_on_commit_callbacks):
    client.force_login(moderator)
    review_url = reverse("jobs_admin_verification_review", args=[pending.pk])
    response = client.post(review_url, {"action": "reject", "reason": "  "})
    assert response.status_code == 200 and Employer.objects.get().verification_status == Verification.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        client.post(review_url, {"action": "reject", "reason": "营业执照上的名称与登记的名称不一致。"})
    employer = Employer.objects.get()
    assert employer.verification_status == Verification.REJECTED and employer.reviewed_by == moderator
    assert "营业执照上的名称与登记的名称不一致。" in mailoutbox[0].body
    client.force_login(her)
    assert "营业执照上的名称与登记的名称不一致。" in client.get(reverse("jobs:employer_register")).content.decode()


def test_only_moderators_verify(client, pending, her):
    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    for user in (her, editor):
        client.force_login(user)
        for url in (reverse("jobs_admin_verification_queue"),
                    reverse("jobs_admin_verification_review", args=[pending.pk])):
            assert client.get(url).status_code in (302, 403), url
        response = client.post(reverse("jobs_admin_verification_review", args=[pending.pk]), {"action": "verify"})
        assert response.status_code in (302, 403)
        with pytest.raises(Forbidden):
            employers.verify(pending, user)
        with pytest.raises(Forbidden):
            employers.reject(pending, user, "不行")
    assert Employer.objects.get().verification_status == Verification.PENDING


def test_decisions_follow_the_state(pending, moderator):
    employers.verify(pending, moderator)
    with pytest.raises(Conflict):
        employers.verify(pending, moderator)
    with pytest.raises(Conflict):
        employers.reject(pending, moderator, "已经认证过了")
    with pytest.raises(Conflict):  # no code, nothing to verify against
        employers.verify(EmployerFactory(verified=False, credit_code=None), moderator)


def test_the_admin_list_shows_the_state_and_editors_cannot_set_it(client, pending):
    editor = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(editor)
    listing = client.get("/cms/snippets/jobs/employer/").content.decode()
    assert "等待认证" in listing
    assert reverse("jobs_admin_verification_review", args=[pending.pk]) in listing
    edit = client.get(f"/cms/snippets/jobs/employer/edit/{pending.pk}/").content.decode()
    assert 'name="verification_status"' not in edit and 'name="licence"' not in edit


# ------------------------------------------------------------ only verified employers post


@pytest.mark.parametrize(("state", "reason"), [
    (Verification.PENDING, "审核员正在核验营业执照"),
    (Verification.UNVERIFIED, "请先用统一社会信用代码和营业执照完成单位登记"),
    (Verification.REJECTED, "执照过期"),
])
def test_an_unverified_employer_cannot_submit(client, state, reason):
    member = EmployerMemberFactory(employer=EmployerFactory(verification_status=state, rejection_reason="执照过期"))
    posting = JobPostingFactory(employer=member.employer, status=JobPosting.Status.DRAFT, published_at=None)
    with pytest.raises(Forbidden) as refused:
        services.submit_posting(posting, member.user)
    assert refused.value.status == 403 and refused.value.code == "employer_unverified"
    assert refused.value.message.startswith("你的单位尚未通过认证：") and reason in refused.value.message

    client.force_login(member.user)
    response = client.post(reverse("jobs:employer_submit", args=[posting.pk]))
    assert response.status_code == 403 and reason in response.content.decode()
    posting.refresh_from_db()
    assert posting.status == JobPosting.Status.DRAFT

    # Her pages say why, and link to the registration; no submit button is offered.
    for url in (reverse("jobs:employer_home"), reverse("jobs:employer_posting", args=[posting.pk])):
        page = client.get(url).content.decode()
        assert reverse("jobs:employer_register") in page, url
        assert reverse("jobs:employer_submit", args=[posting.pk]) not in page, url


def test_a_verified_employer_submits(client):
    member = EmployerMemberFactory()
    posting = JobPostingFactory(employer=member.employer, status=JobPosting.Status.DRAFT, published_at=None)
    services.submit_posting(posting, member.user)
    assert posting.status == JobPosting.Status.SUBMITTED


def test_editors_cannot_submit_for_an_unverified_employer_in_the_admin(client):
    employer = EmployerFactory(verified=False)
    posting = JobPostingFactory(employer=employer, status=JobPosting.Status.DRAFT, published_at=None)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    page = client.get(f"/cms/snippets/jobs/jobposting/edit/{posting.pk}/")
    form = page.context["form"]
    data = {name: form[name].value() or "" for name in form.fields if form[name].value() is not None}
    data.update(status="submitted", expires_at=timezone.localtime(posting.expires_at).strftime("%Y-%m-%d %H:%M"))
    response = client.post(f"/cms/snippets/jobs/jobposting/edit/{posting.pk}/", data)
    assert response.status_code == 200
    assert "只有通过认证的用人单位才能提交招聘岗位" in response.content.decode()
    posting.refresh_from_db()
    assert posting.status == JobPosting.Status.DRAFT


# ------------------------------------------------------------ the badge and the employer page


def test_postings_show_the_badge_and_link_to_the_employer_page(client):
    job = JobPostingFactory()
    unverified = JobPostingFactory(employer=EmployerFactory(verified=False), title="未认证单位的岗位")
    page_url = reverse("employers:detail", args=[job.employer.pk])
    detail = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "tag--verified" in detail and "已认证" in detail and f'href="{page_url}"' in detail
    listing = client.get(reverse("search:jobs")).content.decode()
    assert f'href="{page_url}"' in listing and "tag--verified" in listing
    other = client.get(reverse("jobs:detail", args=[unverified.pk])).content.decode()
    assert "tag--verified" not in other
    assert reverse("employers:detail", args=[unverified.employer.pk]) not in other
    api = client.get(f"/api/v1/jobs/{job.pk}").json()
    assert api["employer_verified"] is True and api["employer_id"] == job.employer.pk


def test_employer_page_shows_who_it_is_and_its_open_jobs(client):
    employer = EmployerFactory(name="渝中巾帼数联有限公司", industry="it", size="medium", district="渝中",
                               description="数据服务，欢迎应届女大学生。")
    shown = JobPostingFactory(employer=employer, title="数据分析师")
    JobPostingFactory(employer=employer, title="过期的岗位", expires_at=timezone.now() - datetime.timedelta(days=1))
    JobPostingFactory(employer=employer, title="草稿岗位", status=JobPosting.Status.DRAFT, published_at=None)
    JobPostingFactory(title="别家的岗位")
    for prefix, words in (("", ["互联网", "100–499 人", "所在地", "1 个在招岗位"]),
                          ("/en", ["Internet and IT", "100–499 people", "1 open job"])):
        response = client.get(f"{prefix}/employers/{employer.pk}/")
        assert response.status_code == 200
        body = response.content.decode()
        assert "渝中巾帼数联有限公司" in body and "数据服务，欢迎应届女大学生。" in body and "tag--verified" in body
        assert "渝中" in body and f"/jobs/{shown.pk}/" in body
        for word in words:
            assert word in body, (prefix, word)
        for hidden in ("过期的岗位", "草稿岗位", "别家的岗位"):
            assert hidden not in body


@pytest.mark.parametrize("signed_in", [False, True])
def test_employer_page_query_count_does_not_grow_with_its_jobs(client, django_assert_max_num_queries, signed_in):
    from jobs.models import Favourite

    employer = EmployerFactory()
    user = UserFactory() if signed_in else None
    if user:
        client.force_login(user)

    def add_jobs(count):  # signed in, she keeps each: a 已收藏 marker on every card
        for _number in range(count):
            job = JobPostingFactory(employer=employer)
            if user:
                Favourite.objects.create(user=user, job=job)

    add_jobs(1)
    url = reverse("employers:detail", args=[employer.pk])
    client.get(url)
    # 14 for the page and its markers, one more for the employer's response rate.
    with django_assert_max_num_queries(15) as few:
        client.get(url)
    add_jobs(15)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('aria-pressed="true"') == (16 if signed_in else 0)


@pytest.mark.parametrize("state", [Verification.UNVERIFIED, Verification.PENDING, Verification.REJECTED])
def test_no_public_page_for_an_employer_that_is_not_verified(client, state):
    employer = EmployerFactory(verification_status=state)
    JobPostingFactory(employer=employer)
    assert client.get(reverse("employers:detail", args=[employer.pk])).status_code == 404
    assert client.get(f"/en/employers/{employer.pk}/").status_code == 404
    assert client.get(f"/api/v1/employers/{employer.pk}").status_code == 404


def test_unknown_employer_is_404(client):
    assert client.get("/employers/999999/").status_code == 404
    assert client.get("/api/v1/employers/999999").status_code == 404


# ------------------------------------------------------------ the API


def test_api_registration(client, her):
    response = client.post("/api/v1/employers", {**registration(), "declaration": "true"})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["credit_code"] == CODE and body["verification_status"] == "pending"
    assert EmployerMember.objects.get(user=her).employer_id == body["id"]
    again = client.post("/api/v1/employers", {**registration(), "declaration": "true"})
    assert again.status_code == 409


@pytest.mark.parametrize(("overrides", "field"), [
    ({"licence": licence("执照.pdf", b"<html>not a pdf</html>")}, "licence"),
    ({"licence": licence("执照.pdf", b"")}, "licence"),
    ({"credit_code": "91500118MA5U4K7P9R"}, "credit_code"),
    ({"credit_code": "91500118MA5U4K7S9Q"}, "credit_code"),
])
def test_api_registration_refuses_bad_input_with_400(client, her, overrides, field):
    response = client.post("/api/v1/employers", {**registration(**overrides), "declaration": "true"})
    assert response.status_code == 400, response.content
    assert field in [error["field"] for error in response.json()["errors"]]
    assert not Employer.objects.exists()


def test_api_registration_needs_an_account(client):
    assert client.post("/api/v1/employers", {**registration(), "declaration": "true"}).status_code == 401


def test_api_employer_profile(client):
    employer = EmployerFactory(name="公开单位有限公司")
    body = client.get(f"/api/v1/employers/{employer.pk}").json()
    assert body["name"] == "公开单位有限公司" and body["verified"] is True
    assert body["url"] == f"/employers/{employer.pk}/"


# ------------------------------------------------------------ demo employers


@pytest.mark.django_db
def test_demo_employers_are_verified_with_valid_plausible_codes():
    demo.seed_jobs(1)()
    made = list(Employer.objects.all())
    assert len(made) == len(demo.EMPLOYERS)
    codes = set()
    for employer in made:
        assert employer.verified, employer
        validate_credit_code(employer.credit_code)
        assert employer.credit_code[2:8] == DIVISION_CODES[employer.district], employer
        civil = employer.name.endswith(("中心", "学校", "幼儿园"))
        assert employer.credit_code[:2] == ("52" if civil else "91"), employer
        codes.add(employer.credit_code)
    assert len(codes) == len(made)
    assert DIVISION_CODES["永川"] == "500118"


def test_every_district_has_its_division_code():
    from jobs.choices import DISTRICTS

    assert set(DIVISION_CODES) == set(DISTRICTS)
    assert all(code.startswith("50") and len(code) == 6 for code in DIVISION_CODES.values())
