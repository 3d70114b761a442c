"""Editorial work in the admin: roles, moderation of translations, translation status and safe PO uploads."""
