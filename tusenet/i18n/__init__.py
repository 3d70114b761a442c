"""Languages: fallbacks between the trees, the language of a request, readable slugs, the admin's catalogues."""
