"""Who reaches what: every role against every admin and API address, for objects it may and may not touch.

One row per address and object; one column per role (tusenet/editorial/roles.py). A cell is
what that role's request means, not just a number:

- ``200``: the page, form or file itself;
- ``302``: a redirect elsewhere in the admin: a POST done, the explorer sending a translator
  to their own language's tree, or "add a child page" going straight to the one page type
  that may be added there;
- ``login``: a redirect to a sign-in page;
- ``denied``: Wagtail's refusal, a redirect to the dashboard with "Sorry, you do not have
  permission to access this area.";
- ``201``: created (a link override saved through the translation editor's JSON API);
- ``403`` / ``404``: Forbidden (the translation editor's JSON API) / not found;
- ``empty``: a chooser that opens but lists nothing the role may not use.

Two kinds of rows:

- ``MATRIX``: addresses whose permission is ours, or that one of our roles could misuse (pages per
  language tree, revisions, workflow actions, wagtail-localize, images and documents, partnership
  data, reports, the public API). Each row becomes one test per role, e.g.
  ``tr_translator-edit-en_page-denied``.
- ``CORE_VIEWS``: Wagtail's own admin for users, groups, sites, locales, workflows, collections,
  redirects and the account page, where our roles are simply refused (or, for the account, simply
  let in). Wagtail's tests cover these views; here each is one test that asks every role in turn,
  plus a superuser (who must get the page, so that a refusal is not a broken address), and names
  every role whose answer is wrong.

Every role signs in once for the module (``sessions``); each request comes from a fresh client
carrying that role's session cookie, so no cookie (messages, language) leaks from one cell to the
next. The objects are the real content (``load_tusenet``): the About page in English, Turkish and
Swedish, their wagtail-localize translations, a Turkish page waiting for a moderator, an image,
documents in a public and two private collections, one record of each kind of partnership data, a
user and a group.
"""

import io
import re
from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse
from django.utils.text import slugify
from PIL import Image as PillowImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection, CollectionViewRestriction, Locale, Page
from wagtail_localize.models import OverridableSegment, StringSegment, Translation, TranslationSource

from partnerships.models import Association, Module, Municipality, Network, StandardPage, WorkingArea
from tusenet.editorial import moderation

from .factories import UserFactory

pytestmark = pytest.mark.django_db

ROLES = {
    "anonymous": None,
    "tr_translator": "Turkish translators",
    "sv_translator": "Swedish translators",
    "editor": "Editors",
    "data_admin": "Data admins",
    "moderator": "Moderators",
}
#: Only in ``CORE_VIEWS``: the one who must get Wagtail's own admin pages.
SUPERUSER = "superuser"
OK, DONE, LOGIN, DENIED, FORBIDDEN, MISSING, EMPTY = "200", "302", "login", "denied", "403", "404", "empty"
CREATED = "201"


@dataclass
class Objects:
    """The objects the rows refer to by name, and a signed-in user per role."""

    named: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)

    def __getitem__(self, name):
        return self.named[name]


def english_about():
    return StandardPage.objects.get(locale__language_code="en", slug="about-tusenet")


def uploaded_image():
    buffer = io.BytesIO()
    PillowImage.new("RGB", (64, 48), (0, 90, 140)).save(buffer, format="PNG")
    return Image.objects.create(title="Access test image", file=ImageFile(buffer, name="access.png"))


def document_in(collection, title):
    return Document.objects.create(
        title=title, collection=collection, file=ContentFile(b"Tusenet\n", name=f"{slugify(title)}.txt")
    )


def private_collection(name, restriction_type, groups=()):
    collection = Collection.get_first_root_node().add_child(name=name)
    restriction = CollectionViewRestriction.objects.create(collection=collection, restriction_type=restriction_type)
    restriction.groups.set(Group.objects.filter(name__in=groups))
    return collection


