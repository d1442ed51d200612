"""Give Wagtail's Editors and Moderators groups their jobs permissions.

Editors manage employers, postings and the phrase list and move applications
along; only Moderators (and superusers) approve postings."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_PERMISSIONS = [
    "add_employer", "change_employer", "view_employer", "delete_employer",
    "add_employermember", "change_employermember", "view_employermember", "delete_employermember",
    "add_jobposting", "change_jobposting", "view_jobposting",
    "add_discriminatoryphrase", "change_discriminatoryphrase", "view_discriminatoryphrase",
    "delete_discriminatoryphrase",
    "change_application", "view_application",
]
MODERATOR_PERMISSIONS = EDITOR_PERMISSIONS + ["moderate_jobposting"]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    app_config = apps.get_app_config("jobs")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, codenames in (("Editors", EDITOR_PERMISSIONS), ("Moderators", MODERATOR_PERMISSIONS)):
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="jobs", codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
