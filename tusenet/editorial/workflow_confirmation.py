"""A moderator's approval or rejection, confirmed in words.

Wagtail's workflow action, as the dashboard's "Awaiting your review" panel sends it, approves or rejects
the page and returns to the dashboard without a word: the moderator cannot tell whether it worked.
"""

from django.contrib import messages
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from wagtail.models import TaskState

WORKFLOW_ACTION = "wagtailadmin_pages:workflow_action"


class WorkflowActionConfirmationMiddleware:
    """After a workflow action that approved or rejected a task, say so in the admin's language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        task_state_id = self.workflow_action_task(request)
        if task_state_id is None:
            return self.get_response(request)
        before = TaskState.objects.filter(pk=task_state_id).values_list("status", flat=True).first()
        response = self.get_response(request)
        task_state = TaskState.objects.filter(pk=task_state_id).select_related("workflow_state").first()
        if task_state is not None and before == TaskState.STATUS_IN_PROGRESS and task_state.status != before:
            self.confirm(request, task_state)
        return response

    @staticmethod
    def workflow_action_task(request):
        if request.method != "POST" or not request.path.startswith("/admin/pages/workflow/action/"):
            return None
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        return match.kwargs.get("task_state_id") if match.view_name == WORKFLOW_ACTION else None

    @staticmethod
    def confirm(request, task_state):
        title = task_state.workflow_state.content_object.get_admin_display_title()
        # In the admin's language: tusenet.i18n.admin_language holds it for the whole request.
        if task_state.status == TaskState.STATUS_APPROVED:
            messages.success(request, _("“%(title)s” is approved.") % {"title": title})
        elif task_state.status == TaskState.STATUS_REJECTED:
            messages.success(request, _("Changes to “%(title)s” are requested.") % {"title": title})
