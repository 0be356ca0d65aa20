from __future__ import annotations

from django import template

from matchmaking import selectors

register = template.Library()


@register.inclusion_tag("matchmaking/_preference_forms.html", takes_context=True)
def preference_forms(context, artisan) -> dict:
    """For a buyer on an artisan's page: one form per program they share. Two queries."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_buyer:
        return {"forms": [], "request": request}
    marks = selectors.my_preferences(user)
    forms = [
        {"program": program, "other_id": artisan.pk, "other_name": artisan.business_name,
         "level": marks.get((program.pk, artisan.pk))}
        for program in selectors.shared_programs(buyer_user=user, artisan=artisan)
    ]
    return {"forms": forms, "next": request.get_full_path(), "request": request}


@register.simple_tag
def mark_of(marks: dict, program_id: int, other_id: int):
    return marks.get((program_id, other_id))
