"""Fragments of pages kept in Django's cache until the site's content changes (``fragments``, ``content_version``)."""
