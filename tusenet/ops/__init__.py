"""Running the site: health, backups, system checks, security headers and the database and cache connections."""
