"""Roles, moderation and the translation status report, through the real admin views."""

import pytest
from django.db import transaction
from django.urls import reverse
from wagtail.models import GroupPagePermission, Locale, Page, Workflow
from wagtail.users.models import UserProfile

from partnerships.loading.translation import translate_object
from partnerships.models import Municipality
from tusenet.editorial.roles import MODERATION_WORKFLOW, ROLES, grant_translation_trees
from tusenet.editorial.translation_status import DRAFT, MISSING, OUT_OF_DATE, UP_TO_DATE, build_report

from .builders import PREFIX, translate
from .factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def site(small_site, django_db_blocker):
    """The small site (every page in English and Turkish, a few in Swedish) with the translators' trees granted.

    In the module's transaction, rolled back after it.
    """
    from django.apps import apps

    pages = small_site
    with django_db_blocker.unblock():
        grant_translation_trees(apps)
    return pages


@pytest.fixture
def rollback():
    """Undo what a test writes to the module's site."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def version(page, language):
    return page.get_translation(Locale.objects.get(language_code=language)).specific


def fresh(page):
    """The page as the database holds it now (the module's objects go stale between tests)."""
    return Page.objects.get(pk=page.pk).specific


def login(client, role):
    user = UserFactory(role=role)
    client.force_login(user)
    return user


def test_the_roles_exist_with_their_rights(site):
    assert set(ROLES) <= set(GroupPagePermission.objects.values_list("group__name", flat=True).distinct()) | {
        "Data admins"
    }
    turkish_rights = GroupPagePermission.objects.filter(group__name="Turkish translators")
    assert {right.page.locale.language_code for right in turkish_rights} == {"tr"}
    assert {right.permission.codename for right in turkish_rights} == {"add_page", "change_page"}
    editors = GroupPagePermission.objects.filter(group__name="Editors")
    assert {right.page.depth for right in editors} == {1}
    assert "publish_page" in {right.permission.codename for right in editors}
    workflow = Workflow.objects.get(name=MODERATION_WORKFLOW)
    assert workflow.active and workflow.workflow_pages.filter(page__depth=1).exists()
    assert list(workflow.tasks.get().specific.groups.values_list("name", flat=True)) == ["Moderators"]


def test_turkish_translator_edits_only_the_turkish_tree(client, site, rollback):
    login(client, "Turkish translators")
    network = site["networks"][1]
    assert client.get(reverse("wagtailadmin_pages:edit", args=[version(network, "tr").pk])).status_code == 200
    for page in (network, version(network, "sv")):
        assert denied(client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))), page.url


def denied(response):
    """Wagtail answers a permission failure with 403, or a redirect to the dashboard with a message."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


def test_turkish_translator_cannot_publish(client, site, rollback):
    login(client, "Turkish translators")
    turkish = version(site["about"], "tr")
    published_at = turkish.last_published_at
    response = client.post(reverse("wagtailadmin_pages:edit", args=[turkish.pk]), {"action": "publish"})
    assert denied(response)
    turkish.refresh_from_db()
    assert turkish.last_published_at == published_at


def test_turkish_translator_has_no_access_to_partnership_data(client, site, rollback):
    login(client, "Turkish translators")
    for url in (
        reverse("wagtailsnippets_partnerships_municipality:list"),
        reverse("wagtailsnippets_partnerships_network:list"),
        reverse("wagtailsnippets_partnerships_municipality:edit", args=[Municipality.objects.first().pk]),
    ):
        assert denied(client.get(url)), url


def test_data_admin_manages_data_but_no_pages(client, site, rollback):
    login(client, "Data admins")
    assert client.get(reverse("wagtailsnippets_partnerships_municipality:list")).status_code == 200
    assert denied(client.get(reverse("wagtailadmin_pages:edit", args=[site["about"].pk])))


def test_translator_submits_and_moderator_publishes(client, site, rollback):
    """A Turkish translator's change waits for a moderator, whose approval publishes it."""
    from wagtail_localize.models import StringSegment, StringTranslation

    translator = login(client, "Turkish translators")
    english = fresh(site["about"])
    turkish = version(english, "tr")
    english.intro = "About us, revised"
    english.save_revision().publish()
    from wagtail_localize.models import TranslationSource

    source = TranslationSource.objects.get_for_instance(english)
    source.update_from_db()
    segment = StringSegment.objects.get(source=source, string__data="About us, revised")
    # The translator's work, as the translation editor stores it.
    StringTranslation.objects.create(
        translation_of=segment.string,
        locale=turkish.locale,
        context=segment.context,
        data="Hakkımızda, gözden geçirildi",
        last_translated_by=translator,
    )
    url = reverse("partnerships_submit_for_approval", args=[turkish.pk])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    turkish.refresh_from_db()
    assert turkish.workflow_in_progress
    assert turkish.specific.intro != "Hakkımızda, gözden geçirildi"  # not live yet

    moderator = login(client, "Moderators")
    UserProfile.objects.update_or_create(user=moderator, defaults={"preferred_language": "sv"})
    task_state = turkish.current_workflow_task_state
    approve = reverse("wagtailadmin_pages:workflow_action", args=[turkish.pk, "approve", task_state.pk])
    response = client.post(approve, {"comment": ""}, HTTP_X_REQUESTED_WITH="XMLHttpRequest")  # as the dashboard
    assert response.status_code == 200 and '"step": "success"' in response.content.decode()
    confirmation = [str(message) for message in client.get(reverse("wagtailadmin_home")).context["messages"]]
    assert f"”{turkish.get_admin_display_title()}” är godkänd." in confirmation  # in the moderator's admin language
    turkish = Page.objects.get(pk=turkish.pk).specific
    assert turkish.live and turkish.intro == "Hakkımızda, gözden geçirildi"
    assert not turkish.workflow_in_progress


