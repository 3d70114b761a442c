"""Admin forms: places with coordinates, a network with its inline members, content pages' slugs."""

from django.core.exceptions import ValidationError
from django.db.models.fields import BLANK_CHOICE_DASH
from django.utils.functional import lazy
from django.utils.translation import gettext
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.admin.widgets import FilteredSelect, SlugInput
from wagtail.snippets.widgets import AdminSnippetChooser

from tusenet.editorial.field_labels import later_tabs
from tusenet.i18n.slugs import ascii_slugify


class SnippetChooser(AdminSnippetChooser):
    """Wagtail's snippet chooser; a form sent back with a tampered id shows an empty choice.

    Wagtail looks the submitted value up to show the chosen item again, so ``module=abc``
    was a server error (``ValueError``) instead of the form with its field error.
    Its button texts are worked out in the admin's language when shown: Wagtail fills them in
    when the widget is made, and ours are made with the models, in English ("Choose municipality").
    """

    def __init__(self, model, **kwargs):
        super().__init__(model, **kwargs)
        name = model._meta.verbose_name
        self.choose_one_text = lazy(lambda: gettext("Choose %(object)s") % {"object": name}, str)()
        self.choose_another_text = lazy(lambda: gettext("Choose another %(object)s") % {"object": name}, str)()

    def get_instance(self, value):
        try:
            return super().get_instance(value)
        except (ValueError, TypeError):
            return None


def with_rows_bounded_and_ids_mended(data, formsets, pk_name="id"):
    """A copy of posted ``data`` where each inline formset (name: class) has few enough rows, each with a usable id.

    Django builds as many row forms as the management form claims, up to 1000 past ``max_num``:
    a tampered count made one request build and show 2000 rows (20 s of work). Counts above
    ``max_num`` are lowered to ``max_num + 1``, still one too many for the formset's own "at most"
    error. django-modelcluster reads ``<formset>-<n>-id`` for each of the ``INITIAL_FORMS`` rows
    without checking it is there or a number: a tampered form was a server error
    (``MultiValueDictKeyError``). A missing or malformed id is blanked: modelcluster takes it for a new row.
    """
    if data is None:
        return None
    mended = data.copy()
    for name, formset in formsets.items():
        most = formset.max_num + 1
        try:
            total, initial = (int(data.get(f"{name}-{count}", 0)) for count in ("TOTAL_FORMS", "INITIAL_FORMS"))
        except (TypeError, ValueError):
            continue  # Django reports the broken management form itself
        mended[f"{name}-TOTAL_FORMS"], mended[f"{name}-INITIAL_FORMS"] = str(min(total, most)), str(min(initial, most))
        for row in range(max(0, min(initial, most))):
            key = f"{name}-{row}-{pk_name}"
            if not str(data.get(key, "")).isdecimal():
                mended[key] = ""
    return mended


#: The fields a municipality's or association's place is typed in.
COORDINATES = ("latitude", "longitude")


class PlaceForm(WagtailAdminModelForm):
    """A municipality or association: coordinates typed as the admin's language writes them.

    In Turkish and Swedish "38,6191" is 38.6191 (Django's localized input); a number field let the browser read
    the comma as a thousands separator (386191). A point is accepted in every language.
    """

    class Meta:
        localized_fields = COORDINATES

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in COORDINATES:
            if name in self.fields:  # a text field (localized), with the keyboard of numbers on a phone
                self.fields[name].widget.attrs.update(inputmode="decimal", autocomplete="off")


def ascii_slug_input():
    """Wagtail's slug field, made ASCII as the model requires (Şırnak -> sirnak, not şırnak)."""
    return SlugInput(attrs={"data-w-slug-allow-unicode-value": "false"})


class MunicipalityForm(PlaceForm):
    """A municipality: the kinds offered are those of the country chosen (no kommun in Turkey)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "kind" in self.fields:
            self.fields["kind"].widget = FilteredSelect(filter_field="id_country")
            self.fields["kind"].widget.choices = [*BLANK_CHOICE_DASH, *type(self.instance).kind_choices_by_country()]


class NetworkForm(WagtailAdminModelForm):
    def __init__(self, data=None, *args, **kwargs):
        super().__init__(with_rows_bounded_and_ids_mended(data, type(self).formsets), *args, **kwargs)

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("memberships")
        if formset is None or not formset.is_valid():
            return cleaned_data
        members = [
            form.cleaned_data.get("municipality") or form.cleaned_data.get("association")
            for form in formset.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        members = [member for member in members if member is not None]
        errors = self.instance.member_errors(members)
        if errors:
            raise ValidationError(errors)
        return cleaned_data


class ContentPageForm(WagtailAdminPageForm):
    """Wagtail's page form; a typed slug is made ASCII (``lögin`` → ``login``) before Wagtail checks its siblings'.

    The page makes it ASCII again when saved (``ContentPage.make_slug_ascii``); without this, a slug
    a sibling already had after transliteration passed the form and failed on saving, a server error.
    """

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        return ascii_slugify(slug) if slug and not slug.isascii() else slug

    def clean(self):
        slug = self.cleaned_data.get("slug")  # Wagtail's check removes a refused slug from cleaned_data
        cleaned_data = super().clean()
        if slug and self.parent_page is not None:  # Wagtail refuses the slug itself, on its own tab
            self.name_the_page_using_the_slug(slug)
        return cleaned_data

    def name_the_page_using_the_slug(self, slug):
        """Say on the first tab which page holds the address: the slug's own error is on the Promote tab.

        An abandoned "New post" that Wagtail autosaved as a draft takes the slug of the next one.
        """
        siblings = self.parent_page.get_children().filter(slug=slug)
        if self.instance.pk:
            siblings = siblings.exclude(pk=self.instance.pk)
        holder = siblings.first()
        if holder is None:
            return
        message = gettext(
            "“%(title)s” already has the address “%(slug)s” here: change this page's slug on the %(tab)s tab."
        )
        if not holder.live and holder.last_published_at is None:
            message += " " + gettext("“%(title)s” is a draft that was never published: delete it if nobody needs it.")
        tab = later_tabs(self.instance)["slug"]
        self.add_error("title", message % {"title": holder.get_admin_display_title(), "slug": slug, "tab": tab})
