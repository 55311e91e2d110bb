"""What the registry announces that Django's own signals do not: a bulk update of existing
people (an import's merges) saves no instance, so `post_save` never fires for it."""

from django.dispatch import Signal

# Sent by `people.importing.writing.plan_write`, inside its transaction, after existing
# people were changed in bulk: sender=Person, person_ids (a list), fields (the names of the
# changed fields). Apps that keep a copy of a person's fields (nominations) follow it.
people_updated = Signal()

# Sent by `people.by_hand.person_leave_office`, inside its transaction, after the person was
# marked as having left office: sender=Person, person (saved), user (who marked it). Apps
# that hold a place for a person (nominations) let it go; what a receiver returns is the
# number of places it let go, which the registry's page reports.
person_left_office = Signal()