@pytest.fixture(scope="module")
def objects(loaded_content, django_db_blocker):
    """Build the named objects once for the module (rolled back with ``loaded_content``)."""
    with django_db_blocker.unblock():
        found = Objects()
        found.users = {role: UserFactory(role=group) for role, group in ROLES.items() if group}
        found.users[SUPERUSER] = get_user_model().objects.create_superuser("access-matrix-superuser", "", None)
        english = english_about()
        # A link, so that the translations have an address to override (wagtail-localize's link overrides).
        english.body += '<p><a href="https://skr.se/">SKR</a></p>'
        english.save_revision(user=found.users["editor"]).publish()
        source = TranslationSource.objects.get_for_instance(english)
        source.update_from_db()
        for code in ("en", "tr", "sv"):
            page = english.get_translation(Locale.objects.get(language_code=code)).specific
            page.save_revision(user=found.users["editor"])  # a draft after the live revision: two to compare
            found.named[f"{code}_page"] = page
            found.named[f"{code}_home"] = page.get_parent().specific
            if code != "en":
                found.named[f"{code}_translation"] = Translation.objects.get(source=source, target_locale=page.locale)
        found.named["en_source"] = source
        waiting = Page.objects.get(
            translation_key=Network.objects.get(number=2).pages.get(locale__language_code="en").translation_key,
            locale__language_code="tr",
        )
        found.named["tr_waiting"] = moderation.submit_for_approval(waiting, found.users["tr_translator"])
        found.named["image"] = uploaded_image()
        root = Collection.get_first_root_node()
        found.named["document"] = document_in(root, "Partnership brochure")
        found.named["login_document"] = document_in(
            private_collection("Signed-in only", CollectionViewRestriction.LOGIN), "Internal"
        )
        found.named["editors_document"] = document_in(
            private_collection("Editors only", CollectionViewRestriction.GROUPS, groups=["Editors", "Moderators"]),
            "Editorial",
        )
        for model in (Municipality, Association, Network, Module):
            found.named[model._meta.model_name] = model.objects.order_by("pk").first()
        # A translation: deleting an English working area that has translations is refused outright.
        found.named["workingarea"] = WorkingArea.objects.filter(locale__language_code="tr").order_by("pk").first()
        found.named["user"] = found.users["editor"]
        found.named["group"] = Group.objects.get(name="Editors")
        return found


@pytest.fixture(scope="module")
def sessions(objects, django_db_blocker):
    """Role → the session cookie of that role signed in once for the module (rolled back with it)."""
    with django_db_blocker.unblock():
        cookies = {}
        for role, user in objects.users.items():
            client = Client()
            client.force_login(user)
            cookies[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
        return cookies


def client_as(role, sessions):
    """A fresh client, signed in as ``role`` (anonymous: no session)."""
    client = Client()
    if role in sessions:
        client.cookies[settings.SESSION_COOKIE_NAME] = sessions[role]
    return client


# --- Addresses: name → (HTTP method, how to build the address from the object, what to send) ---------------


def revisions(page):
    """The page's first revision (the live one) and its latest (the fixture's draft)."""
    ordered = page.revisions.order_by("created_at", "pk")
    return ordered.first(), ordered.last()


def page_view(view, *, extra=lambda page, o: []):
    """An admin page view's address: ``/admin/pages/<id>/<view>/`` plus ``extra`` arguments."""
    return lambda page, o: reverse(f"wagtailadmin_pages:{view}", args=[page.pk, *extra(page, o)])


def new_standard_page(view):
    """The address to add (or preview adding) a standard page below a page."""
    return lambda page, o: reverse(f"wagtailadmin_pages:{view}", args=["partnerships", "standardpage", page.pk])


def first_revision(page, o):
    return [revisions(page)[0].pk]


def both_revisions(page, o):
    return [revision.pk for revision in revisions(page)]


def english_revision(page, o):
    return [revisions(o["en_page"])[0].pk]


def current_task(action):
    """The address of a workflow action on the page's current task."""

    def build(page, o):
        page.refresh_from_db()
        state = page.current_workflow_task_state
        if action == "preview":
            return reverse("wagtailadmin_pages:workflow_preview", args=[page.pk, state.task_id])
        return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, state.pk])

    return build


def localize(view):
    return lambda obj, o: reverse(f"wagtail_localize:{view}", args=[obj.pk])


