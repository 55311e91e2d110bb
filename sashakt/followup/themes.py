"""The Ministry of Panchayati Raj's nine themes of Localisation of SDGs (LSDG), in its order.

One list for the whole follow-up: a participant's commitment names the theme it serves and an
outcome indicator (a PAI theme score, own-source revenue, ...) names the theme it measures, so
the commitments per theme and the indicators' change per theme line up on the same codes.
The labels are the Ministry's own wording (PAI 2022-23 report).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LsdgTheme(models.TextChoices):
    POVERTY_FREE = "poverty_free", _("Poverty Free and Enhanced Livelihoods Panchayat")
    HEALTHY = "healthy", _("Healthy Panchayat")
    CHILD_FRIENDLY = "child_friendly", _("Child Friendly Panchayat")
    WATER_SUFFICIENT = "water_sufficient", _("Water Sufficient Panchayat")
    CLEAN_GREEN = "clean_green", _("Clean and Green Panchayat")
    INFRASTRUCTURE = "infrastructure", _("Panchayat with Self-Sufficient Infrastructure")
    SOCIALLY_JUST = "socially_just", _("Socially Just and Socially Secured Panchayat")
    GOOD_GOVERNANCE = "good_governance", _("Panchayat with Good Governance")
    WOMEN_FRIENDLY = "women_friendly", _("Women Friendly Panchayat")


# Codes the commitments used before the two lists became one (migration
# 0005_one_lsdg_theme_list converts them); the other seven codes were the same in both lists.
COMMITMENT_CODES_BEFORE = {
    "livelihoods": LsdgTheme.POVERTY_FREE.value,
    "water": LsdgTheme.WATER_SUFFICIENT.value,
}
