from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def apply_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Show an action's ValidationError on the form: per field where it names one."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            visible = field in form.fields and not form.fields[field].widget.is_hidden
            form.add_error(field if visible else None, errors)
    else:
        form.add_error(None, exc)