def localize_snippet(view):
    """A wagtail-localize address for one record of partnership data."""
    return lambda record, o: reverse(
        f"wagtail_localize:{view}", args=["partnerships", record._meta.model_name, record.pk]
    )


def first_override(translation, o):
    segment = OverridableSegment.objects.filter(source=translation.source).order_by("order").first()
    return reverse("wagtail_localize:edit_override", args=[translation.pk, segment.pk])


def first_string(translation, o):
    segment = StringSegment.objects.filter(source=translation.source).order_by("order").first()
    return reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])


def snippet_view(view, *, with_pk=True, query=""):
    def build(record, o):
        name = f"wagtailsnippets_partnerships_{record._meta.model_name}:{view}"
        return reverse(name, args=[record.pk] if with_pk else []) + query

    return build


def snippet_chooser(record, o):
    return reverse(f"wagtailsnippetchoosers_partnerships_{record._meta.model_name}:choose")


def snippet_api(record, o):
    return reverse("wagtail_localize:snippets_api_listing", args=["partnerships", record._meta.model_name])


def by_pk(url_name, *extra):
    return lambda obj, o: reverse(url_name, args=[obj.pk, *extra])


def fixed(url_name):
    return lambda obj, o: reverse(url_name)


GET, POST, PUT = "get", "post", "put"
NEXT = {"next": "/admin/pages/"}

