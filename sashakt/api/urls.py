from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from sashakt.api import schema, token_views, views  # noqa: F401 - schema: the token scheme for the document
from sashakt.api.base import ApiViewMixin

app_name = "api"

router = SimpleRouter()
router.register("people", views.PersonViewSet, basename="people")
router.register("institutes", views.InstituteViewSet, basename="institutes")
router.register("mous", views.MoUViewSet, basename="mous")
router.register("programmes", views.ProgrammeViewSet, basename="programmes")
router.register("batches", views.BatchViewSet, basename="batches")
router.register("sessions", views.SessionViewSet, basename="sessions")
router.register("nominations", views.NominationViewSet, basename="nominations")
router.register("marks", views.MarkViewSet, basename="marks")
router.register("scores", views.ScoreViewSet, basename="scores")
router.register("feedback", views.FeedbackViewSet, basename="feedback")
router.register("certificates", views.CertificateViewSet, basename="certificates")
router.register("followup/plans", views.PlanViewSet, basename="followup_plans")
router.register(
    "followup/indicator-values", views.IndicatorValueViewSet, basename="followup_indicator_values"
)


class SchemaView(ApiViewMixin, SpectacularAPIView):
    """The OpenAPI 3 document: public (it describes, it holds no data)."""

    authentication_classes: list[type] = []
    permission_classes: list[type] = []
    throttle_classes: list[type] = []


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI from the sidecar's files, its start-up script a file of its own: the site's
    Content-Security-Policy allows no inline script."""

    authentication_classes: list[type] = []
    permission_classes: list[type] = []
    throttle_classes: list[type] = []
    template_name = "api/swagger_ui.html"


urlpatterns = [
    path("tokens/", token_views.token_list, name="tokens"),
    path("tokens/new/", token_views.token_new, name="token_new"),
    path("tokens/<int:pk>/revoke/", token_views.token_revoke_view, name="token_revoke"),
    path("v1/schema/", SchemaView.as_view(), name="schema"),
    path("v1/docs/", DocsView.as_view(url_name="api:schema"), name="docs"),
    path("v1/dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path("v1/followup/report/", views.FollowupReportView.as_view(), name="followup_report"),
    path("v1/", include(router.urls)),
    path("v1/<path:rest>", views.NotFoundView.as_view(), name="not_found"),
]
