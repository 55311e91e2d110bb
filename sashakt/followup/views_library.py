"""The library pages: a participant's materials on the phone, the staff's list per
programme, adding and removing materials, each file through a permission check, and the
offline worker that keeps downloaded files on the phone."""

from typing import cast

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.staticfiles import finders
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from sashakt.core.permissions import get_scoped_or_404, role_required
from sashakt.core.private_files import private_file_response
from sashakt.core.refusals import refused_redirect, refused_to_form
from sashakt.followup import library
from sashakt.followup.library import signed_in_user
from sashakt.followup.models_library import Material, MaterialKind
from sashakt.programmes.models import Module


@role_required(*library.READ_ROLES)
def library_home(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    """Every programme the user may read, with each module's materials (the participant's
    phone page: small, no pictures; each file's size shown before it is fetched)."""
    programmes = library.library_of(library.programmes_readable(user))
    changeable = (
        set(library.modules_changeable(user).values_list("pk", flat=True))
        if user.role in library.UPLOAD_ROLES
        else set()
    )
    return render(
        request,
        "followup/library/home.html",
        {"programmes": programmes, "changeable": changeable},
    )


class MaterialForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=MaterialKind.choices)
    title_hi = forms.CharField(label=gettext_lazy("Title (Hindi)"), max_length=200)
    title_en = forms.CharField(label=gettext_lazy("Title (English)"), max_length=200)
    file = forms.FileField(
        label=gettext_lazy("File"),
        required=False,
        help_text=gettext_lazy("PDF, PowerPoint, OpenDocument slides or a sound file."),
    )
    link = forms.URLField(
        label=gettext_lazy("Video link"),
        required=False,
        assume_scheme="https",
        help_text=gettext_lazy("For a video: its address (https://…)."),
    )


@role_required(*library.UPLOAD_ROLES)
def material_add(request: HttpRequest, module_pk: int) -> HttpResponse:
    user = signed_in_user(request)
    module = cast(Module, get_scoped_or_404(user, library.modules_changeable, module_pk))
    form = MaterialForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            library.material_add(
                user=user,
                module=module,
                kind=data["kind"],
                title_hi=data["title_hi"],
                title_en=data["title_en"],
                upload=data["file"],
                link=data["link"],
            )
        except library.LibraryError as refusal:
            refused_to_form(form, refusal)
        else:
            messages.success(request, _("The material was added to the library."))
            return redirect(reverse("followup:library") + f"#module-{module.pk}")
    return render(
        request,
        "followup/library/material_add.html",
        {"form": form, "module": module, "max_mb": settings.LIBRARY_MAX_MB},
    )


@role_required(*library.UPLOAD_ROLES)
def material_remove(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    changeable = library.materials_for_user(user).filter(
        module__in=library.modules_changeable(user)
    )
    material = cast(Material, get_scoped_or_404(user, changeable, pk))
    if request.method == "POST":
        try:
            library.material_remove(user=user, material=material)
        except library.LibraryError as refusal:
            return refused_redirect(request, refusal, "followup:library")
        messages.success(request, _("The material was removed from the library."))
        return redirect("followup:library")
    return render(request, "followup/library/material_remove.html", {"material": material})


@role_required(*library.READ_ROLES)
def material_file(request: HttpRequest, pk: int, digest: str) -> HttpResponse:
    """A material's file, for those who may read its programme's library. The address holds
    the content's hash: a changed file is a new address, so the phone may keep this one."""
    material = cast(Material, get_scoped_or_404(request.user, library.materials_for_user, pk))
    if not material.file or not material.sha256.startswith(digest):
        raise Http404
    response = private_file_response(
        material.file.name, filename=material.download_name, as_attachment=False
    )
    response["Content-Type"] = material.content_type
    response["Cache-Control"] = "private, max-age=31536000, immutable"
    return response


@role_required(*library.READ_ROLES)
def library_offline(request: HttpRequest) -> HttpResponse:
    """Shown by the offline worker for a library page the phone did not keep."""
    return render(request, "followup/library/offline.html")


@never_cache
def library_service_worker(request: HttpRequest) -> HttpResponse:
    """The attendance pages' offline worker, served here too so that its scope covers the
    library: a file opened once is kept on the phone (see static/attendance/sw.js)."""
    path = finders.find("attendance/sw.js")
    if not path:
        raise Http404
    with open(path, "rb") as script:
        response = HttpResponse(script.read(), content_type="text/javascript")
    response["Service-Worker-Allowed"] = reverse("followup:library")
    return response