#: Address name → (HTTP method, how to build it from the row's object, what to send).
ADDRESSES = {
    # Pages: explorer, editing, adding, previews, revisions, history and page actions.
    "explore": (GET, lambda page, o: reverse("wagtailadmin_explore", args=[page.pk]), None),
    "edit": (GET, page_view("edit"), None),
    "translation_editor": (GET, page_view("edit"), None),
    "add_subpage": (GET, page_view("add_subpage"), None),
    "add": (GET, new_standard_page("add"), None),
    "preview_on_edit": (GET, page_view("preview_on_edit"), None),
    "preview_on_add": (GET, new_standard_page("preview_on_add"), None),
    "view_draft": (GET, page_view("view_draft"), None),
    "history": (GET, page_view("history"), None),
    "revisions_view": (GET, page_view("revisions_view", extra=first_revision), None),
    "revisions_compare": (GET, page_view("revisions_compare", extra=both_revisions), None),
    "revisions_revert": (GET, page_view("revisions_revert", extra=first_revision), None),
    # The English page's revision asked for through another page's address.
    "revision_of_another_page": (GET, page_view("revisions_view", extra=english_revision), None),
    "usage": (GET, page_view("usage"), None),
    "copy": (GET, page_view("copy"), None),
    "move": (GET, page_view("move"), None),
    "delete": (GET, page_view("delete"), None),
    "unpublish": (GET, page_view("unpublish"), None),
    "set_privacy": (GET, page_view("set_privacy"), None),
    "lock": (POST, page_view("lock"), NEXT),
    "workflow_history": (GET, page_view("workflow_history"), None),
    "submit_for_approval": (GET, by_pk("partnerships_submit_for_approval"), None),
    "approve": (POST, current_task("approve"), {"comment": ""}),
    "workflow_preview": (GET, current_task("preview"), None),
    # wagtail-localize: start, sync, edit, preview, download and upload translations.
    "submit_translation": (GET, localize("submit_page_translation"), None),
    "sync_translations": (GET, localize("update_translations"), None),
    "translate_string": (PUT, first_string, {"value": "Çeviri / Översättning"}),
    "override_link": (PUT, first_override, {"value": "https://www.skr.se/en/"}),
    "preview_translation": (GET, localize("preview_translation"), None),
    "download_po": (GET, localize("download_pofile"), None),
    "upload_po": (POST, localize("upload_pofile"), NEXT),
    "stop_translation": (POST, localize("stop_translation"), NEXT),
    "convert_to_alias": (POST, localize("convert_to_alias"), NEXT),
    "sync_and_publish": (POST, localize("update_translations"), {"publish_translations": "on"}),
    "translations_report": (GET, fixed("wagtail_localize:translations_report"), None),
    "translations_report_results": (GET, fixed("wagtail_localize:translations_report_results"), None),
    "submit_snippet_translation": (GET, localize_snippet("submit_snippet_translation"), None),
    "snippets_api_detail": (GET, localize_snippet("snippets_api_detail"), None),
    "machine_translate": (POST, localize("machine_translate"), NEXT),
    "translation_status": (GET, fixed("partnerships_translation_report"), None),
    "sync_one_translation": (POST, by_pk("partnerships_sync_translation"), {}),
    "start_turkish_translation": (POST, by_pk("partnerships_start_translation", "tr"), {}),
    "snippets_api": (GET, snippet_api, None),
    # Images and documents.
    "images": (GET, fixed("wagtailimages:index"), None),
    "image_add": (GET, fixed("wagtailimages:add"), None),
    "image_edit": (GET, by_pk("wagtailimages:edit"), None),
    "image_delete": (GET, by_pk("wagtailimages:delete"), None),
    "image_usage": (GET, by_pk("wagtailimages:image_usage"), None),
    "image_preview": (GET, by_pk("wagtailimages:preview", "fill-40x40"), None),
    "image_chooser": (GET, fixed("wagtailimages_chooser:choose"), None),
    "documents": (GET, fixed("wagtaildocs:index"), None),
    "document_add": (GET, fixed("wagtaildocs:add"), None),
    "document_edit": (GET, by_pk("wagtaildocs:edit"), None),
    "document_delete": (GET, by_pk("wagtaildocs:delete"), None),
    "document_usage": (GET, by_pk("wagtaildocs:document_usage"), None),
    "document_chooser": (GET, fixed("wagtaildocs_chooser:choose"), None),
    "document_download": (GET, lambda document, o: document.url, None),
    # Partnership data (the snippet view sets of partnerships/wagtail_hooks.py).
    "data_list": (GET, snippet_view("list", with_pk=False), None),
    "data_export": (GET, snippet_view("list", with_pk=False, query="?export=csv"), None),
    "data_add": (GET, snippet_view("add", with_pk=False), None),
    "data_edit": (GET, snippet_view("edit"), None),
    "data_delete": (GET, snippet_view("delete"), None),
    "data_history": (GET, snippet_view("history"), None),
    "data_usage": (GET, snippet_view("usage"), None),
    "data_chooser": (GET, snippet_chooser, None),
    # Wagtail's own admin (CORE_VIEWS): users, groups, site settings and the account page.
    "users": (GET, fixed("wagtailusers_users:index"), None),
    "user_edit": (GET, by_pk("wagtailusers_users:edit"), None),
    "groups": (GET, fixed("wagtailusers_groups:index"), None),
    "group_edit": (GET, by_pk("wagtailusers_groups:edit"), None),
    "sites": (GET, fixed("wagtailsites:index"), None),
    "locales": (GET, fixed("wagtaillocales:index"), None),
    "workflows": (GET, fixed("wagtailadmin_workflows:index"), None),
    "collections": (GET, fixed("wagtailadmin_collections:index"), None),
    "redirects": (GET, fixed("wagtailredirects:index"), None),
    "site_history": (GET, fixed("wagtailadmin_reports:site_history"), None),
    "locked_pages": (GET, fixed("wagtailadmin_reports:locked_pages"), None),
    "account": (GET, fixed("wagtailadmin_account"), None),
    # The public pages API: the same for everybody.
    "api_detail": (GET, lambda page, o: f"/api/v2/pages/{page.pk}/", None),
}

