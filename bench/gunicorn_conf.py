"""gunicorn settings for the bench server: Django's request errors go to the server log.

With DEBUG off, Django only mails a 500's traceback to the admins; the bench prints the log when
something fails, so it must hold the traceback.
"""

import logging


def post_worker_init(worker):
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("[%(process)d] %(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    logger.setLevel(logging.ERROR)
