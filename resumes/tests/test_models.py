from django.urls import reverse

from ..models import Resume, ResumeEntry

# What an employer may not ask about (《妇女权益保障法》第四十三条) or the portal does not collect.
FORBIDDEN_WORDS = ["marri", "marital", "child", "kid", "photo", "picture", "avatar", "height", "weight",
                   "ethnic", "nation", "id_number", "identity", "id_card", "age", "birth", "gender", "sex"]


def test_the_resume_has_no_field_for_what_employers_may_not_ask():
    for model in (Resume, ResumeEntry):
        names = [field.name for field in model._meta.get_fields()]
        offending = [name for name in names for word in FORBIDDEN_WORDS
                     if word in name.lower() and name not in {"languages"}]
        assert offending == [], (model.__name__, offending)
    # A sanity check that the test looks at the real fields.
    assert "school" in [field.name for field in Resume._meta.get_fields()]


def test_the_form_page_says_why(client, seeker):
    client.force_login(seeker)
    page = client.get(reverse("resumes:edit")).content.decode()
    assert 'id="why-no-personal-fields"' in page
    assert "第四十三条" in page and "婚育" in page
