"""The editorial roles: who may edit, translate, approve and publish what.

| group               | pages                                        | partnership data | publish |
|---------------------|----------------------------------------------|------------------|---------|
| Editors             | every language; start and sync translations  | no               | yes     |
| Turkish translators | the Turkish tree only                        | no               | no: submit for approval |
| Swedish translators | the Swedish tree only                        | no               | no: submit for approval |
| Moderators          | every language; approve submitted changes    | no               | yes     |
| Data admins         | none                                         | all              | no pages |

Page permissions are tree-based in Wagtail, so a translators group holds its rights on
its language's home page. Image and document permissions are per collection: Wagtail reads
them from the root collection, not from the group's own permissions. Wagtail's "Moderators
approval" workflow on the root page makes a translator's change wait for a moderator. The
functions take an ``apps`` registry so the data migration and the content loader share them.
"""

PAGE_EDITING = ["add_page", "change_page"]
PAGE_PUBLISHING = [*PAGE_EDITING, "publish_page", "lock_page", "unlock_page"]
MEDIA = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]
ADMIN_ACCESS = [("wagtailadmin", "access_admin")]
PARTNERSHIP_MODELS = ["municipality", "association", "network", "module", "workingarea"]
PARTNERSHIP_DATA = [
    ("partnerships", f"{action}_{model}")
    for model in PARTNERSHIP_MODELS
    for action in ("add", "change", "delete", "view")
]

#: Group name → (global permissions, page permissions, the tree they apply to: "all" or a language).
ROLES = {
    "Editors": ([*ADMIN_ACCESS, *MEDIA, ("wagtail_localize", "submit_translation")], PAGE_PUBLISHING, "all"),
    "Moderators": ([*ADMIN_ACCESS, *MEDIA, ("wagtail_localize", "submit_translation")], PAGE_PUBLISHING, "all"),
    "Turkish translators": (
        [*ADMIN_ACCESS, ("wagtailimages", "choose_image"), ("wagtaildocs", "choose_document")],
        PAGE_EDITING,
        "tr",
    ),
    "Swedish translators": (
        [*ADMIN_ACCESS, ("wagtailimages", "choose_image"), ("wagtaildocs", "choose_document")],
        PAGE_EDITING,
        "sv",
    ),
    "Data admins": ([*ADMIN_ACCESS, *PARTNERSHIP_DATA], [], None),
}

#: Which translators group translates into which language.
TRANSLATORS = {"tr": "Turkish translators", "sv": "Swedish translators"}
#: The moderation workflow's name (and its task's): Wagtail shows it as stored, untranslated, in every admin
#: language ("'Moderators approval' başlatıldı"), so it is written in the three languages of the admins.
MODERATION_WORKFLOW = "Approval · Onay · Godkännande"
#: Its earlier names, renamed on existing databases.
FORMER_MODERATION_WORKFLOW_NAMES = ["Moderators approval"]


def _permission(apps, app_label, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def ensure_roles(apps):
    """Create or correct every group and its permissions, and the moderation workflow. Idempotent."""
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    for name, (global_permissions, _page_permissions, _tree) in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set([_permission(apps, app_label, codename) for app_label, codename in global_permissions])
        _grant_media(apps, group, global_permissions)
    root = Page.objects.filter(depth=1).first()
    if root is not None:
        for name, (_global, page_permissions, tree) in ROLES.items():
            if tree == "all":
                _grant_pages(apps, Group.objects.get(name=name), root, page_permissions)
        _ensure_moderation(apps, root)
    grant_translation_trees(apps)


def grant_translation_trees(apps):
    """Give each translators group its rights on its language's home page, once that page exists."""
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    for language, group_name in TRANSLATORS.items():
        home = Page.objects.filter(depth=2, locale__language_code=language).first()
        group = Group.objects.filter(name=group_name).first()
        if home is not None and group is not None:
            _grant_pages(apps, group, home, ROLES[group_name][1])


def _grant_pages(apps, group, page, codenames):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    wanted = {_permission(apps, "wagtailcore", codename) for codename in codenames}
    existing = GroupPagePermission.objects.filter(group=group, page=page)
    existing.exclude(permission__in=wanted).delete()
    for permission in wanted:
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def _grant_media(apps, group, permissions):
    """The group's image and document rights, on the root collection (so in every collection)."""
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    media = ("wagtailimages", "wagtaildocs")
    wanted = {_permission(apps, app_label, codename) for app_label, codename in permissions if app_label in media}
    existing = GroupCollectionPermission.objects.filter(
        group=group, collection=root, permission__content_type__app_label__in=media
    )
    existing.exclude(permission__in=wanted).delete()
    for permission in wanted:
        GroupCollectionPermission.objects.get_or_create(group=group, collection=root, permission=permission)


def _ensure_moderation(apps, root):
    """Wagtail's moderation workflow (``MODERATION_WORKFLOW``), assigned to the root so it covers every language."""
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Task = apps.get_model("wagtailcore", "Task")
    if not Workflow.objects.filter(name=MODERATION_WORKFLOW).exists():
        Workflow.objects.filter(name__in=FORMER_MODERATION_WORKFLOW_NAMES).update(name=MODERATION_WORKFLOW)
        Task.objects.filter(name__in=FORMER_MODERATION_WORKFLOW_NAMES).update(name=MODERATION_WORKFLOW)
    workflow, _created = Workflow.objects.get_or_create(name=MODERATION_WORKFLOW, defaults={"active": True})
    if not WorkflowTask.objects.filter(workflow=workflow).exists():
        task_type, _created = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
        task = GroupApprovalTask.objects.create(name=MODERATION_WORKFLOW, content_type=task_type, active=True)
        task.groups.set([Group.objects.get(name="Moderators")])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.get_or_create(page=root, defaults={"workflow": workflow})