def test_a_refused_submission_names_each_untranslated_field_and_its_tab(client, site, rollback):
    """The translator was told only "some texts are not translated yet"; the slug hides on the Promote tab."""
    from wagtail_localize.models import TranslationSource

    login(client, "Turkish translators")
    english = fresh(site["about"])
    turkish = version(english, "tr")
    english.intro, english.slug = "About us, revised", "about-us-revised"
    english.save_revision().publish()
    TranslationSource.objects.get_for_instance(english).update_from_db()
    response = client.post(reverse("partnerships_submit_for_approval", args=[turkish.pk]), follow=True)
    messages = [str(message) for message in response.context["messages"]]
    assert messages == [
        "Not translated yet: Slug (on the Promote tab), Introduction. Translate them, then submit the page again."
    ]
    turkish.refresh_from_db()
    assert not turkish.workflow_in_progress


def test_swedish_translator_cannot_submit_a_turkish_page(client, site, rollback):
    login(client, "Swedish translators")
    turkish = version(site["about"], "tr")
    assert denied(client.post(reverse("partnerships_submit_for_approval", args=[turkish.pk])))
    turkish.refresh_from_db()
    assert not turkish.workflow_in_progress


def cell(report, page, language):
    return next(row for row in report if row.source.pk == page.pk).cells[language]


def test_status_report_covers_all_four_states(site, rollback):
    network_1, network_2 = fresh(site["networks"][1]), fresh(site["networks"][2])
    translate(network_2, "sv", publish=False)
    report = build_report(["tr", "sv"])
    assert cell(report, network_1, "tr").status == UP_TO_DATE
    assert cell(report, network_1, "sv").status == UP_TO_DATE
    assert cell(report, network_2, "sv").status == DRAFT
    assert cell(report, network_3 := site["networks"][3], "sv").status == MISSING
    assert cell(report, network_3, "tr").status == UP_TO_DATE


def test_publishing_a_source_change_makes_translations_out_of_date_until_synced_and_translated(
    site, rollback, django_capture_on_commit_callbacks
):
    from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

    english = fresh(site["networks"][1])
    english.intro = "A new introduction"
    english.save_revision().publish()
    report = build_report(["tr", "sv"])
    assert cell(report, english, "tr").status == OUT_OF_DATE
    assert cell(report, english, "sv").status == OUT_OF_DATE

    source = TranslationSource.objects.get_for_instance(english)
    source.update_from_db()  # the "Sync" action
    assert cell(build_report(["tr"]), english, "tr").status == OUT_OF_DATE  # the new string awaits translation
    segment = StringSegment.objects.get(source=source, string__data="A new introduction")
    for language in ("tr", "sv"):
        locale = Locale.objects.get(language_code=language)
        StringTranslation.objects.create(
            translation_of=segment.string, locale=locale, context=segment.context, data=f"{PREFIX[language]}new"
        )
        with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes on commit
            Translation.objects.get(source=source, target_locale=locale).save_target(publish=True)
    report = build_report(["tr", "sv"])
    assert cell(report, english, "tr").status == UP_TO_DATE
    assert cell(report, english, "sv").status == UP_TO_DATE


