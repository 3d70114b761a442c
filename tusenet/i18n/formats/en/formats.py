"""English dates in the day-month order Sweden and Turkey read (3 Dec 2026, 14:37), not the US 12/03/2026 2:37 p.m."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
TIME_FORMAT = "H:i"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
