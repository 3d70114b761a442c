"""A database made by an earlier ``make run`` migrates and serves the same pages with today's code.

The database (``tests/upgrade/``) was made before the machinery moved out of ``partnerships`` into
``tusenet/``: the real content, an editor's published change and a translator's Swedish page.
"""

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.upgrade, pytest.mark.xdist_group("upgrade")]

UPGRADE = Path(__file__).resolve().parent / "upgrade"
ROOT = UPGRADE.parent.parent
OLD = json.loads((UPGRADE / "old_pages.json").read_text())


def run(database, *args):
    """Run one of the project's commands on the old database with the development settings of ``make run``."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tusenet.settings.dev",
        "DATABASE_URL": f"sqlite:///{database}",
        "REDIS_URL": "",
    }
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=True)


@pytest.fixture(scope="module")
def upgraded_database(tmp_path_factory):
    """The old database, migrated by today's code."""
    database = tmp_path_factory.mktemp("upgrade") / "db.sqlite3"
    with gzip.open(UPGRADE / "old_database.sqlite3.gz") as compressed:
        database.write_bytes(compressed.read())
    run(database, "manage.py", "migrate", "--no-input")
    run(database, "manage.py", "migrate", "--check")
    return database


@pytest.fixture(scope="module")
def upgraded_answers(upgraded_database):
    """Today's code answers each address the old code served."""
    return json.loads(run(upgraded_database, str(UPGRADE / "make_old_database.py"), "--answers").stdout)


def test_every_page_the_old_code_served_is_served_the_same(upgraded_answers):
    assert len(OLD["pages"]) > 100
    assert upgraded_answers == OLD["pages"]


def test_the_editors_change_and_the_translators_page_survive(upgraded_answers):
    edited = [address for address, answer in upgraded_answers.items() if answer["shows_the_edit"]]
    assert edited == ["/en/about-tusenet/"]
    assert OLD["swedish_translation"] in upgraded_answers
    heading = upgraded_answers[OLD["swedish_translation"]]["heading"]
    assert heading.endswith(OLD["swedish_mark"].strip())


def test_the_moderation_workflow_is_renamed_into_the_admins_three_languages(upgraded_database):
    from tusenet.editorial.roles import MODERATION_WORKFLOW

    query = (
        "import json; from wagtail.models import Task, Workflow; "
        "print(json.dumps([list(model.objects.values_list('name', flat=True)) for model in (Workflow, Task)]))"
    )
    output = run(upgraded_database, "manage.py", "shell", "-c", query).stdout.strip().splitlines()[-1]
    assert json.loads(output) == [[MODERATION_WORKFLOW], [MODERATION_WORKFLOW]]
