"""Three wagtail-localize admin addresses that check only that the user may use the admin.

- Its **translations report** lists every translation of every page, drafts included, with
  titles. Data admins work on partnership data only and have no pages (tusenet/editorial/roles.py):
  the report and its menu item are for people who may start translations or translate a tree.
- Its **snippet listing API** lists every record of any snippet model to anyone in the admin,
  so translators could list the partnership data they have no rights on. No screen uses the
  listing (the translation editor asks only for the one record a page points to, which stays
  open to it): it is answered for people with rights on that model only.

- Its **machine translation** fills a translation's strings with a machine translator's (none is
  configured here, but a deploy may add one): only for people who may edit the translated page.

All are mounted at wagtail-localize's own addresses, ahead of it (``partnerships.wagtail_hooks``),
like ``tusenet.editorial.po_upload``.
``tests/test_access_matrix.py`` has the rows that found them.
"""

from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import get_snippet_model_from_url_params
from wagtail_localize.views import edit_translation
from wagtail_localize.views.report import TranslationsReportView
from wagtail_localize.views.snippets_api import SnippetViewSet

from . import localize_publishing, translation_status

_report = TranslationsReportView.as_view()
_report_results = TranslationsReportView.as_view(results_only=True)
_snippet_listing = SnippetViewSet.as_view({"get": "list"})


def may_see_translations(user):
    """Whoever may start translations (editors, moderators) or translate a language's tree."""
    return user.has_perm("wagtail_localize.submit_translation") or bool(translation_status.languages_for(user))


def translations_report(request, results_only=False):
    if not may_see_translations(request.user):
        raise PermissionDenied
    return (_report_results if results_only else _report)(request)


def snippet_listing(request, app_label, model_name):
    model = get_snippet_model_from_url_params(app_label, model_name)
    if not ModelPermissionPolicy(model).user_has_any_permission(request.user, ["add", "change", "delete", "view"]):
        raise PermissionDenied
    return _snippet_listing(request, app_label=app_label, model_name=model_name)


def machine_translate(request, translation_id):
    target = localize_publishing.translated_target(translation_id)
    if not edit_translation.user_can_edit_instance(request.user, target):
        raise PermissionDenied
    return edit_translation.machine_translate(request, translation_id)


def checked_localize_urls():
    """The admin addresses answered here instead of by wagtail-localize (register them before its own)."""
    return [
        path("localize/reports/translations/", translations_report, name="partnerships_translations_report"),
        path(
            "localize/reports/translations/results/",
            translations_report,
            {"results_only": True},
            name="partnerships_translations_report_results",
        ),
        path(
            "localize/translate/<int:translation_id>/machine_translate/",
            machine_translate,
            name="partnerships_machine_translate",
        ),
        path(
            "localize/api/snippets/<slug:app_label>/<slug:model_name>/",
            snippet_listing,
            name="partnerships_snippets_api_listing",
        ),
    ]


def hide_translations_report(request, menu_items):
    """No "Translations" item in the Reports menu for people who may not open the report."""
    if not may_see_translations(request.user):
        report_url = reverse("wagtail_localize:translations_report")
        menu_items[:] = [item for item in menu_items if item.url != report_url]
