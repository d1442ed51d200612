from django.db import migrations

CODES = ["psychology", "education", "law", "career"]


def create_specialties(apps, schema_editor):
    Specialty = apps.get_model("consultants", "Specialty")
    for code in CODES:
        Specialty.objects.get_or_create(code=code)


class Migration(migrations.Migration):
    dependencies = [("consultants", "0001_initial")]
    operations = [migrations.RunPython(create_specialties, migrations.RunPython.noop)]
