"""The modules here share one load of the whole site per module (``site``), served by the live server.

See ``site.py``: pytest-django's ``transactional_db`` would empty the database after every test,
so it is replaced here, and ``site`` empties it once, after the module.
"""

import pytest

from .site import served_site


@pytest.fixture(scope="module")
def site(django_db_setup, live_server, django_db_blocker):
    with served_site(live_server, django_db_blocker) as served:
        yield served


@pytest.fixture
def transactional_db(django_db_blocker):
    """pytest-django's would empty the database after each test; ``site`` does it once, after the module."""
    with django_db_blocker.unblock():
        yield