def test_report_view_filters_by_language_and_status(client, site, rollback):
    login(client, "Editors")
    url = reverse("partnerships_translation_report")
    html = client.get(url).content.decode()
    assert "translation-status--missing" in html and "translation-status--up_to_date" in html
    missing_swedish = client.get(url, {"language": "sv", "status": MISSING}).context["rows"]
    assert missing_swedish and all(row.cells["sv"].status == MISSING for row in missing_swedish)
    assert list(missing_swedish[0].cells) == ["sv"]
    assert client.get(url, {"language": "xx", "status": "<bogus>"}).status_code == 200


def test_translators_see_only_their_language_in_report_and_dashboard(client, site, rollback):
    login(client, "Turkish translators")
    response = client.get(reverse("partnerships_translation_report"))
    assert response.status_code == 200
    assert [code for code, _name in response.context["language_choices"]] == ["tr"]
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="translation-status' in dashboard
    login(client, "Data admins")
    assert denied(client.get(reverse("partnerships_translation_report")))


def test_first_translation_is_a_draft_not_english_published(site, rollback):
    """Translations created for the first time stay drafts (WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE)."""
    from wagtail_localize.operations import translate_object as localize_translate_object

    english = fresh(site["networks"][4])
    localize_translate_object(english, [Locale.objects.get(language_code="sv")])
    swedish = version(english, "sv")
    assert not swedish.live


def test_sync_keeps_unchanged_translated_segments_byte_for_byte(site, rollback):
    from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

    english = fresh(site["about"])
    english.body = "<p>First paragraph.</p><p>Second paragraph.</p>"
    english.save_revision().publish()
    turkish_locale = Locale.objects.get(language_code="tr")
    translated = translate_object(
        english,
        turkish_locale,
        {
            english.title: "Hakkında",
            english.slug: "hakkinda",
            english.intro: "Giriş",
            "First paragraph.": "Birinci paragraf — özenle çevrildi.",
            "Second paragraph.": "İkinci paragraf.",
        },
    )
    before = {t.translation_of.data: t.data for t in StringTranslation.objects.filter(locale=turkish_locale)}
    english.body = "<p>First paragraph.</p><p>Second paragraph, changed.</p>"
    english.save_revision().publish()
    source = TranslationSource.objects.get_for_instance(english)
    source.update_from_db()
    after = {t.translation_of.data: t.data for t in StringTranslation.objects.filter(locale=turkish_locale)}
    assert after["First paragraph."] == before["First paragraph."] == "Birinci paragraf — özenle çevrildi."
    pending = (
        StringSegment.objects.filter(source=source)
        .annotate_translation(turkish_locale)
        .filter(translation__isnull=True)
    )
    assert [segment.string.data for segment in pending] == ["Second paragraph, changed."]
    assert translated.live


def po_translation(page, language):
    from wagtail_localize.models import Translation, TranslationSource

    source = TranslationSource.objects.get_for_instance(page)
    return Translation.objects.get(source=source, target_locale__language_code=language)


def upload(client, translation, content, name="page.po"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("wagtail_localize:upload_pofile", args=[translation.pk])
    data = {"next": "/admin/"}
    if content is not None:
        data["file"] = SimpleUploadedFile(name, content, content_type="text/x-gettext-translation")
    return client.post(url, data)


def stored_strings(translation):
    from wagtail_localize.models import StringTranslation

    return sorted(
        StringTranslation.objects.filter(locale=translation.target_locale).values_list(
            "pk", "data", "last_translated_by"
        )
    )


def test_po_file_round_trip_for_an_offline_translator(client, site, rollback):
    import polib
    from wagtail_localize.models import StringTranslation

    login(client, "Turkish translators")
    translation = po_translation(site["about"], "tr")
    response = client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "text/x-gettext-translation"
    po = polib.pofile(response.content.decode())
    intro = next(entry for entry in po if entry.msgctxt == "intro")
    intro.msgstr = "Çevrimdışı çevrildi: Tusenet hakkında"
    response = upload(client, translation, str(po).encode())
    assert response.status_code == 302
    stored = StringTranslation.objects.get(
        locale=translation.target_locale, context__path="intro", context__object_id=translation.source.object_id
    )
    assert stored.data == "Çevrimdışı çevrildi: Tusenet hakkında"


def test_a_po_file_made_after_the_english_changed_imports_the_new_text_and_leaves_the_old_one(client, site, rollback):
    """wagtail-localize's file keeps the old English text as an obsolete entry: not a reason to refuse the file."""
    import polib
    from wagtail_localize.models import StringTranslation

    login(client, "Turkish translators")
    about = site["about"]
    about.intro = "About us, revised"
    about.save_revision().publish()
    translation = po_translation(about, "tr")
    translation.source.update_from_db()
    po = polib.pofile(client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk])).content.decode())
    old_intro = next(entry for entry in po.obsolete_entries() if entry.msgctxt == "intro")
    old_intro.msgstr = "Eski giriş, değiştirildi"
    next(entry for entry in po if entry.msgid == "About us, revised").msgstr = "Hakkımızda, gözden geçirildi"
    response = upload(client, translation, str(po).encode())
    assert [str(message) for message in response.wsgi_request._messages] == [
        "Successfully imported translations from PO File."
    ]
    intros = dict(
        StringTranslation.objects.filter(
            locale=translation.target_locale, context__path="intro", context__object_id=translation.source.object_id
        ).values_list("translation_of__data", "data")
    )
    assert intros["About us, revised"] == "Hakkımızda, gözden geçirildi"
    assert intros[old_intro.msgid] != "Eski giriş, değiştirildi"  # only the page's current texts are imported