# fmt: off
#: address, object,        anonymous, tr_translator, sv_translator, editor,  data_admin, moderator
MATRIX = [
    ("explore",            "en_home",    LOGIN, DONE,    DONE,    OK,      DENIED,  OK),
    ("explore",            "tr_home",    LOGIN, OK,      DONE,    OK,      DENIED,  OK),
    ("explore",            "sv_home",    LOGIN, DONE,    OK,      OK,      DENIED,  OK),
    ("edit",               "en_page",    LOGIN, DENIED,  DENIED,  OK,      DENIED,  OK),
    ("edit",               "tr_page",    LOGIN, OK,      DENIED,  OK,      DENIED,  OK),
    ("edit",               "sv_page",    LOGIN, DENIED,  OK,      OK,      DENIED,  OK),
    ("translation_editor", "tr_page",    LOGIN, OK,      DENIED,  OK,      DENIED,  OK),
    ("translation_editor", "sv_page",    LOGIN, DENIED,  OK,      OK,      DENIED,  OK),
    ("add_subpage",        "en_home",    LOGIN, DENIED,  DENIED,  DONE,    DENIED,  DONE),
    ("add_subpage",        "tr_home",    LOGIN, DONE,    DENIED,  DONE,    DENIED,  DONE),
    ("add",                "en_page",    LOGIN, DENIED,  DENIED,  OK,      DENIED,  OK),
    ("add",                "sv_page",    LOGIN, DENIED,  OK,      OK,      DENIED,  OK),
    ("preview_on_edit",    "en_page",    LOGIN, DENIED,  DENIED,  OK,      DENIED,  OK),
    ("preview_on_edit",    "tr_page",    LOGIN, OK,      DENIED,  OK,      DENIED,  OK),
    ("preview_on_add",     "en_page",    LOGIN, DENIED,  DENIED,  OK,      DENIED,  OK),
    ("preview_on_add",     "sv_page",    LOGIN, DENIED,  OK,      OK,      DENIED,  OK),
    ("view_draft",         "en_page",    LOGIN, DENIED,  DENIED,  OK,      DENIED,  OK),
    ("view_draft",         "sv_page",    LOGIN, DENIED,  OK,      OK,      DENIED,  OK),
    ("history",            "en_page",    LOGIN, DENIED,  DENIED,  OK,      DENIED,  OK),
    ("history",            "tr_page",    LOGIN, OK,      DENIED,  OK,      DENIED,  OK),
    ("revisions_view",     "en_page",    LOGIN, DENIED,  DENIED,  OK,      DENIED,  OK),
    ("revisions_view",     "tr_page",    LOGIN, OK,      DENIED,  OK,      DENIED,  OK),
    ("revisions_compare",  "en_page",    LOGIN, DENIED,  DENIED,  OK,      DENIED,  OK),
    ("revisions_compare",  "sv_page",    LOGIN, DENIED,  OK,      OK,      DENIED,  OK),
    ("revisions_revert",   "en_page",    LOGIN, DENIED,  DENIED,  OK,      DENIED,  OK),
    ("revisions_revert",   "tr_page",    LOGIN, OK,      DENIED,  OK,      DENIED,  OK),
    ("revision_of_another_page", "tr_page", LOGIN, MISSING, DENIED, MISSING, DENIED, MISSING),
    ("usage",              "en_page",    LOGIN, DENIED,  DENIED,  OK,      DENIED,  OK),
    ("copy",               "en_page",    LOGIN, DENIED,  DENIED,  OK,      DENIED,  OK),
    ("copy",               "tr_page",    LOGIN, OK,      DENIED,  OK,      DENIED,  OK),
    ("move",               "en_page",    LOGIN, DENIED,  DENIED,  OK,      DENIED,  OK),
    ("move",               "tr_page",    LOGIN, DENIED,  DENIED,  OK,      DENIED,  OK),
    ("delete",             "en_page",    LOGIN, DENIED,  DENIED,  OK,      DENIED,  OK),
    ("delete",             "tr_page",    LOGIN, DENIED,  DENIED,  OK,      DENIED,  OK),
    ("unpublish",          "en_page",    LOGIN, DENIED,  DENIED,  OK,      DENIED,  OK),
    ("unpublish",          "tr_page",    LOGIN, DENIED,  DENIED,  OK,      DENIED,  OK),
    ("set_privacy",        "en_page",    LOGIN, DENIED,  DENIED,  OK,      DENIED,  OK),
    ("set_privacy",        "tr_page",    LOGIN, DENIED,  DENIED,  OK,      DENIED,  OK),
    ("lock",               "en_page",    LOGIN, DENIED,  DENIED,  DONE,    DENIED,  DONE),
    ("lock",               "tr_page",    LOGIN, DENIED,  DENIED,  DONE,    DENIED,  DONE),
    ("workflow_history",   "tr_waiting", LOGIN, OK,      DENIED,  OK,      DENIED,  OK),
    ("submit_for_approval", "tr_page",   LOGIN, OK,      DENIED,  OK,      DENIED,  OK),
    ("submit_for_approval", "en_page",   LOGIN, DENIED,  DENIED,  OK,      DENIED,  OK),
    ("approve",            "tr_waiting", LOGIN, DENIED,  DENIED,  DENIED,  DENIED,  DONE),
    ("workflow_preview",   "tr_waiting", LOGIN, DENIED,  DENIED,  DENIED,  DENIED,  OK),
    ("submit_translation", "en_page",    LOGIN, DENIED,  DENIED,  OK,      DENIED,  OK),
    ("sync_translations",  "en_source",  LOGIN, DENIED,  DENIED,  OK,      DENIED,  OK),
    ("translate_string",   "tr_translation", LOGIN, OK,  FORBIDDEN, OK,    FORBIDDEN, OK),
    ("translate_string",   "sv_translation", LOGIN, FORBIDDEN, OK, OK,     FORBIDDEN, OK),
    ("override_link",      "tr_translation", LOGIN, CREATED, FORBIDDEN, CREATED, FORBIDDEN, CREATED),
    ("preview_translation", "tr_translation", LOGIN, OK, DENIED,  OK,      DENIED,  OK),
    ("download_po",        "tr_translation", LOGIN, OK,  DENIED,  OK,      DENIED,  OK),
    ("download_po",        "sv_translation", LOGIN, DENIED, OK,   OK,      DENIED,  OK),
    ("upload_po",          "sv_translation", LOGIN, DENIED, DONE, DONE,    DENIED,  DONE),
    ("stop_translation",   "tr_translation", LOGIN, DENIED, DENIED, DONE,  DENIED,  DONE),
    ("convert_to_alias",   "tr_page",    LOGIN, DENIED,  DENIED,  DONE,    DENIED,  DONE),
    ("convert_to_alias",   "sv_page",    LOGIN, DENIED,  DENIED,  DONE,    DENIED,  DONE),
    ("sync_and_publish",   "en_source",  LOGIN, DENIED,  DENIED,  DONE,    DENIED,  DONE),
    ("translations_report", None,        LOGIN, OK,      OK,      OK,      DENIED,  OK),
    ("translations_report_results", None, LOGIN, OK,     OK,      OK,      DENIED,  OK),
    ("submit_snippet_translation", "workingarea", LOGIN, DENIED, DENIED, OK, DENIED, OK),
    ("snippets_api_detail", "municipality", LOGIN, OK,   OK,      OK,      OK,      OK),
    # No machine translator is configured: a 404 for those who may edit the translation.
    ("machine_translate",  "tr_translation", LOGIN, MISSING, DENIED, MISSING, DENIED, MISSING),
    ("translation_status", None,         LOGIN, OK,      OK,      OK,      DENIED,  OK),
    ("sync_one_translation", "tr_translation", LOGIN, DONE, DENIED, DONE,  DENIED,  DONE),
    ("sync_one_translation", "sv_translation", LOGIN, DENIED, DONE, DONE,  DENIED,  DONE),
    # The page is translated already: those who may add Turkish pages are led to its translation editor.
    ("start_turkish_translation", "en_page", LOGIN, DONE, DENIED, DONE,    DENIED,  DONE),
    ("snippets_api",       "municipality", LOGIN, DENIED, DENIED, DENIED,  OK,      DENIED),
    ("images",             None,         LOGIN, DENIED,  DENIED,  OK,      DENIED,  OK),
    ("image_add",          None,         LOGIN, DENIED,  DENIED,  OK,      DENIED,  OK),
    ("image_edit",         "image",      LOGIN, DENIED,  DENIED,  OK,      DENIED,  OK),
    ("image_delete",       "image",      LOGIN, DENIED,  DENIED,  OK,      DENIED,  OK),
    ("image_usage",        "image",      LOGIN, DENIED,  DENIED,  OK,      DENIED,  OK),
    ("image_preview",      "image",      LOGIN, DENIED,  DENIED,  OK,      DENIED,  OK),
    ("image_chooser",      "image",      LOGIN, OK,      OK,      OK,      EMPTY,   OK),
    ("documents",          None,         LOGIN, DENIED,  DENIED,  OK,      DENIED,  OK),
    ("document_add",       None,         LOGIN, DENIED,  DENIED,  OK,      DENIED,  OK),
    ("document_edit",      "document",   LOGIN, DENIED,  DENIED,  OK,      DENIED,  OK),
    ("document_delete",    "document",   LOGIN, DENIED,  DENIED,  OK,      DENIED,  OK),
    ("document_usage",     "document",   LOGIN, DENIED,  DENIED,  OK,      DENIED,  OK),
    ("document_chooser",   "document",   LOGIN, OK,      OK,      OK,      EMPTY,   OK),
    ("document_download",  "document",   OK,    OK,      OK,      OK,      OK,      OK),
    ("document_download",  "login_document", LOGIN, OK,  OK,      OK,      OK,      OK),
    ("document_download",  "editors_document", LOGIN, LOGIN, LOGIN, OK,    LOGIN,   OK),
    *[
        (address, record, LOGIN, DENIED, DENIED, DENIED, OK, DENIED)
        for record in ("municipality", "association", "network", "module", "workingarea")
        for address in ("data_list", "data_add", "data_edit", "data_delete", "data_history")
    ],
    ("data_export",        "municipality", LOGIN, DENIED, DENIED, DENIED,  OK,      DENIED),
    ("data_usage",         "network",    LOGIN, DENIED,  DENIED,  DENIED,  OK,      DENIED),
    ("site_history",       None,         LOGIN, OK,      OK,      OK,      OK,      OK),
    ("locked_pages",       None,         LOGIN, DENIED,  DENIED,  OK,      DENIED,  OK),
    ("api_detail",         "en_page",    OK,    OK,      OK,      OK,      OK,      OK),
]
# fmt: on


