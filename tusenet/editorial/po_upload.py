"""A PO upload for offline translators that never fails half-way or with a server error.

wagtail-localize's own upload view answers a missing file or a PO file without its
translation header with a server error, and imports whatever part of a file matches.
This view, mounted at the same address, checks the whole file first: it must be a
readable PO file, made for this translation, whose entries all belong to this
page's current texts. Then it imports everything in one transaction, or nothing.
Obsolete entries (the texts the page had before, which wagtail-localize's download
keeps, marked ``#~``) are left out: only the page's current texts are imported.
"""

import polib
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail_localize.models import StringSegment, Translation
from wagtail_localize.views.edit_translation import user_can_edit_instance

#: A PO file of one page is a few kilobytes; anything far larger is not one.
MAX_PO_FILE_SIZE = 2 * 1024 * 1024


class UnusableFile(Exception):
    """Why an uploaded file cannot be imported, in words for the translator."""


def read_po_file(upload, translation):
    """The parsed PO file, if it is one for ``translation``'s current texts; else ``UnusableFile``."""
    if upload is None:
        raise UnusableFile(_("Choose a PO file to upload."))
    if upload.size > MAX_PO_FILE_SIZE:
        raise UnusableFile(_("This file is too large to be a PO file of one page."))
    try:
        text = upload.read().decode("utf-8")
        po = polib.pofile(text) if "\n" in text else None
    except (UnicodeDecodeError, OSError, ValueError, IndexError):
        po = None
    if po is None or not po.metadata:
        raise UnusableFile(_("Please upload a valid PO file."))
    if po.metadata.get("X-WagtailLocalize-TranslationID") != str(translation.uuid):
        raise UnusableFile(_("This PO file was made for another translation: download the file of this page again."))
    current = {
        (segment.context.path, segment.string.data)
        for segment in StringSegment.objects.filter(source=translation.source).select_related("context", "string")
    }
    for entry in po.obsolete_entries():
        po.remove(entry)
    unknown = [entry for entry in po if (entry.msgctxt, entry.msgid) not in current]
    if unknown:
        raise UnusableFile(
            _("This PO file does not match the current texts of the page (for example “%(text)s”): download it again.")
            % {"text": unknown[0].msgid[:80]}
        )
    return po


@require_POST
def upload_pofile(request, translation_id):
    translation = get_object_or_404(Translation, id=translation_id)
    if not user_can_edit_instance(request.user, translation.get_target_instance()):
        raise PermissionDenied
    try:
        po = read_po_file(request.FILES.get("file"), translation)
    except UnusableFile as reason:
        messages.error(request, str(reason))
    else:
        with transaction.atomic():
            translation.import_po(po, user=request.user, tool_name="PO File")
        messages.success(request, _("Successfully imported translations from PO File."))
    return redirect(get_valid_next_url_from_request(request) or reverse("wagtailadmin_home"))
