"""Text that a spreadsheet would run as a formula is written as text (CSV injection, as OWASP advises).

A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula to Excel,
LibreOffice and Google Sheets when a CSV file is opened; a leading ``'`` makes it text again. Only
CSV gets this: JSON and GeoJSON keep their values, and Wagtail's XLSX export already stores text as text.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: The first character of a CSV file: Excel reads the file as UTF-8 only when it starts with one (else ş, ı, å break).
BYTE_ORDER_MARK = "\ufeff"


def as_text_cell(value):
    """``value`` for a CSV cell: strings a spreadsheet would take for a formula start with ``'``."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
