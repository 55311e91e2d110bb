"""What programmes announce to the apps above it, which it cannot know (nominations holds
the seats of a batch): they listen, as nominations listens to the registry."""

from django.dispatch import Signal

# Sent by `programmes.services.batch_change_dates`, inside its transaction, after the batch
# was given new dates: sender=Batch, batch (saved), user (who moved it). Nominations tells
# the people seated in it and their district officers.
batch_moved = Signal()

# Sent by `programmes.services.batch_change_venue`, inside its transaction, after the batch
# was given another venue: sender=Batch, batch (saved), old_venue_id, user. Nominations tells
# the people seated in it and their district officers.
batch_venue_changed = Signal()
