# The outcomes and the library keep their models in their own modules (one file per part).
from sashakt.followup.models_library import Material, MaterialKind  # noqa: F401
from sashakt.followup.models_outcomes import (  # noqa: F401
    Grade,
    Indicator,
    IndicatorImport,
    IndicatorRound,
    IndicatorValue,
    LsdgTheme,
)