@pytest.mark.parametrize(
    "content",
    [
        None,
        b"",
        b"\xff\xfe\x00binary\x00garbage" * 50,
        b"/etc/passwd",
        b"just some text\nwith lines\n",
        b'msgid "Hello"\nmsgstr "Merhaba"\n',
        b'msgid "unterminated\nmsgstr "x"\n',
    ],
)
def test_broken_po_upload_gives_a_message_and_changes_nothing(client, site, rollback, content):
    login(client, "Turkish translators")
    translation = po_translation(site["about"], "tr")
    before = stored_strings(translation)
    response = upload(client, translation, content)
    assert response.status_code == 302
    assert stored_strings(translation) == before
    messages = [str(message) for message in response.wsgi_request._messages]
    assert len(messages) == 1 and "Successfully" not in messages[0]


def test_po_file_of_another_translation_or_version_is_refused(client, site, rollback):
    import polib

    login(client, "Turkish translators")
    about = po_translation(site["about"], "tr")
    network = po_translation(site["networks"][2], "tr")
    other_file = client.get(reverse("wagtail_localize:download_pofile", args=[network.pk])).content
    before = stored_strings(about)
    response = upload(client, about, other_file)
    assert "another translation" in str(list(response.wsgi_request._messages)[0])
    own = polib.pofile(client.get(reverse("wagtail_localize:download_pofile", args=[about.pk])).content.decode())
    own.append(polib.POEntry(msgctxt="intro", msgid="A text the page no longer has", msgstr="Eski"))
    for entry in own:
        entry.msgstr = entry.msgstr or "x"
    response = upload(client, about, str(own).encode())
    assert "does not match" in str(list(response.wsgi_request._messages)[-1])
    assert stored_strings(about) == before


def test_translator_cannot_upload_into_another_language(client, site, rollback):
    login(client, "Swedish translators")
    translation = po_translation(site["about"], "tr")
    before = stored_strings(translation)
    assert denied(upload(client, translation, b'msgid ""\nmsgstr ""\n'))
    assert stored_strings(translation) == before


def editor_props(client, page):
    import json
    import re

    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    raw = re.search(r'data-props="([^"]+)"', html).group(1)
    import html as html_module

    return json.loads(html_module.unescape(raw))


def test_machine_translation_button_absent_without_a_key(client, site, rollback, settings):
    from tusenet.settings.base import machine_translator

    assert machine_translator("") is None
    assert not hasattr(settings, "WAGTAILLOCALIZE_MACHINE_TRANSLATOR")
    login(client, "Editors")
    assert editor_props(client, version(site["about"], "tr"))["machineTranslator"] is None


def test_machine_translation_offered_when_configured(client, site, rollback, settings):
    from tusenet.settings.base import machine_translator

    assert machine_translator("secret:fx")["CLASS"].endswith("DeepLTranslator")
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator",
        "OPTIONS": {},
    }
    login(client, "Editors")
    assert editor_props(client, version(site["about"], "tr"))["machineTranslator"]["name"] == "Dummy translator"


