"""The one way to reach data that belongs to a person.

Every read of owned data goes through these getters: they take the requesting user and answer 404 for
anyone else, so that a wrong id and someone else's id look the same. Views never call
``Model.objects.get(pk=...)`` on owned data.
"""

from django.http import Http404

from earnedsecure.core.logs import security_event_log
from earnedsecure.core.personal_data import owner_field_for


def owned_queryset(model, user):
    """All rows of ``model`` that belong to ``user`` (empty for anonymous users)."""
    if not getattr(user, "is_authenticated", False):
        return model.objects.none()
    return model.objects.filter(**{owner_field_for(model): user.pk})


def get_owned_or_404(model, user, **lookup):
    """One row of ``model`` belonging to ``user``; 404 whether it is missing or someone else's.

    A refusal is a security event (core/logs.py): who asked and for what kind of row, never the id asked for or
    anything of the row. Missing and someone else's are not told apart there either: telling them apart would
    mean looking at the other person's rows."""
    try:
        return owned_queryset(model, user).get(**lookup)
    except (model.DoesNotExist, ValueError, TypeError):
        security_event_log(
            "owned_object_refused", actor_id=getattr(user, "pk", None), object_kind=model._meta.label, refused=True
        )
        raise Http404("Not found") from None
