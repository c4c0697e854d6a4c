"""CI runs the suite on each database it supports; this proves which one actually ran."""

import os

from django.db import connection

import pytest


@pytest.mark.skipif(
    "EXPECT_DB_VENDOR" not in os.environ, reason="EXPECT_DB_VENDOR is set only by CI's runs"
)
def test_suite_runs_on_the_database_ci_asked_for(db):
    # A PostgreSQL run that silently fell back to SQLite would otherwise pass unnoticed.
    assert connection.vendor == os.environ["EXPECT_DB_VENDOR"]
