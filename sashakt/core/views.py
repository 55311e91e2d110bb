from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from sashakt.core.health import health_report
from sashakt.core.jobs import job_recover_if_stale
from sashakt.core.models import Job
from sashakt.core.permissions import get_scoped_or_404, role_required
from sashakt.core.private_files import private_file_response
from sashakt.core.roles import Role
from sashakt.core.selectors import audit_entries, audit_rows, audited_models, jobs_for_user


def about(request):
    return render(request, "core/about.html")


@login_required
def job_list(request):
    page = Paginator(jobs_for_user(request.user), 20).get_page(request.GET.get("page"))
    return render(request, "core/job_list.html", {"page": page})


@login_required
@cache_control(no_store=True)
def job_detail(request, pk):
    job = job_recover_if_stale(get_scoped_or_404(request.user, jobs_for_user, pk))
    template = "core/_job_status.html" if request.htmx else "core/job_detail.html"
    response = render(request, template, {"job": job})
    next_url = (job.result or {}).get("next_url") if job.status == Job.Status.SUCCEEDED else None
    if request.htmx and next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts=None):
        # The page polling the job moves on to what the job made (htmx follows this header).
        response["HX-Redirect"] = next_url
    return response


@login_required
def job_download(request, pk):
    job = get_scoped_or_404(request.user, jobs_for_user, pk)
    if not job.output:
        raise Http404(_("This job has no file to download."))
    return private_file_response(job.output.name, as_attachment=True, filename=job.output_name)


@role_required(Role.STATE)
def audit_log(request):
    model = request.GET.get("model", "")
    models = audited_models()
    entries = audit_entries(model=model)
    if model and model not in {f"{m.app_label}.{m.model}" for m in models}:
        # "?model=%00" or a table never audited: nothing to show, and say why.
        messages.error(request, _("A filter in the address is not valid, so nothing is shown."))
        entries = entries.none()
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "core/audit_log.html",
        {
            "page": page,
            "rows": audit_rows(page.object_list),
            "models": models,
            "selected_model": model,
        },
    )


def favicon(request):
    return redirect(settings.STATIC_URL + "favicon.svg", permanent=True)


@require_safe  # a probe reads; nothing to post
@cache_control(no_store=True)
def healthz(request):
    """For the load balancer and monitoring: 200 while the database and cache answer, else
    503; the queue and beat are reported alongside. Counts and ages only (core/health.py)."""
    healthy, report = health_report()
    return JsonResponse(report, status=200 if healthy else 503)
