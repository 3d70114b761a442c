"""A source cited for a page's facts: who published it, its title, date and address."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class SourceBlock(blocks.StructBlock):
    publisher = blocks.CharBlock(label=_("publisher"), max_length=200)
    title = blocks.CharBlock(label=_("title"), max_length=300)
    date = blocks.CharBlock(
        label=_("date"), max_length=40, required=False, help_text=_("As the source gives it; empty if it is undated.")
    )
    url = blocks.URLBlock(label=_("address"))
    language = blocks.ChoiceBlock(
        choices=settings.LANGUAGES, label=_("language"), help_text=_("The language the source is written in.")
    )

    class Meta:
        icon = "link"
        label = _("source")