def answers(anonymous, roles):
    """Every role's expected answer: anonymous's, ``roles`` for each of our groups, and the superuser's page."""
    return {"anonymous": anonymous, **{role: roles for role, group in ROLES.items() if group}, SUPERUSER: OK}


#: Wagtail's own admin views, one test each: address, object, role → expected answer.
REFUSED = answers(LOGIN, DENIED)
CORE_VIEWS = [
    ("users", None, REFUSED),
    ("user_edit", "user", REFUSED),
    ("groups", None, REFUSED),
    ("group_edit", "group", REFUSED),
    ("sites", None, REFUSED),
    ("locales", None, REFUSED),
    ("workflows", None, REFUSED),
    ("collections", None, REFUSED),
    ("redirects", None, REFUSED),
    ("account", None, answers(LOGIN, OK)),
]


def cases():
    for address, target, *expected in MATRIX:
        for role, outcome in zip(ROLES, expected, strict=True):
            label = "-".join(part for part in (role, address, target, outcome) if part)
            yield pytest.param(role, address, target, outcome, id=label)


#: Choosers: a 200 is "200" when it lists the row's object and "empty" when it does not.
CHOOSERS = {"image_chooser", "document_chooser"}


def outcome(response, address=None, target=None):
    """What a response means: see the module docstring."""
    if response.status_code == 200 and address in CHOOSERS:
        return OK if target.title in response.content.decode() else EMPTY
    if response.status_code != 302:
        return str(response.status_code)
    location = response["Location"]
    if location.startswith(reverse("wagtailadmin_login")) or "/_util/login/" in location:
        return LOGIN
    refusals = [message for message in response.wsgi_request._messages if message.level_tag == "error"]
    if location == reverse("wagtailadmin_home") and refusals:
        return DENIED
    return DONE


