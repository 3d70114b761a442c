"""Admin forms that validate a network together with its inline members."""

from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm


class NetworkForm(WagtailAdminModelForm):
    def clean(self):
        from .models.partners import network_member_errors

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
        errors = network_member_errors(members)
        if errors:
            raise ValidationError(errors)
        return cleaned_data
