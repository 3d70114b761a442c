"""The production settings as a server started with a given environment has them."""

import importlib
import json
import os
import secrets
import subprocess
import sys
import textwrap
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

from django.conf import global_settings

REPO = Path(__file__).resolve().parent.parent

#: A minimal production environment: the two values production refuses to start without.
BASIC = {"SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "tusenet.example"}

#: Not passed on: the test's own settings, the browser tests' async switch (a deploy check refuses it) and the
#: local address `make test` exports (production must work out its own).
LEFT_OUT = (
    "DJANGO_SETTINGS_MODULE",
    "REDIS_URL",
    "FRAGMENT_CACHE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "WAGTAILADMIN_BASE_URL",
)

#: The modules the settings are made of, each of which reads the environment when imported.
SETTINGS_MODULES = (
    "tusenet.settings.production",
    "tusenet.settings.dev",
    "tusenet.settings.base",
    "tusenet.settings.scale_out",
)


def production_environment(environment, module="tusenet.settings.production"):
    """The test process's environment without its own settings, plus ``environment``."""
    return {
        **{name: value for name, value in os.environ.items() if name not in LEFT_OUT},
        "DJANGO_SETTINGS_MODULE": module,
        **environment,
    }


def run_in_production(code, **environment):
    """Run Python code in a new process set up with the production settings; its JSON output.

    For what needs Django itself set up that way (system checks, static files); settings alone are read
    in this process with ``production_settings``, which is much quicker.
    """
    script = "import django, json\ndjango.setup()\n" + textwrap.dedent(code)
    env = production_environment(environment)
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@contextmanager
def _fresh_settings_modules(environment):
    """The settings modules imported anew under ``environment``; the process's own put back afterwards."""
    package = importlib.import_module("tusenet.settings")
    saved_modules = {name: sys.modules.pop(name) for name in SETTINGS_MODULES if name in sys.modules}
    saved_attributes = {name: getattr(package, name.rpartition(".")[2], None) for name in SETTINGS_MODULES}
    saved_environment = dict(os.environ)
    os.environ.clear()
    os.environ.update(environment)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved_environment)
        for name in SETTINGS_MODULES:
            sys.modules.pop(name, None)
            if saved_attributes[name] is not None:
                setattr(package, name.rpartition(".")[2], saved_attributes[name])
        sys.modules.update(saved_modules)


def production_settings(**environment):
    """The settings ``tusenet.settings.production`` gives with this environment, read without starting Django."""
    return settings_of("tusenet.settings.production", environment)


def settings_of(name, environment):
    """The settings the module ``name`` gives with this environment, read without starting Django.

    The settings modules are plain Python that read the environment when imported: they are imported afresh
    with the environment a server would have, so a missing secret raises here as it would there.
    """
    with _fresh_settings_modules(production_environment(environment, name)):
        module = importlib.import_module(name)
    # As django.conf.Settings reads them: Django's defaults, overridden by the module's upper-case names.
    defaults = {name: getattr(global_settings, name) for name in dir(global_settings) if name.isupper()}
    return SimpleNamespace(**defaults | {name: value for name, value in vars(module).items() if name.isupper()})
