"""The import pages: upload → map columns → check → decide duplicates → import."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sashakt.core.permissions import get_scoped_or_404, role_required
from sashakt.core.roles import Role
from sashakt.core.spreadsheets import table_bytes
from sashakt.core.text import typed_id
from sashakt.people import import_columns
from sashakt.people.models import Designation, Gender, ParticipantImport
from sashakt.people.reports import decision_labels, duplicate_kind_labels, note_summary_lines
from sashakt.people.selectors import imports_for_user
from sashakt.people.services import (
    participant_import_check,
    participant_import_commit,
    participant_import_create,
    participant_import_set_mapping,
)

IMPORT_ROLES = (Role.STATE, Role.DISTRICT)


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet"),
        help_text=gettext_lazy("Excel (.xlsx, .xls) or CSV, with one person per row."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xls,.csv,.ods"}),
    )
    skip_invalid = forms.BooleanField(
        label=gettext_lazy("Import the valid rows even if some rows have problems"),
        required=False,
    )


@role_required(*IMPORT_ROLES)
def import_start(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            upload = participant_import_create(
                user=request.user,
                uploaded_file=form.cleaned_data["file"],
                skip_invalid=form.cleaned_data["skip_invalid"],
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            return redirect(upload)
    recent = imports_for_user(request.user)[:10]
    required = [
        str(import_columns.FIELD_LABELS[f.name]) for f in import_columns.FIELDS if f.required
    ]
    return render(
        request,
        "people/import_start.html",
        {"form": form, "recent": recent, "required": required},
    )


def _defaults_offered(upload: ParticipantImport) -> list[dict]:
    """A value for every defaultable required column the chosen mapping lacks."""
    mapped = set(upload.mapping.values())
    choices = {"designation": Designation.choices, "gender": Gender.choices}
    return [
        {
            "name": name,
            "label": import_columns.FIELD_LABELS[name],
            "choices": choices[name],
            "chosen": upload.defaults.get(name, ""),
        }
        for name in import_columns.DEFAULTABLE
        if name not in mapped
    ]


def _field_choices():
    return [("", _("— not used —")), (import_columns.IGNORE, _("Ignore this column"))] + [
        (f.name, str(import_columns.FIELD_LABELS[f.name]) + (" *" if f.required else ""))
        for f in import_columns.FIELDS
    ]


@role_required(*IMPORT_ROLES)
def import_detail(request, pk):
    upload = get_scoped_or_404(request.user, imports_for_user, pk)
    running = next(
        (job for job in (upload.check_job, upload.import_job) if job and not job.is_finished), None
    )
    if request.htmx and request.GET.get("poll"):
        if running is None:
            response = HttpResponse()
            response["HX-Refresh"] = "true"
            return response
        return render(request, "core/_job_status.html", {"job": running})
    summary = upload.summary or {}
    kinds, decisions = duplicate_kind_labels(), decision_labels()
    duplicates = [
        {
            **dup,
            "kind_label": kinds.get(dup["kind"], dup["kind"]),
            "choices": [
                (key, decisions[key])
                for key in (
                    ["skip", "new"]
                    if dup["kind"].startswith("file_")
                    else ["skip", "merge", "new"]
                    if dup["kind"] in ("registry_name", "registry_possible")
                    else ["skip", "merge"]
                )
            ],
        }
        for dup in summary.get("duplicate_rows", [])
        if dup["kind"] != "file_mobile"
    ]
    context = {
        "upload": upload,
        "running": running,
        "summary": summary,
        "problems": summary.get("problems", []),
        "duplicates": duplicates,
        "file_duplicates": [
            d for d in summary.get("duplicate_rows", []) if d["kind"] == "file_mobile"
        ],
        "field_choices": _field_choices(),
        "defaults_offered": _defaults_offered(upload),
        "mobile_mapped": "mobile" in upload.mapping.values(),
        "notes": summary.get("notes", []),
        "notes_total": summary.get("notes_total", 0),
        "note_lines": note_summary_lines(summary.get("note_counts", {})),
        "mapping": {int(k): v for k, v in upload.mapping.items()},
        "report_job": upload.import_job
        if upload.import_job and upload.import_job.output
        else upload.check_job,
        "can_import": bool(summary)
        and upload.status == ParticipantImport.Status.CHECKED
        and not summary.get("file_error")
        and (summary.get("invalid", 0) == 0 or upload.skip_invalid),
    }
    return render(request, "people/import_detail.html", context)


@require_POST
@role_required(*IMPORT_ROLES)
def import_check(request, pk):
    upload = get_scoped_or_404(request.user, imports_for_user, pk)
    if upload.status == ParticipantImport.Status.IMPORTED:
        return redirect(upload)
    mapping = {
        column["index"]: request.POST.get(f"column-{column['index']}", "")
        for column in upload.columns
    }
    try:
        participant_import_set_mapping(
            upload=upload,
            mapping=mapping,
            skip_invalid=bool(request.POST.get("skip_invalid")),
            defaults={
                name: request.POST.get(f"default-{name}", "") for name in import_columns.DEFAULTABLE
            },
            allow_missing_mobile=bool(request.POST.get("allow_missing_mobile")),
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(upload)
    participant_import_check(upload=upload, user=request.user)
    return redirect(upload)


@require_POST
@role_required(*IMPORT_ROLES)
def import_commit(request, pk):
    upload = get_scoped_or_404(request.user, imports_for_user, pk)
    decisions = {}
    for key, value in request.POST.items():
        if key.startswith("decision-") and (row := typed_id(key.removeprefix("decision-"))):
            decisions[row] = value
    try:
        participant_import_commit(upload=upload, user=request.user, decisions=decisions)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    return redirect(upload)


@role_required(*IMPORT_ROLES)
def import_template(request, suffix: str):
    if suffix not in {"xlsx", "csv"}:
        raise Http404
    headers = import_columns.template_headers()
    example = [
        "राम कुमार",
        "Ram Kumar",
        "पुरुष",
        "9839012345",
        "ग्राम प्रधान",
        "कानपुर नगर",
        "बिल्हौर",
        "अरौल",
        "OBC",
        "15/05/2021",
        "",
        "",
    ]
    content = table_bytes(f".{suffix}", headers, [example], sheet_title="Sashakt")
    content_type = (
        "text/csv; charset=utf-8"
        if suffix == "csv"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="sashakt-registry-template.{suffix}"'
    return response
