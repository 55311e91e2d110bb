"""What the registry announces that Django's own signals do not: a bulk update of existing
people (an import's merges) saves no instance, so `post_save` never fires for it."""

from django.dispatch import Signal

# Sent by `people.importing.writing.plan_write`, inside its transaction, after existing
# people were changed in bulk: sender=Person, person_ids (a list), fields (the names of the
# changed fields). Apps that keep a copy of a person's fields (nominations) follow it.
people_updated = Signal()
