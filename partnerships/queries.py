"""Read the partnership data that pages render, in a fixed number of queries.

Every function here costs the same number of SQL queries however many networks,
members or pages exist: related rows are fetched in bulk and matched in Python.
Pages and working areas come in the language the page is shown in (a ``Locale``);
where a translation is missing the source-language (English) version is used
instead, linked at its fallback address in that language.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import F, Prefetch, Q

from tusenet.i18n import multilingual

from .models.library import Publication, PublicationKind
from .models.partners import Country, Membership, Network, WorkingArea


@dataclass
class MemberLink:
    member: object
    page: object = None
    role: str = ""


@dataclass
class NetworkSummary:
    network: object
    page: object = None
    swedish: list = field(default_factory=list)
    turkish: list = field(default_factory=list)


def _in_language(queryset, locale):
    """Restrict to the given locale and the default one (the fallback)."""
    return queryset.filter(Q(locale=locale) | Q(locale__language_code=settings.LANGUAGE_CODE))


def _prefer_locale(objects, key, locale):
    """Map key(obj) to obj, keeping the object in ``locale`` over the fallback, flagged as such."""
    chosen = multilingual.one_per_page(objects, locale, key)
    for obj in chosen.values():
        obj.is_fallback = obj.locale_id != locale.pk
        obj.content_language = settings.LANGUAGE_CODE if obj.is_fallback else locale.language_code
    return chosen


def pages_for(page_model, field_name, ids, locale):
    """Live pages of ``page_model`` whose ``field_name`` is in ``ids``, keyed by that id."""
    found = linked_pages({(page_model, field_name): ids}, locale)
    return {row_id: page for (_model, row_id), page in found.items()}


def linked_pages(wanted, locale):
    """Live pages about partnership rows, for several page types in one query.

    ``wanted`` maps ``(page_model, field_name)`` to the ids of the rows whose pages
    are needed (``(MunicipalityPage, "municipality"): {3, 7}``). The answer maps
    ``(page_model, row_id)`` to the page in ``locale`` or its fallback. The pages
    are plain ``Page`` objects: enough to link to them by title and address.
    """
    from wagtail.models import Page

    conditions, links, annotations = Q(), {}, {}
    for (page_model, field_name), ids in wanted.items():
        if ids:
            relation = page_model._meta.model_name
            conditions |= Q(**{f"{relation}__{field_name}_id__in": ids})
            links[f"link_{relation}"] = page_model
            annotations[f"link_{relation}"] = F(f"{relation}__{field_name}_id")
    if not links:
        return {}
    pages = _in_language(Page.objects.live().public().filter(conditions).annotate(**annotations), locale)

    def key(page):
        return next((model, getattr(page, name)) for name, model in links.items() if getattr(page, name))

    chosen = _prefer_locale(pages, key, locale)
    multilingual.mark_fallbacks(chosen.values(), locale)
    return chosen


def working_areas_for(module_ids, locale):
    """Working areas of the given modules, by module id, in the page's language."""
    areas = _in_language(WorkingArea.objects.filter(module_id__in=module_ids), locale)
    chosen = _prefer_locale(areas, lambda area: area.translation_key, locale).values()
    by_module = {}
    for area in sorted(chosen, key=lambda area: area.sort_order or 0):
        by_module.setdefault(area.module_id, []).append(area)
    return by_module


def _member_pages_wanted(memberships):
    """The ``linked_pages`` request for the pages of these memberships' members."""
    from .models.pages import AssociationPage, MunicipalityPage

    return {
        (MunicipalityPage, "municipality"): {m.municipality_id for m in memberships if m.municipality_id},
        (AssociationPage, "association"): {m.association_id for m in memberships if m.association_id},
    }


def _member_link(membership, pages):
    from .models.pages import AssociationPage, MunicipalityPage

    if membership.municipality_id:
        page = pages.get((MunicipalityPage, membership.municipality_id))
    else:
        page = pages.get((AssociationPage, membership.association_id))
    return MemberLink(membership.member, page, membership.get_role_display())


def _memberships_prefetch():
    return Prefetch(
        "memberships",
        queryset=Membership.objects.select_related("municipality", "association").order_by("sort_order", "pk"),
    )


def _summaries(networks, locale, also_wanted=None):
    """Summaries of ``networks``, and the pages looked up for them (plus ``also_wanted``, in the same query)."""
    from .models.pages import NetworkPage

    networks = list(networks)
    memberships = [m for network in networks for m in network.memberships.all()]
    wanted = {
        **_member_pages_wanted(memberships),
        (NetworkPage, "network"): {n.pk for n in networks},
        **(also_wanted or {}),
    }
    pages = linked_pages(wanted, locale)
    summaries = []
    for network in networks:
        summary = NetworkSummary(network, pages.get((NetworkPage, network.pk)))
        for membership in network.memberships.all():
            side = summary.swedish if membership.member.country == Country.SWEDEN else summary.turkish
            side.append(_member_link(membership, pages))
        summaries.append(summary)
    return summaries, pages


