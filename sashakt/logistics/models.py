from sashakt.logistics.models_money import *  # noqa: F403  (travel, TA/DA, costs)
