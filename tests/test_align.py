"""Mitigation paragraphs of a shared cell go to the right project (our own wordings)."""

from normalise.tables.align import align, make_units

LIBRARIES = ("Library service redesign", "Consultation on branch library opening hours closed late, delaying the restructure.")
WASTE = ("Garden waste charging", "Take-up of the paid garden waste collection permits is below forecast.")
PARKING = ("Parking enforcement", "Civil parking enforcement income is below target after camera procurement slipped.")


def _p(*texts: str) -> list[tuple[str, str]]:
    return [(t, "bullet" if t.startswith("* ") else "text") for t in texts]


def test_unbalanced_split_follows_content_not_even_sizes() -> None:
    paras = _p(
        "The library consultation responses have now been analysed.",
        "A revised structure for branch opening hours goes to committee in March.",
        "Library staff have been briefed on the restructure timetable.",
        "A garden waste permit marketing campaign starts in spring.",
        "Camera procurement for parking enforcement has been re-tendered.",
    )
    result = align(paras, [LIBRARIES, WASTE, PARKING])
    assert result.groups == ((0, 1, 2), (3,), (4,))


def test_lead_in_keeps_its_bullets_and_continuation_stays() -> None:
    paras = [
        ("To recover the garden waste income:", "text"),
        ("door-knocking in low take-up areas", "bullet"),
        ("permit renewals by direct debit", "bullet"),
        ("This will be reviewed monthly.", "text"),
        ("Parking enforcement cameras are being installed at schools.", "text"),
    ]
    assert [u.indexes for u in make_units(paras)] == [(0, 1, 2), (3,), (4,)]
    result = align(paras, [WASTE, PARKING])
    assert result.groups == ((0, 1, 2, 3), (4,))
    assert 0.5 <= result.confidence <= 1.0


def test_order_is_kept_even_when_content_points_back() -> None:
    paras = _p("Parking enforcement update.", "Library opening hours update.")
    result = align(paras, [PARKING, LIBRARIES])
    assert result.groups == ((0,), (1,))


def test_single_project_takes_everything_with_full_confidence() -> None:
    result = align(_p("One.", "Two."), [WASTE])
    assert result.groups == ((0, 1),) and result.confidence == 1.0


def test_fewer_paragraphs_than_projects_leaves_one_empty_at_low_confidence() -> None:
    result = align(_p("Parking cameras have been re-tendered for enforcement."), [WASTE, PARKING])
    assert result.groups == ((), (0,))
    assert result.confidence == 0.5


def test_ambiguous_text_lowers_confidence() -> None:
    clear = align(_p("Library branch hours consultation.", "Parking enforcement cameras."), [LIBRARIES, PARKING])
    vague = align(_p("Work continues.", "Progress is monitored."), [LIBRARIES, PARKING])
    assert vague.confidence < clear.confidence