def send(client, method, url, data):
    if method == PUT:  # as the translation editor sends it
        return client.put(url, encode_multipart(BOUNDARY, data), content_type=MULTIPART_CONTENT)
    response = getattr(client, method)(url, data or {})
    if response.status_code == 302 and response["Location"] == f"/en{url}":
        # An admin 404 that Django's LocaleMiddleware turned into a redirect to /en/admin/…: follow it.
        response = client.get(response["Location"])
    return response


def ask(role, address, target, objects, sessions):
    """The response to ``role``'s request for ``address`` on the named object, and the object."""
    method, build, data = ADDRESSES[address]
    obj = objects[target] if target else None
    return send(client_as(role, sessions), method, build(obj, objects), data), obj


@pytest.mark.parametrize(("role", "address", "target", "expected"), list(cases()))
def test_role_reaches_exactly_what_it_may(objects, sessions, role, address, target, expected):
    response, obj = ask(role, address, target, objects, sessions)
    assert outcome(response, address, obj) == expected, (response.status_code, response.get("Location"))
    if address == "translation_editor" and expected == OK:
        assert "wagtail_localize/admin/edit_translation.html" in [t.name for t in response.templates]
    if address == "add_subpage" and expected == DONE:
        assert response["Location"].startswith("/admin/pages/add/partnerships/standardpage/")
    if address == "explore" and expected == DONE:  # sent to the tree the translator works on
        language = {"tr_translator": "tr", "sv_translator": "sv"}[role]
        assert response["Location"] == reverse("wagtailadmin_explore", args=[objects[f"{language}_home"].pk])


