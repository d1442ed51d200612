"""Fair postings from form to moderation: the check's findings on the form
without JavaScript, submissions it holds back (待修改), the queue, live postings
edited after approval, screened status messages, and the review page's
difference between exact revisions and the employer's record."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from jobs import applications, moderation, screening, services
from jobs.models import Application, DiscriminatoryPhrase, JobPosting
from jobs.tests.factories import JobPostingFactory, pdf_upload
from jobs.tests.test_postings import form_data
from portal.accounts.tests.factories import UserFactory
from portal.errors import Conflict, ServiceError
from portal.notifications.models import Notification, OutboundMessage

pytestmark = pytest.mark.django_db

Status = JobPosting.Status


def form_of(posting, **overrides):
    """The edit form's data for a saved posting, with some fields changed."""
    data = form_data(
        title=posting.title, district=posting.district, industry=posting.industry, job_type=posting.job_type,
        salary_min=str(posting.salary_min), salary_max=str(posting.salary_max), education=posting.education,
        experience=posting.experience, description=posting.description, requirements=posting.requirements,
        benefits=posting.benefits, how_to_apply=posting.how_to_apply,
        expires_on=timezone.localtime(posting.expires_at).date().isoformat(),
    )
    data.update(overrides)
    return data


def queued(moderator):
    client = Client()
    client.force_login(moderator)
    return list(client.get(reverse("jobs_admin_queue")).context["postings"])


def saved_through_the_site(member, **fields):
    """A posting as the employer's form saves it: screened, with its revision."""
    posting = JobPostingFactory.build(employer=member.employer, status=Status.DRAFT, published_at=None, **fields)
    return services.save_posting(posting, member.user, submit=False)


# ---------------------------------------------------------------- the form, without JavaScript


def test_the_form_shows_each_finding_below_its_field_with_its_rule(client, member):
    posting = saved_through_the_site(member, description="负责账务。男性优先，能出差。",
                                     requirements="请注明婚育情况。")
    page = client.get(reverse("jobs:employer_edit", args=[posting.pk])).content.decode()
    block = re.search(r'<div class="screen-findings" id="findings-description".*?</div>', page, re.S).group(0)
    assert " hidden" not in block.split(">")[0]
    assert '<mark class="flagged" title="gender">男性优先</mark>' in block
    assert "《妇女权益保障法》第四十三条第（一）项" in block
    assert "婚育情况</mark>" in page and re.search("第（[二四]）项", page)
    # The textarea is described by its findings; the summary is a status region.
    assert re.search(r'<textarea[^>]*name="description"[^>]*aria-describedby="[^"]*findings-description', page)
    assert re.search(r'<p id="screen-summary"[^>]*role="status"[^>]*>[^<]*“男性优先”', page)
    # A field with nothing flagged keeps an empty, hidden block for the script to fill.
    assert re.search(r'<div class="screen-findings" id="findings-benefits"[^>]* hidden>', page)
    # The script that checks as she types is a deferred static file, not inline.
    assert re.search(r'<script src="[^"]*jobs/screen\.js" defer></script>', page)
    assert "<script>" not in page


def test_a_refused_form_shows_the_findings_of_what_she_posted(client, member):
    response = client.post(reverse("jobs:employer_new"),
                           form_data(salary_min="9000", salary_max="5000", description="限男性，能出差。"))
    assert response.status_code == 200 and JobPosting.objects.count() == 0
    assert '<mark class="flagged" title="gender">限男性</mark>' in response.content.decode()


def test_submitting_with_findings_is_refused_and_held_as_needs_changes(client, member, moderator):
    response = client.post(reverse("jobs:employer_new"), form_data(description="销售经理，男性优先。", submit="1"))
    posting = JobPosting.objects.get()
    assert posting.status == Status.NEEDS_CHANGES
    assert [flag["phrase"] for flag in posting.flagged_phrases] == ["男性优先"]
    assert response["Location"] == reverse("jobs:employer_edit", args=[posting.pk])
    page = client.get(response["Location"]).content.decode()
    assert "未提交" in page and "待修改" in page
    assert '<mark class="flagged" title="gender">男性优先</mark>' in page
    # Her posting page lists the finding with its rule, and offers no submit button.
    posting_page = client.get(reverse("jobs:employer_posting", args=[posting.pk])).content.decode()
    assert "待修改" in posting_page and "第四十三条" in posting_page
    assert reverse("jobs:employer_submit", args=[posting.pk]) not in posting_page
    assert posting not in queued(moderator)
    assert not posting.is_visible()


