"""The engagement-kind labels: one table, read by every face, with Démarche's accent."""

from __future__ import annotations

import ast
from pathlib import Path

from bilatdesk.domain.enums import EngagementKind
from bilatdesk.domain.labels import ENGAGEMENT_KIND_LABELS, engagement_kind_label

PACKAGE = Path(__file__).resolve().parents[2] / "bilatdesk"


def test_every_kind_has_a_label_and_demarche_keeps_its_accent() -> None:
    """Each kind is labelled once; "Démarche" is spelled with its accent, by kind or value."""
    assert set(ENGAGEMENT_KIND_LABELS) == set(EngagementKind)
    assert engagement_kind_label(EngagementKind.DEMARCHE) == "Démarche"
    assert engagement_kind_label("demarche") == "Démarche"
    assert engagement_kind_label("bilateral_meeting") == "Bilateral meeting"
    assert engagement_kind_label("tea_party") == "Tea party"  # no such kind: its words


def test_no_other_module_spells_a_kind_label() -> None:
    """No module but domain/labels.py holds a kind's label as a string: copies drifted once."""
    # Single words (Call, Visit, ...) are ordinary English elsewhere; "Demarche" is the copy
    # that lost its accent.
    labels = {label for label in ENGAGEMENT_KIND_LABELS.values() if " " in label}
    labels |= {"Démarche", "Demarche"}
    found = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "labels.py" and path.parent.name == "domain":
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Constant) and node.value in labels:
                found.append(f"{path.relative_to(PACKAGE)}: {node.value!r}")
    assert found == []


def test_every_formality_has_a_label() -> None:
    """Formality prints as words ("Off the record"), never as its stored value."""
    from bilatdesk.domain.enums import Formality
    from bilatdesk.domain.labels import formality_label

    assert [formality_label(f) for f in Formality] == ["Formal", "Informal", "Off the record"]
    assert formality_label("state_visit") == "State visit"
