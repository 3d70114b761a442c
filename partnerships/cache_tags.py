"""Cache entries that know what they show, and are evicted exactly when that changes.

While a page or a fragment is rendered, every page and every partnership record
the code loads from the database is noted as a *tag* (``page:42``,
``partnerships.municipality:7``). The cached entry is stored with the current
time it started rendering. Changing something records the time its tags
changed (:func:`evict`); an entry that showed a tag changed after the entry
started rendering is stale and is rendered afresh at its next request, in
whichever worker or language it is asked for.

Change times live in the same cache as the entries (Redis in production), so all
app servers agree on them. Times are integer nanoseconds (:func:`now`): Redis keeps
integers as plain numbers, which a page-cache hit reads without unpickling. An
entry is only served when every one of its tags has a change time older than the
entry: when the cache has dropped one, the entry is rendered again.

Each process keeps a copy of the entries it uses most (``keep_local_copy``). Within
a request (:func:`request_scope`), a copy found fresh after the last change anywhere
is used without asking the cache again: the request reads the last change time once.
"""

import hashlib
import logging
import time
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.db.models.signals import post_init
from django.dispatch import receiver
from django_redis.cache import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

#: Apps whose rows pages show (pages themselves are tracked wherever their model lives).
TRACKED_APPS = {"partnerships", "wagtailimages", "wagtaildocs"}
#: Every entry has it: sites, locales and deploys evict everything (:func:`evict_everything`).
SITE_TAG = "site"
CHANGED_PREFIX = "tusenet:changed-ns:"
#: How long before a render an unknown change time is put (1 ms).
UNKNOWN_CHANGE_MARGIN = 1_000_000
#: When anything last changed: entries checked fresh after it need no check of their tags.
LAST_CHANGE_KEY = "tusenet:last-change-ns"
#: Beside an entry: when it was last found fresh (minus RECHECK_MARGIN, for clocks of other servers).
CHECKED_SUFFIX = ":checked"
TAGS_SUFFIX = ":tags"
#: Beside an entry: when it was rendered, which tells a process whether its local copy is that entry.
STAMP_SUFFIX = ":rendered"
#: Entries kept in each process (``keep_local_copy``): the oldest goes first.
LOCAL_COPIES_MAX = 500
RECHECK_MARGIN = 1_000_000_000  # 1 s
CHECKED_SECONDS = 24 * 60 * 60
#: The longest a fragment may stay cached: it is evicted when what it shows changes.
FRAGMENT_SECONDS = 24 * 60 * 60


class LocalCopy:
    """An entry kept in this process: its render time and value, and when it was last found fresh."""

    __slots__ = ("rendered_at", "value", "fresh_at")

    def __init__(self, rendered_at, value):
        self.rendered_at = rendered_at
        self.value = value
        #: Minus RECHECK_MARGIN; None until a check finds this copy fresh.
        self.fresh_at = None


_local_copies: dict[str, LocalCopy] = {}


class Recording:
    """The tags one render noted, and when it started (before it read anything)."""

    def __init__(self):
        self.tags = {SITE_TAG}
        self.started_at = now()


#: The renders in progress (outermost first); empty when nothing records.
_recordings: ContextVar[tuple[Recording, ...]] = ContextVar("tusenet_cache_recordings", default=())
#: Inside a request (:func:`request_scope`): {"last_change": ...} once read, {} before.
_request_reads: ContextVar[dict | None] = ContextVar("tusenet_cache_request_reads", default=None)


def now():
    """The time in integer nanoseconds, the unit of every time the cache keeps."""
    return time.time_ns()


def fragment_key(name, *parts):
    """A cache key for a fragment named ``name`` that depends on ``parts`` (hashed: any length is fine)."""
    digest = hashlib.sha256("\x1f".join(str(part) for part in parts).encode()).hexdigest()
    return f"tusenet:{name}:{digest}"


def page_tag(page_id):
    return f"page:{page_id}"


def record_tag(instance_label, pk):
    return f"{instance_label}:{pk}"


def children_tag(translation_key):
    """The list of a page's children, in any language (pages are matched across languages by key)."""
    return f"children:{translation_key}"


def note_children(page):
    """The render lists ``page``'s children: a child published, unpublished or moved must evict it."""
    note(children_tag(page.translation_key))