def test_page_chooser_opens_in_the_translators_language(client, site, rollback):
    """At the top of the tree the Turkish translator is offered the Turkish home page; editors see all, labelled."""
    import json

    def top_level_titles():
        response = client.get(reverse("wagtailadmin_choose_page"))
        assert response.status_code == 200
        return json.loads(response.content)["html"]

    english_title = fresh(site["home"]).title
    login(client, "Turkish translators")
    html = top_level_titles()
    assert f"[tr] {english_title}" in html and f">{english_title}<" not in html
    login(client, "Editors")
    html = top_level_titles()
    assert f"[tr] {english_title}" in html and f">{english_title}<" in html  # every language, each labelled
    assert "Turkish" in html and "English" in html


def test_snippet_chooser_shows_languages_and_the_translators_first(client, site, rollback):
    from django.contrib.auth.models import Permission

    user = login(client, "Turkish translators")
    user.user_permissions.add(Permission.objects.get(codename="view_workingarea"))
    url = reverse("wagtailsnippetchoosers_partnerships_workingarea:choose_results")
    results = client.get(url)
    assert results.status_code == 200
    areas = list(results.context["results"])
    assert areas and {area.locale.language_code for area in areas} == {"tr"}
    everything = client.get(url, {"locale": ""})
    html = everything.content.decode()
    assert {area.locale.language_code for area in everything.context["results"]} >= {"en", "tr"}
    assert "Türkçe" in html or "Turkish" in html  # the language column


def test_a_new_language_tree_is_given_to_its_translators(site, rollback):
    """Deleting and recreating the Swedish home gives Swedish translators their rights on the new one."""
    swedish_home = version(site["home"], "sv")
    GroupPagePermission.objects.filter(group__name="Swedish translators").delete()
    swedish_home.delete()
    recreated = translate(fresh(site["home"]), "sv")
    rights = GroupPagePermission.objects.filter(group__name="Swedish translators")
    assert {right.page_id for right in rights} == {recreated.pk}


def test_report_offers_each_role_the_start_of_missing_pages_in_its_own_languages(client, site, rollback):
    english = fresh(site["networks"][4])  # not in Swedish in the small site
    start_swedish = reverse("partnerships_start_translation", args=[english.pk, "sv"])
    login(client, "Editors")
    html = client.get(reverse("partnerships_translation_report"), {"language": "sv"}).content.decode()
    assert f'action="{start_swedish}"' in html
    login(client, "Swedish translators")
    html = client.get(reverse("partnerships_translation_report")).content.decode()
    assert f'action="{start_swedish}"' in html and "/start/" in html and "/tr/" not in html.split("<tbody>")[1]
    assert "/admin/localize/submit/page/" not in html  # wagtail-localize's start, which translators may not use


def translated_into_both(english, texts):
    """Every string of the English page translated into Turkish and Swedish (``texts``: English -> (tr, sv))."""
    from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

    source = TranslationSource.objects.get_for_instance(english)
    source.update_from_db()
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        for index, code in enumerate(("tr", "sv")):
            data = texts.get(segment.string.data, (f"{segment.string.data} (tr)", f"{segment.string.data} (sv)"))[index]
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=Locale.objects.get(language_code=code),
                context=segment.context,
                defaults={"data": data},
            )
    for translation in Translation.objects.filter(source=source):
        translation.save_target(publish=True)  # publishes on commit, which a rolled-back test never reaches
        english.get_translation(translation.target_locale).get_latest_revision().publish()


