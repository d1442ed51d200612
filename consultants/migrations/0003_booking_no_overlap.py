"""Two bookings of one consultant that occupy time never overlap: a PostgreSQL
exclusion constraint over tstzrange(start, end). SQLite has no such constraint,
so there the operation does nothing and the booking service's locked
transaction is the guard. Kept out of Meta.constraints so that makemigrations
stays clean on both databases."""

from django.db import migrations

CREATE = [
    # btree_gist lets a GiST index compare consultant_id with "=".
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    """ALTER TABLE consultants_booking ADD CONSTRAINT consultants_booking_no_overlap
       EXCLUDE USING gist (consultant_id WITH =, tstzrange("start", "end", '[)') WITH &&)
       WHERE (status <> 'cancelled')""",
]
DROP = ["ALTER TABLE consultants_booking DROP CONSTRAINT IF EXISTS consultants_booking_no_overlap"]


def on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("consultants", "0002_specialties")]
    operations = [migrations.RunPython(on_postgresql(CREATE), on_postgresql(DROP))]