def listing_tag(model):
    """A list of a model's rows or pages, which changes when one is added (see :func:`note_listing`)."""
    return f"{model._meta.label_lower}:new"


def note_listing(model):
    """The render lists ``model`` by a query: a new row or page of it must evict the render too."""
    note(listing_tag(model))


@contextmanager
def recording():
    """Note every tag the code inside loads, in a :class:`Recording` (outer recordings get them too)."""
    current = Recording()
    token = _recordings.set((*_recordings.get(), current))
    try:
        yield current
    finally:
        _recordings.reset(token)


@contextmanager
def request_scope():
    """Within one request, read when anything last changed once, for every local copy used.

    A local copy found fresh after the last change needs no round trip of its own: a page
    using ten cached fragments reads the cache once instead of ten times.
    """
    token = _request_reads.set({})
    try:
        yield
    finally:
        _request_reads.reset(token)


def _last_change_in_this_request():
    """When anything last changed, read once per request; None outside a request or if unknown."""
    reads = _request_reads.get()
    if reads is None:
        return None
    if "last_change" not in reads:
        reads["last_change"] = _get_many([LAST_CHANGE_KEY]).get(LAST_CHANGE_KEY)
    return reads["last_change"]


def _fresh_local_value(local):
    """The value of a :class:`LocalCopy` found fresh after the last change, without asking the cache."""
    if local.fresh_at is None or _recordings.get():
        return None  # a render being recorded needs the entry's tags, which live in the cache
    last_change = _last_change_in_this_request()
    if last_change is None or last_change >= local.fresh_at:
        return None
    return local.value


def note(*tags):
    """Add tags to every recording in progress (for data a render uses without loading rows)."""
    for render in _recordings.get():
        render.tags.update(tags)


@receiver(post_init)
def note_loaded_instance(sender, instance, **kwargs):
    """Every page, partnership record, image and document instantiated during a recording becomes one of its tags."""
    if _recordings.get():
        note_instances(instance)


def note_instances(*instances):
    """Note what these already loaded objects are (for a render that uses objects loaded before it)."""
    from wagtail.models import Page

    for instance in instances:
        if isinstance(instance, Page):
            note(page_tag(instance.pk))
        elif instance is not None and type(instance)._meta.app_label in TRACKED_APPS:
            note(record_tag(type(instance)._meta.label_lower, instance.pk), listing_tag(type(instance)))


def _change_times(tags):
    """When each tag last changed, or None when the cache has lost one of them."""
    keys = [CHANGED_PREFIX + tag for tag in tags]
    found = cache.get_many(keys)
    if len(found) != len(keys):
        return None
    return found.values()


def evict(*tags):
    """Every cached entry that showed one of these tags is stale from now on.

    Call it once the change is committed (see ``partnerships.cache_eviction``):
    an entry rendered before then may still hold the old data.
    """
    if tags:
        changed_at = now()
        changes = {CHANGED_PREFIX + tag: changed_at for tag in tags}
        cache.set_many({LAST_CHANGE_KEY: changed_at, **changes}, timeout=None)
        reads = _request_reads.get()
        if reads is not None:
            reads.clear()  # this request reads the change it made


def evict_everything():
    evict(SITE_TAG)


