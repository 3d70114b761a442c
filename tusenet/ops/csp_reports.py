"""Where browsers report what the Content-Security-Policy blocked: each report becomes one log line.

Every policy names this address (``report-uri``). A report is small JSON about a page of this site
(``application/csp-report``, or the Reporting API's ``application/reports+json`` list); anything else
is a 400, and the request size limit (``request_size``) keeps bodies to 64 KB. Fields are cut short
before they are logged: a report's contents come from whoever sends it.
"""

import json
import logging

from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

logger = logging.getLogger("tusenet.csp")

#: The fields of a report that are logged, each cut to ``LONGEST_FIELD`` characters.
FIELDS = ("document-uri", "documentURL", "violated-directive", "effectiveDirective", "blocked-uri", "blockedURL")
LONGEST_FIELD = 200


def violations(payload):
    """The violations of a report body: one (``csp-report``) or a Reporting API list."""
    if isinstance(payload, dict) and isinstance(payload.get("csp-report"), dict):
        return [payload["csp-report"]]
    if isinstance(payload, list):
        found = [item["body"] for item in payload if isinstance(item, dict) and isinstance(item.get("body"), dict)]
        if found:
            return found
    raise ValueError("not a CSP report")


@csrf_exempt
@require_POST
def csp_report(request):
    try:
        found = violations(json.loads(request.body))
    except ValueError:
        return HttpResponseBadRequest("Not a CSP violation report.", content_type="text/plain")
    for violation in found:
        fields = {name: str(violation[name])[:LONGEST_FIELD] for name in FIELDS if name in violation}
        logger.warning("CSP violation: %s", json.dumps(fields, ensure_ascii=False))
    return HttpResponse(status=204)