def test_a_draft_with_findings_is_allowed(client, member, moderator):
    response = client.post(reverse("jobs:employer_new"), form_data(requirements="已婚已育优先。", draft="1"))
    posting = JobPosting.objects.get()
    assert response["Location"] == reverse("jobs:employer_posting", args=[posting.pk])
    assert posting.status == Status.DRAFT and posting.flagged_phrases
    assert posting.revisions.count() == 1
    assert posting not in queued(moderator)


def test_once_rewritten_it_is_submitted_and_queued(client, member, moderator):
    client.post(reverse("jobs:employer_new"), form_data(description="男性优先。", submit="1"))
    posting = JobPosting.objects.get()
    response = client.post(reverse("jobs:employer_edit", args=[posting.pk]),
                           form_of(posting, description="欢迎应届毕业生。", submit="1"))
    posting.refresh_from_db()
    assert response["Location"] == reverse("jobs:employer_posting", args=[posting.pk])
    assert posting.status == Status.SUBMITTED and posting.flagged_phrases == []
    assert queued(moderator) == [posting]


def test_the_submit_button_runs_the_check_again(client, member):
    posting = saved_through_the_site(member, description="要求身高一米七以上。")
    assert posting.status == Status.DRAFT and posting.flagged_phrases == []
    DiscriminatoryPhrase.objects.create(phrase="身高一米七", category="gender")
    response = client.post(reverse("jobs:employer_submit", args=[posting.pk]), follow=True)
    posting.refresh_from_db()
    assert posting.status == Status.NEEDS_CHANGES
    assert "未提交" in response.content.decode() and "身高一米七</mark>" in response.content.decode()


def test_the_queue_lists_only_clean_submitted_postings(moderator):
    clean = JobPostingFactory(status=Status.SUBMITTED, published_at=None)
    JobPostingFactory(status=Status.NEEDS_CHANGES, published_at=None, description="男性优先")
    # Submitted with flags (before this rule, or by a script): still not in the queue.
    JobPostingFactory(status=Status.SUBMITTED, published_at=None, description="限男性")
    JobPostingFactory(status=Status.DRAFT, published_at=None)
    assert queued(moderator) == [clean]


# ---------------------------------------------------------------- edited after approval


def test_a_live_posting_edited_goes_back_to_review_and_off_the_site(client, member, moderator):
    live = JobPostingFactory(employer=member.employer)
    assert live.is_visible()
    page = client.get(reverse("jobs:employer_edit", args=[live.pk])).content.decode()
    assert "保存并重新送审" in page and 'name="draft"' not in page
    # Even a "draft" button (from an old form) does not turn it into a draft.
    client.post(reverse("jobs:employer_edit", args=[live.pk]), form_of(live, description="负责账务和报销。", draft="1"))
    live.refresh_from_db()
    assert live.status == Status.SUBMITTED and not live.is_visible()
    assert Client().get(reverse("jobs:detail", args=[live.pk])).status_code == 404
    assert queued(moderator) == [live]
    services.approve_posting(live, moderator)
    live.refresh_from_db()
    assert live.is_visible()


def test_a_live_posting_edited_with_findings_needs_changes(client, member, moderator):
    live = JobPostingFactory(employer=member.employer)
    client.post(reverse("jobs:employer_edit", args=[live.pk]), form_of(live, requirements="男士优先。", submit="1"))
    live.refresh_from_db()
    assert live.status == Status.NEEDS_CHANGES and not live.is_visible()
    assert live not in queued(moderator)


def test_a_live_posting_saved_unchanged_stays_online(client, member):
    live = JobPostingFactory(employer=member.employer, requirements="", benefits="", how_to_apply="")
    response = client.post(reverse("jobs:employer_edit", args=[live.pk]), form_of(live, submit="1"), follow=True)
    live.refresh_from_db()
    assert live.status == Status.APPROVED and live.is_visible()
    assert "继续在网站上展示" in response.content.decode()


