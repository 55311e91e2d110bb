"""What geography tells the apps above it, without knowing them."""

from django.dispatch import Signal

# Sent after a load wrote gram panchayats (the shipped list or LGD's export), with
# changed=True, and after a load skipped because the shipped files were unchanged, with
# changed=False: the apps that key place names (the registry's phonetic key) work them out
# here once instead of in every import.
gram_panchayats_loaded = Signal()
