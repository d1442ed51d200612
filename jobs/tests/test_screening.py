"""The anti-discrimination check on real-world-style adverts, flagged and clean."""

import pytest

from jobs.models import DiscriminatoryPhrase
from jobs.screening import highlight, scan_posting, scan_text

# (advert text, categories that must be found); an empty set means it must pass clean.
ADVERTS = [
    ("招聘行政专员1名，限男性，能适应出差。", {"gender"}),
    ("销售经理：男性优先，有驾照。", {"gender"}),
    ("仓库管理员，仅招男生，包吃住。", {"gender"}),
    ("前台文员，已婚已育优先，工作稳定。", {"marriage"}),
    ("要求：未婚，年龄22-26岁。", {"marriage"}),
    ("请在简历中注明婚育情况。", {"marriage"}),
    ("入职体检含孕检。", {"pregnancy"}),
    ("签约后入职后两年内不得生育。", {"marriage"}),
    ("Warehouse assistant, male only, night shifts.", {"gender"}),
    ("Sales representative. Men preferred.", {"gender"}),
    ("性别：男，年龄35岁以下。", {"gender"}),
    ("技术员 男士优先 五险一金", {"gender"}),
    ("面试时需说明婚姻状况及生育计划。", {"marriage"}),
    ("只招男性，女性勿扰。", {"gender"}),
    ("入职需提供妊娠检查报告。", {"pregnancy"}),
    ("Applicants must state their marital status.", {"marriage"}),
    ("A pregnancy test is part of the medical check.", {"pregnancy"}),
    ("男 性 优 先，有经验者待遇从优。", {"gender"}),
    ("ＭＡＬＥ ＯＮＬＹ for this position.", {"gender"}),
    ("限女性，形象气质佳。", {"gender"}),
    ("婚否：＿＿ 是否有孩子：＿＿", {"marriage"}),
    ("试用期内不得怀孕。", {"marriage"}),
    # Clean adverts, including positive mentions of women and family benefits.
    ("我们是女性友好企业，欢迎应届女大学生投递。", set()),
    ("福利：五险一金，产假、育儿假按国家规定，另享婚假。", set()),
    ("公司提供生育保险和哺乳室，支持员工平衡家庭与工作。", set()),
    ("岗位要求：本科及以上学历，男女不限，会计相关专业。", set()),
    ("性别不限，能熟练使用 Excel。", set()),
    ("Women are warmly encouraged to apply; maternity leave beyond the legal minimum.", set()),
    ("We offer flexible hours and parental leave for all parents.", set()),
    ("女职工权益保障到位，设有妇女委员会。", set()),
    ("本岗位需要良好的沟通能力，女性员工占比60%。", set()),
    ("幼儿园教师：热爱幼教事业，有教师资格证者优先。", set()),
    ("Requirements: a bachelor's degree; we are an equal opportunity employer.", set()),
    ("招聘男女各一名，要求男女比例均衡的团队氛围。", set()),
]


@pytest.mark.parametrize(("text", "expected"), ADVERTS, ids=[text[:12] for text, _ in ADVERTS])
def test_adverts_are_flagged_or_pass(text, expected):
    found = {finding.category for finding in scan_text(text)}
    assert found == expected


def test_at_least_thirty_adverts_with_both_outcomes():
    assert len(ADVERTS) >= 30
    assert sum(1 for _, expected in ADVERTS if expected) >= 15
    assert sum(1 for _, expected in ADVERTS if not expected) >= 10


def test_finding_points_at_the_original_text():
    text = "招聘：男 性 优 先，待遇面议"
    (finding,) = scan_text(text)
    assert text[finding.start:finding.end] == finding.phrase == "男 性 优 先"


def test_highlight_escapes_and_marks():
    text = "<b>限男性</b>"
    html = highlight(text, scan_text(text))
    assert "<b>" not in html
    assert '<mark class="flagged" title="gender">限男性</mark>' in html


@pytest.mark.django_db
def test_editors_extend_the_phrase_list():
    class Posting:
        title = "店员"
        description = "要求身高一米七以上，形象佳。"
        requirements = benefits = how_to_apply = ""

    assert scan_posting(Posting()) == []
    DiscriminatoryPhrase.objects.create(phrase="身高一米七", category="gender")
    assert [f.phrase for f in scan_posting(Posting())] == ["身高一米七"]
    DiscriminatoryPhrase.objects.update(active=False)
    assert scan_posting(Posting()) == []
