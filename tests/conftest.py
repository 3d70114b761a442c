import pytest
from django.core.cache import cache
from django.core.management import call_command

from . import migrated_rows


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database, and a copy of its migrated rows for transactional tests to put back."""
    with django_db_blocker.unblock():
        migrated_rows.take_snapshot()


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty page cache: pages cached by another test's data never leak in."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def seed_data(db):
    """The real partnership data from partnerships/data (no pages)."""
    from partnerships.loading.data import load_partnership_data

    return load_partnership_data()


@pytest.fixture
def admin_client_logged_in(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.com", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def full_site(db):
    """The complete Tusenet content, exactly as `make run` loads it."""
    call_command("load_tusenet", verbosity=0, stdout=open("/dev/null", "w"))


@pytest.fixture(scope="module")
def loaded_content(django_db_setup, django_db_blocker):
    """The complete content, loaded once for a test module and rolled back after it."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic(), open("/dev/null", "w") as devnull:
        call_command("load_tusenet", stdout=devnull)
        yield
        transaction.set_rollback(True)
