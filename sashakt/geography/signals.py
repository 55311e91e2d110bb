"""What geography tells the apps above it, without knowing them."""

from django.dispatch import Signal

# Sent after a load wrote gram panchayats (the shipped list or LGD's export), with
# changed=True, and after a load skipped because the shipped files were unchanged, with
# changed=False: what keys place names works them out here once instead of in every import
# (`place_sounds`, the text kit's phonetic key of every LGD name, for the registry import).
gram_panchayats_loaded = Signal()
