"""Browser tests (Playwright driving Debian's Chromium)."""

from pathlib import Path

#: Screenshots the browser tests keep for a person to look at (the tests check what they measure themselves).
SCREENSHOTS = Path(__file__).resolve().parent.parent.parent / ".test-screenshots"
