"""Tallies: the state dashboard's counts kept as rows, recounted person by person as records
change (see `tallies.py`), so the statewide page reads a few hundred rows instead of counting
a million people.

None of these rows is edited by hand or shown as it is; all of them can be rebuilt from the
records at any time (`manage.py tallies --rebuild`).
"""

from django.db import models


class TallyPending(models.Model):
    """A person whose share of the tallies is to be counted again. Written by database
    triggers on every change to people, nominations, certificates and batches that can move a
    figure (whatever wrote it: a form, an import, a QuerySet.update), so no path is missed."""

    person_id = models.BigIntegerField(primary_key=True)

    def __str__(self) -> str:
        return str(self.person_id)


class PersonFunnelCell(models.Model):
    """One person's share of one `FunnelTally` cell (a 0/1 per measure), kept so that a
    recount can take the old share away before adding the new one."""

    person_id = models.BigIntegerField(db_index=True)
    dimension = models.CharField(max_length=20)
    key = models.CharField(max_length=40)
    nominated = models.SmallIntegerField()
    approved = models.SmallIntegerField()
    confirmed = models.SmallIntegerField()
    completed = models.SmallIntegerField()
    attended = models.SmallIntegerField()
    certified = models.SmallIntegerField()

    def __str__(self) -> str:
        return f"{self.person_id} {self.dimension}:{self.key}"


class PersonRegistry(models.Model):
    """One person's share of the `RegistryTally` (a 0/1 per measure)."""

    person_id = models.BigIntegerField(primary_key=True)
    cell = models.CharField(max_length=40)
    district_id = models.BigIntegerField()
    elected = models.BooleanField()
    term_start = models.DateField(null=True)
    people = models.SmallIntegerField()
    trained = models.SmallIntegerField()
    oriented = models.SmallIntegerField()
    refreshed = models.SmallIntegerField()

    def __str__(self) -> str:
        return f"{self.person_id} {self.cell}"


class FunnelTally(models.Model):
    """Distinct people per measure in one group of one dimension (statewide, unfiltered)."""

    dimension = models.CharField(max_length=20)
    key = models.CharField(max_length=40)
    nominated = models.BigIntegerField(default=0)
    approved = models.BigIntegerField(default=0)
    confirmed = models.BigIntegerField(default=0)
    completed = models.BigIntegerField(default=0)
    attended = models.BigIntegerField(default=0)
    certified = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["dimension", "key"], name="funnel_tally_cell"),
        ]

    def __str__(self) -> str:
        return f"{self.dimension}:{self.key}"


class RegistryTally(models.Model):
    """People of the registry per district, elected or not, and date of election (for RGSA's
    windows, which close as the days pass): how many, and how many of them trained,
    oriented within 6 months and refreshed within 2 years."""

    cell = models.CharField(max_length=40, unique=True)  # "district:elected:term_start"
    district_id = models.BigIntegerField()
    elected = models.BooleanField()
    term_start = models.DateField(null=True)
    people = models.BigIntegerField(default=0)
    trained = models.BigIntegerField(default=0)
    oriented = models.BigIntegerField(default=0)
    refreshed = models.BigIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["elected", "district_id"])]

    def __str__(self) -> str:
        return f"{self.district_id}:{self.elected}:{self.term_start}"
