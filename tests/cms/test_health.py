"""`/health/` checks the database, the shared cache and the search index, each for real: a part
that cannot answer turns the answer into 503 and is named, without the reason."""

import pytest


def test_a_healthy_site_answers_200_and_names_each_part(client, db):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "search": "ok", "tasks": "ok"},
    }
    assert "no-store" in response["Cache-Control"]  # a monitor must never read a cached answer


def test_an_unreachable_cache_is_named(client, db, settings):
    # A Redis server where none listens (port 1): the real client's real connection error.
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        },
    }
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"] == {
        "database": "ok",
        "cache": "error",
        "search": "ok",
        "tasks": "ok",
    }


def test_an_unusable_search_index_is_named_without_the_reason(client, db, settings, tmp_path):
    in_the_way = tmp_path / "not-a-folder"
    in_the_way.write_text("a file where the index should be")
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "modelsearch_whoosh", "PATH": in_the_way}
    }
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"]["search"] == "error"
    assert "not-a-folder" not in response.content.decode()


def test_no_database_is_named(client):
    # This test is not granted the database: every query fails, as with the server down.
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "error"


@pytest.mark.django_db
def test_only_get(client):
    assert client.post("/health/").status_code == 405


@pytest.mark.django_db
def test_a_queue_no_worker_empties_is_named(client, settings):
    from datetime import timedelta

    from django.utils import timezone

    from django_tasks_db.models import DBTaskResult

    from cms.background.jobs import purge_search_index

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    purge_search_index.enqueue()
    assert client.get("/health/").json()["checks"]["tasks"] == "ok"  # just queued
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=11))
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"]["tasks"] == "error"