def test_the_same_rule_in_the_admin(client, moderator):
    from jobs.tests.test_saving import admin_edit

    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    live = JobPostingFactory()
    assert admin_edit(client, live, description="新的岗位描述。").status_code == 302
    live.refresh_from_db()
    assert live.status == Status.SUBMITTED and not live.is_visible()
    assert admin_edit(client, live, description="男性优先。").status_code == 302
    live.refresh_from_db()
    assert live.status == Status.NEEDS_CHANGES


@pytest.mark.parametrize(("stored", "submit", "flagged", "changed", "expected"), [
    (None, False, False, True, Status.DRAFT),
    (None, False, True, True, Status.DRAFT),
    (None, True, False, True, Status.SUBMITTED),
    (None, True, True, True, Status.NEEDS_CHANGES),
    (Status.SUBMITTED, False, False, True, Status.DRAFT),
    (Status.NEEDS_CHANGES, True, False, True, Status.SUBMITTED),
    (Status.REJECTED, True, True, True, Status.NEEDS_CHANGES),
    (Status.APPROVED, False, False, True, Status.SUBMITTED),
    (Status.APPROVED, True, True, True, Status.NEEDS_CHANGES),
    (Status.APPROVED, False, False, False, Status.APPROVED),
    (Status.CLOSED, True, False, True, Status.CLOSED),
])
def test_status_after_edit(stored, submit, flagged, changed, expected):
    before = JobPostingFactory.build(status=stored) if stored else None
    after = JobPostingFactory.build(description="男性优先" if flagged else "负责日常账务处理。",
                                    **({"expires_at": before.expires_at} if before else {}))
    if changed:
        after.title = "出纳"
    services.screen_posting(after)
    assert services.status_after_edit(after, before, submit) == expected


# ---------------------------------------------------------------- status messages to candidates


@pytest.fixture
def application(member):
    job = JobPostingFactory(employer=member.employer)
    return applications.apply(job.pk, UserFactory(display_name="小美"), upload=pdf_upload())


