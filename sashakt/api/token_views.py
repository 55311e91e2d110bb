"""The state cell's page of API tokens: make one (its secret shown once), see when each was
last used, revoke one (after a confirmation)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from sashakt.api.forms import TokenForm
from sashakt.api.models import ApiToken
from sashakt.api.tokens import token_create, token_revoke, tokens_for_user
from sashakt.core.permissions import get_scoped_or_404, role_required
from sashakt.core.roles import Role


@role_required(Role.STATE)
def token_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "api/token_list.html",
        {"tokens": tokens_for_user(request.user), "docs_url": reverse("api:docs")},
    )


@never_cache
@role_required(Role.STATE)
def token_new(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            made = token_create(
                user=request.user,
                name=form.cleaned_data["name"],
                owner=form.cleaned_data["owner"],
                scopes=form.cleaned_data["scopes"],
                expires_at=form.expires_at(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            # Shown on this answer only: it is kept nowhere but as its hash.
            return render(
                request, "api/token_made.html", {"token": made.token, "secret": made.secret}
            )
    return render(request, "api/token_new.html", {"form": form})


@role_required(Role.STATE)
def token_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_scoped_or_404(request.user, tokens_for_user, pk)
    assert isinstance(token, ApiToken)
    if request.method == "POST":
        token_revoke(user=request.user, token=token)
        messages.success(request, _("The token was revoked; it no longer works."))
        return redirect("api:tokens")
    return render(request, "api/token_revoke.html", {"token": token})
