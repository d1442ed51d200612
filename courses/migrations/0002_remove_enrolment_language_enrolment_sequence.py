from django.db import migrations, models


def carry_language_to_users(apps, schema_editor):
    """Messages now follow User.language: keep the language of her latest enrolment."""
    Enrolment = apps.get_model("courses", "Enrolment")
    User = apps.get_model("accounts", "User")
    latest = {}
    for user_id, language in Enrolment.objects.order_by("created_at", "pk").values_list("user_id", "language"):
        latest[user_id] = language
    for language in set(latest.values()):
        User.objects.filter(pk__in=[pk for pk, lang in latest.items() if lang == language]).update(language=language)


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0002_user_language"),
        ("courses", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(carry_language_to_users, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="enrolment",
            name="language",
        ),
        migrations.AddField(
            model_name="enrolment",
            name="sequence",
            field=models.PositiveSmallIntegerField(default=0),
        ),
    ]
