"""The words a background job of units reports while it runs have English for the page to show."""

from __future__ import annotations

from django.utils import translation

from gonghui.units.tally import tally_rebuild_job


def test_the_recount_reports_words_with_an_english_translation(tree):
    said: list[str] = []
    tally_rebuild_job(None, lambda done, total=None, message="": said.append(message))  # type: ignore[arg-type]
    assert said == ["正在重算统计汇总"]
    with translation.override("en"):
        assert translation.gettext(said[0]) == "Recounting the totals"