def test_a_status_message_asking_about_marriage_or_children_is_refused(client, member, application,
                                                                       django_capture_on_commit_callbacks):
    sent_before = OutboundMessage.objects.count(), Notification.objects.count(), len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("jobs:applicant_decide", args=[application.pk]),
                               {"decision": "offer", "message": "面试时请说明婚育情况，是否有孩子。"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "“说明婚育情况”：《妇女权益保障法》第四十三条" in page and "“是否有孩子”：" in page
    assert 'class="field__error"' in page and "面试时请说明婚育情况" in page  # her text kept in the form
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED
    assert (OutboundMessage.objects.count(), Notification.objects.count(), len(mail.outbox)) == sent_before


def test_the_service_refuses_with_the_explanations(member, application):
    with pytest.raises(ServiceError) as refused:
        applications.decide(application.pk, member.user, "offer", message="请告知婚否。")
    assert refused.value.code == "flagged_wording" and refused.value.status == 400
    (error,) = refused.value.extra["errors"]
    assert error["field"] == "message" and error["phrase"] == "告知婚否" and "第四十三条" in error["message"]
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED


def test_a_clean_status_message_is_sent_in_her_email(client, member, application, mailoutbox,
                                                     django_capture_on_commit_callbacks):
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("jobs:applicant_decide", args=[application.pk]),
                               {"decision": "offer", "message": "请携带作品集<b>原件</b>。"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Application.Status.OFFER
    (email,) = mailoutbox
    assert "请携带作品集原件。" in email.body
    assert f"{member.employer.name}的留言：请携带作品集原件。" in email.body
    assert "请携带作品集原件。" in email.alternatives[0][0]
    assert "请携带作品集原件。" in Notification.objects.get(user=application.seeker, body__contains="录用").body


def test_refusal_explanations_follow_the_active_language():
    with translation.override("en"), pytest.raises(ServiceError) as refused:
        screening.refuse_if_flagged("Please state your marital status.", "message")
    assert refused.value.message.startswith("Please change this wording")
    assert refused.value.extra["errors"][0]["message"].startswith("“state your marital status”: Art. 43")
    screening.refuse_if_flagged("See you on Monday at 10.", "message")  # clean: nothing raised


# ---------------------------------------------------------------- review: what changed, the record


def test_review_shows_the_difference_since_the_exact_decided_revision(client, member, moderator):
    posting = saved_through_the_site(member, title="出纳", description="负责现金收付。", requirements="会计专业。")
    services.submit_posting(posting, member.user)
    services.reject_posting(posting, moderator, "请写明工作时间。")
    posting.refresh_from_db()
    rejected_on = posting.decided_revision
    assert rejected_on == posting.latest_revision
    entry = ModelLogEntry.objects.get(action=moderation.REJECT, object_id=str(posting.pk))
    assert entry.revision_id == rejected_on.pk and entry.data["comment"] == "请写明工作时间。"
    assert entry.user == moderator

    # Two saves after the rejection: the review compares the decided version with the
    # newest one, not with the save in between.
    client.post(reverse("jobs:employer_edit", args=[posting.pk]),
                form_of(posting, description="负责现金收付。临时措辞。", draft="1"))
    posting.refresh_from_db()
    client.post(reverse("jobs:employer_edit", args=[posting.pk]),
                form_of(posting, description="负责现金收付和银行对账。工作时间九点到五点。", salary_max="6500",
                        submit="1"))
    posting.refresh_from_db()
    assert posting.status == Status.SUBMITTED and posting.revisions.count() == 3

    client.force_login(moderator)
    response = client.get(reverse("jobs_admin_review", args=[posting.pk]))
    page = response.content.decode()
    rows = {row["name"]: row for row in response.context["changes"] if row["changed"]}
    assert set(rows) == {"description", "salary_max"}
    assert '<ins class="diff-ins"><span class="diff-label">[新增：]</span>和银行对账</ins>' in page
    assert "临时措辞" not in page
    assert '<del class="diff-del">6000</del>' in page and '<ins class="diff-ins">6500</ins>' in page
    assert "驳回的版本相比" in page and "请写明工作时间。" in page
    assert "共有 2 个栏目改动" in page

    services.approve_posting(posting, moderator, seen=response.context["version"])
    posting.refresh_from_db()
    assert posting.decided_revision == posting.latest_revision != rejected_on
    approved = ModelLogEntry.objects.get(action=moderation.APPROVE, object_id=str(posting.pk))
    assert approved.revision_id == posting.decided_revision_id


def test_a_first_review_says_there_is_nothing_to_compare(client, moderator):
    posting = JobPostingFactory(status=Status.SUBMITTED, published_at=None)
    client.force_login(moderator)
    page = client.get(reverse("jobs_admin_review", args=[posting.pk])).content.decode()
    assert "此前没有通过或驳回过的版本" in page and "暂无：这是该岗位的首次审核。" in page


def test_a_decision_on_a_version_the_moderator_did_not_see_is_refused(client, member, moderator):
    posting = saved_through_the_site(member)
    services.submit_posting(posting, member.user)
    client.force_login(moderator)
    seen = client.get(reverse("jobs_admin_review", args=[posting.pk])).context["version"]
    posting.description = "负责日常账务处理和报销。"
    services.save_posting(posting, member.user, submit=True)
    response = client.post(reverse("jobs_admin_review", args=[posting.pk]), {"action": "approve", "version": seen})
    assert response.status_code == 409
    posting.refresh_from_db()
    assert posting.status == Status.SUBMITTED
    with pytest.raises(Conflict):
        services.reject_posting(posting, moderator, "理由", seen=seen)


def test_review_shows_verification_and_the_employers_record(client, member, moderator):
    employer = member.employer
    JobPostingFactory(employer=employer)  # approved and online
    JobPostingFactory(employer=employer, status=Status.CLOSED)  # approved once, closed since
    JobPostingFactory(employer=employer, status=Status.REJECTED, published_at=None)
    rejected_then_fixed = JobPostingFactory(employer=employer, status=Status.SUBMITTED, published_at=None)
    services.reject_posting(rejected_then_fixed, moderator, "薪资写错了")
    rejected_then_fixed.status = Status.SUBMITTED
    rejected_then_fixed.save()
    JobPostingFactory(status=Status.REJECTED, published_at=None)  # another employer's
    assert moderation.employer_history(employer) == {"total": 4, "approved": 2, "rejected": 2, "live": 1}

    client.force_login(moderator)
    page = client.get(reverse("jobs_admin_review", args=[rejected_then_fixed.pk])).content.decode()
    assert re.search(r'data-count="approved">2<', page) and re.search(r'data-count="rejected">2<', page)
    assert "已认证用人单位" in page
    employer.verification_status = employer.Verification.UNVERIFIED
    employer.save()
    assert "未认证" in client.get(reverse("jobs_admin_review", args=[rejected_then_fixed.pk])).content.decode()


def test_the_review_page_answers_in_a_fixed_number_of_queries(client, member, moderator, django_assert_max_num_queries):
    posting = saved_through_the_site(member)
    services.submit_posting(posting, member.user)
    services.reject_posting(posting, moderator, "请补充")
    posting.refresh_from_db()
    posting.status = Status.SUBMITTED
    posting.save()
    for _ in range(5):
        JobPostingFactory(employer=member.employer)
    client.force_login(moderator)
    with django_assert_max_num_queries(40):
        assert client.get(reverse("jobs_admin_review", args=[posting.pk])).status_code == 200


def test_the_diff_labels_changes_in_words_not_colour_only():
    with translation.override("en"):
        html = moderation.inline_diff("Accountant, men preferred.", "Accountant, all welcome.")
    assert '<del class="diff-del"><span class="diff-label">[removed:]</span>men preferred</del>' in html
    assert '<ins class="diff-ins"><span class="diff-label">[added:]</span>all welcome</ins>' in html
    assert str(moderation.inline_diff("<b>x</b>", "<b>y</b>")).count("<b>") == 0


# ---------------------------------------------------------------- rejection reasons, approvals held back


def test_a_rejection_needs_a_reason_and_she_sees_it(client, member, moderator):
    posting = JobPostingFactory(employer=member.employer, status=Status.SUBMITTED, published_at=None)
    with pytest.raises(ServiceError) as refused:
        services.reject_posting(posting, moderator, "   ")
    assert refused.value.code == "comment_required"
    moderator_client = Client()
    moderator_client.force_login(moderator)
    page = moderator_client.get(reverse("jobs_admin_review", args=[posting.pk])).content.decode()
    assert re.search(r'<textarea name="comment"[^>]*required', page)
    moderator_client.post(reverse("jobs_admin_review", args=[posting.pk]), {"action": "reject", "comment": ""})
    posting.refresh_from_db()
    assert posting.status == Status.SUBMITTED

    services.reject_posting(posting, moderator, "请删除对年龄的要求。")
    page = client.get(reverse("jobs:employer_posting", args=[posting.pk])).content.decode()
    assert "未通过" in page and "请删除对年龄的要求。" in page
    # Still shown while she reworks it as a draft.
    posting.refresh_from_db()
    client.post(reverse("jobs:employer_edit", args=[posting.pk]), form_of(posting, description="新的描述。", draft="1"))
    page = client.get(reverse("jobs:employer_posting", args=[posting.pk])).content.decode()
    assert "上次未通过的原因" in page and "请删除对年龄的要求。" in page


def test_approval_of_a_posting_the_check_now_flags_sends_it_back(member, moderator, mailoutbox,
                                                                 django_capture_on_commit_callbacks):
    posting = JobPostingFactory(employer=member.employer, status=Status.SUBMITTED, published_at=None,
                                description="要求身高一米七以上。")
    DiscriminatoryPhrase.objects.create(phrase="身高一米七", category="gender")
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Conflict):
        services.approve_posting(posting, moderator)
    posting.refresh_from_db()
    assert posting.status == Status.NEEDS_CHANGES and not posting.is_visible()
    assert any("第四十三条" in message.body and posting.title in message.body for message in mailoutbox)
