"""The audited modules share the real content and one set of addresses per module (``site``)."""

import pytest

from .site import served_site


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker, loaded_site):
    with served_site(loaded_site, django_db_blocker) as served:
        yield served