def test_a_translators_sync_changes_no_page_and_leads_to_the_editor_then_to_submitting(client, site, rollback):
    """wagtail-localize's sync wrote the texts into the translated pages at once, English where a text was new, and
    live: the report's sync only brings the English changes into the translation editor; pages wait for approval."""
    english = fresh(site["about"])
    english.body = "<p>One</p><p>Two</p>"
    english.save_revision().publish()
    translated_into_both(english, {"One": ("Bir", "Ett"), "Two": ("İki", "Två")})
    english = fresh(site["about"])
    english.body = "<p>One</p><p>Three</p>"  # a paragraph changed: one text to translate
    english.save_revision().publish()

    login(client, "Turkish translators")
    report = client.get(reverse("partnerships_translation_report")).content.decode()
    turkish = version(english, "tr")
    from wagtail_localize.models import StringSegment, StringTranslation, Translation

    tr_translation = Translation.objects.get(source__object_id=english.translation_key, target_locale=turkish.locale)
    sync = reverse("partnerships_sync_translation", args=[tr_translation.pk])
    assert f'action="{sync}"' in report and "Sync the Turkish translation" in report
    response = client.post(sync)
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[turkish.pk])
    assert version(english, "tr").specific.body == "<p>Bir</p><p>İki</p>"  # visitors see no English
    assert version(english, "sv").specific.body == "<p>Ett</p><p>Två</p>"
    tr_cell = next(row for row in build_report(["tr"]) if row.source.pk == english.pk).cells["tr"]
    assert (tr_cell.translated_strings, tr_cell.total_strings) == (tr_cell.total_strings - 1, tr_cell.total_strings)
    assert not tr_cell.can_sync and not tr_cell.ready_to_submit  # the new text waits in the editor

    segment = StringSegment.objects.get(source=tr_translation.source, string__data="Three")
    StringTranslation.objects.create(
        translation_of=segment.string, locale=turkish.locale, context=segment.context, data="Üç"
    )
    report = client.get(reverse("partnerships_translation_report")).content.decode()
    submit = reverse("partnerships_submit_for_approval", args=[turkish.pk])
    assert f'href="{submit}"' in report and f'action="{sync}"' not in report


def test_a_translator_cannot_sync_another_language(client, site, rollback):
    from wagtail_localize.models import Translation

    login(client, "Swedish translators")
    turkish = version(site["about"], "tr")
    translation = Translation.objects.get(source__object_id=turkish.translation_key, target_locale=turkish.locale)
    assert denied(client.post(reverse("partnerships_sync_translation", args=[translation.pk])))


def test_a_swedish_translator_starts_a_missing_swedish_page_from_the_report(client, site, rollback):
    """Rows marked missing had no action; now the translator starts the page, a draft, and lands in its editor."""
    english = fresh(site["networks"][4])  # not in Swedish in the small site
    sv = Locale.objects.get(language_code="sv")
    assert english.get_translation_or_none(sv) is None
    login(client, "Swedish translators")
    report = client.get(reverse("partnerships_translation_report"), {"language": "sv"}).content.decode()
    start = reverse("partnerships_start_translation", args=[english.pk, "sv"])
    assert f'action="{start}"' in report and "Start the Swedish translation" in report
    assert f'href="{reverse("wagtailadmin_pages:edit", args=[english.pk])}"' not in report  # a refusal in English
    assert f'href="{english.url}"' in report  # the English page as visitors see it
    response = client.post(start)
    swedish = english.get_translation(sv)
    assert not swedish.live
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[swedish.pk])
    assert client.get(response["Location"]).status_code == 200


def test_a_translator_cannot_start_a_page_in_another_language(client, site, rollback):
    english = fresh(site["networks"][4])
    login(client, "Turkish translators")
    assert denied(client.post(reverse("partnerships_start_translation", args=[english.pk, "sv"])))
    assert english.get_translation_or_none(Locale.objects.get(language_code="sv")) is None


def test_texts_translated_after_publishing_are_marked_as_changed_with_the_way_to_submit_them(client, site, rollback):
    """After a PO upload the report said "up to date"; now the change waits visibly, with its next step."""
    from wagtail_localize.models import StringTranslation

    from tusenet.editorial.translation_status import CHANGED

    english = fresh(site["about"])
    english.body = "<p>One</p>"
    english.save_revision().publish()
    translated_into_both(english, {"One": ("Bir", "Ett")})
    turkish = version(english, "tr")
    assert cell(build_report(["tr", "sv"]), english, "tr").status == UP_TO_DATE
    uploaded = StringTranslation.objects.get(locale=turkish.locale, data="Bir")
    uploaded.data = "Bir (düzeltildi)"  # as a PO upload or the translation editor stores it
    uploaded.save()

    report = build_report(["tr", "sv"])
    assert cell(report, english, "tr").status == CHANGED
    assert cell(report, english, "sv").status == UP_TO_DATE
    login(client, "Turkish translators")
    html = client.get(reverse("partnerships_translation_report")).content.decode()
    assert reverse("partnerships_submit_for_approval", args=[turkish.pk]) in html
    assert "Changed, not yet published" in html


@pytest.mark.parametrize("role", ["Editors", "Turkish translators"])
def test_the_reports_menu_has_one_translation_report(client, site, role):
    """ "Translation status" and wagtail-localize's "Translations" answered one question under two names."""
    login(client, role)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("partnerships_translation_report") in html
    assert reverse("wagtail_localize:translations_report") not in html
