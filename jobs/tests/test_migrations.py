"""The migration from the boolean `verified` to a verification state keeps verified
employers verified, and going back keeps them too."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("jobs", "0001_initial")]
AFTER = [("jobs", "0002_employer_verification")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_verified_employers_stay_verified_both_ways():
    try:
        old = migrate(BEFORE).get_model("jobs", "Employer")
        old.objects.create(name="已认证单位", industry="it", verified=True)
        old.objects.create(name="未认证单位", industry="it", verified=False)

        new = migrate(AFTER).get_model("jobs", "Employer")
        states = dict(new.objects.values_list("name", "verification_status"))
        assert states == {"已认证单位": "verified", "未认证单位": "unverified"}
        verified = new.objects.get(name="已认证单位")
        assert verified.reviewed_at == verified.created_at and verified.credit_code is None

        back = migrate(BEFORE).get_model("jobs", "Employer")
        assert dict(back.objects.values_list("name", "verified")) == {"已认证单位": True, "未认证单位": False}
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
