"""What geography tells the apps above it, without knowing them."""

from django.dispatch import Signal

# Sent after a load wrote gram panchayats (the shipped list or LGD's export), inside the
# load's connection: the apps that key place names (the registry's phonetic key) work them
# out once here instead of in every import.
gram_panchayats_loaded = Signal()