def get(key, keep_local_copy=False):
    """The value cached under ``key`` if nothing it showed has changed since it was rendered, else None.

    ``keep_local_copy`` (for immutable values such as pages' bytes) keeps the value in
    this process too: while the cache holds the same entry, only its render time is read.

    One round trip when nothing at all changed since the entry was last found fresh
    (the usual case); otherwise its tags' change times are read too, and an entry
    still fresh is marked so. A hit notes the entry's tags in the recordings in
    progress, so a page that contains a cached fragment depends on what it showed.
    The tags are kept beside the value and only read when needed.
    """
    checked_key, tags_key, stamp_key = key + CHECKED_SUFFIX, key + TAGS_SUFFIX, key + STAMP_SUFFIX
    in_a_recording = bool(_recordings.get())
    local = _local_copies.get(key) if keep_local_copy else None
    if local is not None:
        fresh = _fresh_local_value(local)
        if fresh is not None:
            return fresh
    asked_at = now()
    wanted = [stamp_key if local else key, checked_key, LAST_CHANGE_KEY, *([tags_key] if in_a_recording else [])]
    found = _get_many(wanted)
    if local is not None and found.get(stamp_key) == local.rendered_at:
        rendered_at, value = local.rendered_at, local.value  # the very entry the cache holds: it need not travel
    else:
        entry = found.get(key) if local is None else cache.get(key)
        if entry is None:
            return None
        rendered_at, value = entry
        if keep_local_copy:
            local = _keep_local_copy(key, entry)
    tags = found.get(tags_key)
    last_change = found.get(LAST_CHANGE_KEY)
    if last_change is None or last_change >= found.get(checked_key, rendered_at):
        checking_since = now()
        if last_change is None:  # never recorded, or dropped: from now on it is known
            cache.add(LAST_CHANGE_KEY, checking_since, timeout=None)
        tags = tags if tags is not None else cache.get(tags_key)
        changed_at = _change_times(tags) if tags is not None else None
        if changed_at is None or max(changed_at) >= rendered_at:
            return None
        cache.set(checked_key, checking_since - RECHECK_MARGIN, timeout=CHECKED_SECONDS)
    if keep_local_copy:
        local.fresh_at = asked_at - RECHECK_MARGIN
    if in_a_recording:
        if tags is None:
            return None
        note(*tags)
    return value


def _get_many(keys):
    """``cache.get_many(keys)``, read straight through the Redis connection when Redis is the cache.

    Every page-cache hit calls this once; django-redis's own ``get_many`` spends about
    a quarter of that round trip preparing keys and values, which matters at thousands
    of hits a second. Errors count as "not cached", like django-redis's
    ``IGNORE_EXCEPTIONS``.
    """
    backend = caches[DEFAULT_CACHE_ALIAS]
    if not isinstance(backend, RedisCache):
        return backend.get_many(keys)
    client = backend.client
    try:
        values = client.get_client(write=False).mget([client.make_key(key) for key in keys])
    except (RedisError, OSError):
        logger.warning("The cache did not answer: %s treated as not cached", keys, exc_info=True)
        return {}
    return {key: client.decode(value) for key, value in zip(keys, values, strict=True) if value is not None}


def _keep_local_copy(key, entry):
    """Keep ``entry`` (render time, value) in this process, as a :class:`LocalCopy` not yet found fresh."""
    if len(_local_copies) >= LOCAL_COPIES_MAX:
        del _local_copies[next(iter(_local_copies))]
    local = _local_copies[key] = LocalCopy(*entry)
    return local


def store(key, value, render, timeout, keep_local_copy=False):
    """Cache ``value``, made by ``render`` (a finished :class:`Recording`).

    A tag without a change time (never changed, or dropped by the cache) gets one
    just before the outermost render in progress began: entries rendered earlier
    count as stale, these as fresh. ``add`` never overwrites a concurrent change.
    """
    in_progress = _recordings.get()
    earliest_start = min([render.started_at, *(outer.started_at for outer in in_progress)])

    known = cache.get_many([CHANGED_PREFIX + tag for tag in render.tags])
    for tag in render.tags:
        if CHANGED_PREFIX + tag not in known:
            cache.add(CHANGED_PREFIX + tag, earliest_start - UNKNOWN_CHANGE_MARGIN, timeout=None)
    entry = {
        key: (render.started_at, value),
        key + TAGS_SUFFIX: tuple(render.tags),
        key + CHECKED_SUFFIX: render.started_at,
        key + STAMP_SUFFIX: render.started_at,
    }
    cache.set_many(entry, timeout)
    if keep_local_copy:
        _keep_local_copy(key, entry[key])


def get_or_render(key, compute, timeout):
    """A cached value, or ``compute()`` recorded and stored for next time.

    The value is kept in this process too (``keep_local_copy``): fragments hold model
    instances, and unpickling them on every request cost more than the queries they
    save. Whoever gets one only reads it; everything set on it is set by ``compute``.
    Without a cache shared by all processes (``TUSENET_FRAGMENT_CACHE`` off) it is computed every time.
    """
    if not settings.TUSENET_FRAGMENT_CACHE:
        return compute()
    value = get(key, keep_local_copy=True)
    if value is None:
        with recording() as render:
            value = compute()
        store(key, value, render, timeout, keep_local_copy=True)
    return value
