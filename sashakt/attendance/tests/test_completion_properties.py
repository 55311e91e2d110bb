"""Property tests (hypothesis, issue 28) of the completion rule: a person completes when they
attended at least the rule's share of sessions, exactly in whole numbers, and the share shown
to people never rounds up to the rule when it was not met."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from sashakt.attendance.selectors import rule_met, shown_percent


@st.composite
def attendance(draw):
    total = draw(st.integers(0, 200))
    attended = draw(st.integers(0, total))
    required = draw(st.integers(1, 100))
    return total, attended, required


@settings(max_examples=500, deadline=None)
@given(case=attendance())
def test_the_rule_is_the_exact_share(case):
    total, attended, required = case
    exact = total > 0 and Decimal(attended) / Decimal(total) * 100 >= required
    assert rule_met(total=total, attended=attended, required=required) == exact


@settings(max_examples=500, deadline=None)
@given(case=attendance())
def test_one_more_session_never_undoes_completion(case):
    total, attended, required = case
    if rule_met(total=total, attended=attended, required=required) and attended < total:
        assert rule_met(total=total, attended=attended + 1, required=required)


@settings(max_examples=300, deadline=None)
@given(total=st.integers(1, 200), required=st.integers(1, 100))
def test_attending_everything_always_completes(total, required):
    assert rule_met(total=total, attended=total, required=required)


@settings(max_examples=500, deadline=None)
@given(case=attendance())
def test_the_share_shown_never_reaches_the_rule_when_it_was_not_met(case):
    total, attended, required = case
    shown = shown_percent(attended=attended, total=total, required=required)
    number = Decimal(str(shown).replace(",", "."))
    if rule_met(total=total, attended=attended, required=required):
        assert number >= required
    else:
        assert number < required
