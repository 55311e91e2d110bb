"""The import switches Python's garbage collector off only while it runs, and leaves it as it
found it, also when it fails (issue 24: it used to be a process-wide switch by hand)."""

import gc

import pytest

from sashakt.people.importing import entry
from sashakt.people.importing.entry import collector_paused


@pytest.fixture(autouse=True)
def _collector_as_it_was():
    was_on = gc.isenabled()
    yield
    if was_on:
        gc.enable()
    else:
        gc.disable()


def test_the_collector_is_off_inside_the_block_and_on_again_after():
    gc.enable()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_collector_comes_back_on_when_the_block_raises():
    gc.enable()
    with pytest.raises(ZeroDivisionError), collector_paused():
        1 / 0  # noqa: B018
    assert gc.isenabled()


def test_a_caller_who_had_switched_it_off_finds_it_still_off():
    gc.disable()
    with collector_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()
    with pytest.raises(ZeroDivisionError), collector_paused():
        1 / 0  # noqa: B018
    assert not gc.isenabled()


def test_a_failing_import_runs_without_the_collector_and_gives_it_back(monkeypatch):
    seen = []

    def failing_import(*args, **kwargs):
        seen.append(gc.isenabled())
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(entry, "_import", failing_import)
    gc.enable()
    with pytest.raises(RuntimeError):
        entry.participants_import("district.xlsx")
    assert seen == [False]
    assert gc.isenabled()