def network_summaries(locale):
    """All networks with their pages and members grouped Swedish / Turkish."""
    return _summaries(Network.objects.prefetch_related(_memberships_prefetch()), locale)[0]


def network_details(network_id, locale):
    """What a network page shows: its members, its module page and working areas."""
    from .models.pages import ModulePage

    networks = Network.objects.filter(pk=network_id).prefetch_related(_memberships_prefetch())
    network = networks.first()
    summaries, pages = _summaries([network], locale, {(ModulePage, "module"): {network.module_id}})
    return {
        "summary": summaries[0],
        "summary_list": summaries,
        "module_page": pages.get((ModulePage, network.module_id)),
        "working_areas": working_areas_for([network.module_id], locale).get(network.module_id, []),
    }


def networks_of(member, locale):
    """The networks of a municipality or association, each with its page in ``locale``."""
    from .models.pages import NetworkPage

    memberships = list(member.memberships.select_related("network").order_by("network__number"))
    pages = pages_for(NetworkPage, "network", {m.network_id for m in memberships}, locale)
    return [
        {"network": m.network, "page": pages.get(m.network_id), "role": str(m.get_role_display())} for m in memberships
    ]


def member_directory(locale):
    """Every municipality (Swedish, then Turkish) and association, with their pages and networks."""
    from .models.pages import AssociationPage, MunicipalityPage
    from .models.partners import Association, Municipality

    municipalities = list(Municipality.objects.order_by("name"))
    associations = list(Association.objects.order_by("acronym"))
    numbers = {}  # ("municipality" or "association", id) -> network numbers, from one query for both
    memberships = Membership.objects.select_related("network").only(
        "municipality_id", "association_id", "network__number"
    )
    for membership in memberships:
        if membership.municipality_id:
            key = ("municipality", membership.municipality_id)
        else:
            key = ("association", membership.association_id)
        numbers.setdefault(key, []).append(membership.network.number)
    pages = linked_pages(
        {
            (MunicipalityPage, "municipality"): {m.pk for m in municipalities},
            (AssociationPage, "association"): {a.pk for a in associations},
        },
        locale,
    )

    def entry(member, page_model):
        networks = sorted(numbers.get((member._meta.model_name, member.pk), []))
        return {"member": member, "page": pages.get((page_model, member.pk)), "networks": networks}

    return {
        "swedish": [entry(m, MunicipalityPage) for m in municipalities if m.country == Country.SWEDEN],
        "turkish": [entry(m, MunicipalityPage) for m in municipalities if m.country == Country.TURKEY],
        "associations": [entry(a, AssociationPage) for a in associations],
    }


def publications(**filters):
    """The listed newsletters and products matching ``filters``, with their attached files."""
    return list(Publication.objects.filter(**filters).select_related("document"))


def newsletters():
    return publications(kind=PublicationKind.NEWSLETTER)


def module_summaries(products_page, locale):
    """The module pages under the products page, each with its working areas and listed products."""
    from .models.pages import ModulePage

    pages = ModulePage.objects.child_of(products_page).live().public().order_by("path")
    pages = multilingual.mark_fallbacks(pages, locale)
    module_ids = [page.module_id for page in pages]
    areas = working_areas_for(module_ids, locale)
    products = {}
    for product in publications(kind=PublicationKind.PRODUCT, module_id__in=module_ids):
        products.setdefault(product.module_id, []).append(product)
    return [
        {"page": page, "working_areas": areas.get(page.module_id, []), "products": products.get(page.module_id, [])}
        for page in pages
    ]


def module_details(module_page, locale):
    """What a module page shows: working areas, networks running it, its listed products and attached documents."""
    module_id = module_page.module_id
    networks = Network.objects.filter(module_id=module_id).prefetch_related(_memberships_prefetch())
    documents = [d.document for d in module_page.documents.select_related("document") if d.document]
    return {
        "working_areas": working_areas_for([module_id], locale).get(module_id, []),
        "networks": _summaries(networks, locale)[0],
        "products": publications(kind=PublicationKind.PRODUCT, module_id=module_id),
        "documents": documents,
    }


def recent_posts(locale, count):
    """The ``count`` newest live posts (by their date) in ``locale``, English ones standing in for missing translations.

    Each post has at most two versions here (``locale`` and English), so the ``2 × count``
    newest versions hold ``count`` distinct posts.
    """
    from .models.pages import PostPage

    versions = _in_language(PostPage.objects.live().public(), locale).order_by(*PostPage.NEWEST_FIRST)[: count * 2]
    posts = sorted(multilingual.one_per_page(versions, locale).values(), key=PostPage.sort_key, reverse=True)
    return multilingual.mark_fallbacks(posts[:count], locale)
