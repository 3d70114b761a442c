"""The code's rooms and arrows hold: the import contracts of pyproject.toml, no private names outside ``patches``."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: ``_meta`` is Django's documented Model _meta API (docs.djangoproject.com/en/stable/ref/models/meta/).
PUBLIC_UNDERSCORE_NAMES = {"_meta"}


def test_the_packages_import_each_other_only_in_the_documented_directions():
    lint = subprocess.run(
        [Path(sys.executable).parent / "lint-imports", "--no-cache"], cwd=ROOT, capture_output=True, text=True
    )
    assert lint.returncode == 0, lint.stdout + lint.stderr
    assert "0 broken" in lint.stdout


def test_private_names_of_other_code_appear_only_in_the_patches_module():
    found = []
    for path in sorted([*ROOT.glob("partnerships/**/*.py"), *ROOT.glob("tusenet/**/*.py")]):
        if path.name == "patches.py":
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            names = set(re.findall(r"\.(_[a-z]\w*)", line)) - PUBLIC_UNDERSCORE_NAMES
            if names:
                found.append(f"{path.relative_to(ROOT)}:{number}: {sorted(names)}")
    assert found == []
