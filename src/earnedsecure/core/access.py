"""The one way to reach data that belongs to a person.

Every read of owned data goes through these getters: they take the requesting user and answer 404 for
anyone else, so that a wrong id and someone else's id look the same. Views never call
``Model.objects.get(pk=...)`` on owned data.
"""

from django.http import Http404

from earnedsecure.core.personal_data import owner_field_for


def owned_queryset(model, user):
    """All rows of ``model`` that belong to ``user`` (empty for anonymous users)."""
    if not getattr(user, "is_authenticated", False):
        return model.objects.none()
    return model.objects.filter(**{owner_field_for(model): user.pk})


def get_owned_or_404(model, user, **lookup):
    """One row of ``model`` belonging to ``user``; 404 whether it is missing or someone else's."""
    try:
        return owned_queryset(model, user).get(**lookup)
    except (model.DoesNotExist, ValueError, TypeError):
        raise Http404("Not found") from None