@pytest.mark.parametrize(("address", "target", "expected"), [pytest.param(*row, id=row[0]) for row in CORE_VIEWS])
def test_wagtail_admin_view_answers_every_role(objects, sessions, address, target, expected):
    wrong = []
    for role, wanted in expected.items():
        response, obj = ask(role, address, target, objects, sessions)
        answer = outcome(response, address, obj)
        if answer != wanted:
            cell = "-".join(part for part in (role, address, target, wanted) if part)
            wrong.append(f"{cell}: got {answer} ({response.status_code}, {response.get('Location')})")
    assert not wrong, "\n".join(wrong)


#: The page actions the explorer's listing offers, by the address Wagtail (or we) answer them at.
LISTED_PAGE_ACTIONS = {
    "wagtailadmin_pages:edit": "edit",
    "wagtailadmin_pages:history": "history",
    "wagtailadmin_pages:copy": "copy",
    "wagtailadmin_pages:move": "move",
    "wagtailadmin_pages:delete": "delete",
    "wagtailadmin_pages:unpublish": "unpublish",
    "wagtailadmin_pages:set_privacy": "set_privacy",
    "partnerships_submit_for_approval": "submit_for_approval",
    "tusenet_convert_to_alias": "convert_to_alias",
    "wagtail_localize:convert_to_alias": "convert_to_alias",
}


def offered_actions(html, page):
    """The matrix's names of the actions a listing's links offer on ``page``."""
    from django.urls import Resolver404, resolve

    offered = set()
    for href in set(re.findall(r'href="(/admin/[^"?]+)', html)):
        try:
            match = resolve(href)
        except Resolver404:
            continue
        if match.view_name in LISTED_PAGE_ACTIONS and str(match.kwargs.get("page_id")) == str(page.pk):
            offered.add(LISTED_PAGE_ACTIONS[match.view_name])
    return offered


@pytest.mark.parametrize(
    ("role", "target"),
    [("tr_translator", "tr_page"), ("editor", "tr_page"), ("moderator", "tr_page")],
)
def test_the_page_actions_a_role_is_offered_are_those_the_matrix_allows(objects, sessions, role, target):
    """Translators were offered Move and Delete: the listing offers a translator exactly what the matrix allows.

    Editors and moderators are offered only what they may do; some of their rights (move, privacy, convert to
    alias) are offered on the page's own screens rather than in the listing.
    """
    page = objects[target]
    html = client_as(role, sessions).get(reverse("wagtailadmin_explore", args=[page.get_parent().pk])).content
    column = list(ROLES).index(role)
    allowed = {
        address
        for address, row_target, *expected in MATRIX
        if row_target == target and address in LISTED_PAGE_ACTIONS.values() and expected[column] in (OK, DONE)
    }
    offered = offered_actions(html.decode(), page)
    if role.endswith("translator"):
        assert offered == allowed
    else:
        assert offered <= allowed
