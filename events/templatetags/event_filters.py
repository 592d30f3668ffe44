"""The filter panel's checkboxes, built in Python: a negotiation can have hundreds of
actors, and a template loop over them was the largest part of rendering the page."""

from collections.abc import Iterable

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def checkboxes(choices: Iterable[tuple[str, str, bool]], name: str) -> SafeString:
    """One labelled checkbox per (value, label, checked), all named `name`."""
    field = escape(name)
    return mark_safe(
        "".join(
            f'\n            <label><input type="checkbox" name="{field}" value="{escape(value)}"'
            f"{' checked' if on else ''}> {escape(label)}</label>"
            for value, label, on in choices
        )
    )
