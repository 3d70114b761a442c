"""A municipality's page, offered when the municipality is added: without one it is shown unlinked everywhere."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin import messages as admin_messages
from wagtail.models import Locale

from .models import Municipality, MunicipalityIndexPage, MunicipalityPage


def english_index():
    return MunicipalityIndexPage.objects.filter(locale=Locale.get_default()).first()


def may_add_under(index, user):
    return index is not None and index.permissions_for_user(user).can_add_subpage()


def offer_page(request, municipality):
    """After a municipality is added: say that it has no page yet, with the way to create one if the user may."""
    if municipality.pages.exists():
        return
    text = _("%(name)s has no page yet, so visitors see its name without a link.") % {"name": municipality.name}
    if may_add_under(english_index(), request.user):
        url = reverse("partnerships_create_municipality_page", args=[municipality.pk])
        admin_messages.warning(request, text, buttons=[admin_messages.button(url, _("Create its page"))])
    else:
        admin_messages.warning(request, text + " " + _("An editor creates it under Municipalities."))


def create_municipality_page(request, municipality_id):
    """Create a municipality's English page as a draft (asked on GET, done on POST) and open it in the editor."""
    municipality = get_object_or_404(Municipality, pk=municipality_id)
    index = english_index()
    if not may_add_under(index, request.user):
        raise PermissionDenied
    existing = municipality.pages.filter(locale=Locale.get_default()).first()
    if existing is not None:
        return redirect("wagtailadmin_pages:edit", existing.pk)
    if request.method == "POST":
        page = MunicipalityPage(title=municipality.name, slug=municipality.slug, municipality=municipality, live=False)
        try:
            index.add_child(instance=page)
        except ValidationError:
            messages.error(
                request, _("A page with the address “%(slug)s” exists already.") % {"slug": municipality.slug}
            )
            return redirect("wagtailadmin_pages:add_subpage", index.pk)
        page.save_revision(user=request.user)
        messages.success(
            request,
            _("The English page of %(name)s is created as a draft: complete it, publish it, then have it translated.")
            % {"name": municipality.name},
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    context = {"header_title": _("Create its page"), "municipality": municipality}
    return TemplateResponse(request, "partnerships/admin/create_municipality_page.html", context)
