"""An audit row keeps its words in Chinese, whoever wrote it; each reader sees them in their language."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext_lazy

from gonghui.core.audit import stored
from gonghui.core.templatetags.gonghui import change_lines


def test_a_choice_label_is_stored_in_chinese_even_from_an_english_request():
    with translation.override("en"):
        kept = stored({"tier": gettext_lazy("深度困难"), "names": [gettext_lazy("相对困难")], "n": 3})
    assert kept == {"tier": "深度困难", "names": ["相对困难"], "n": 3}


def test_stored_words_are_shown_in_english_to_an_english_reader_and_names_as_they_are():
    detail = {"tier": "深度困难", "status": "待批准 → 已批准，待发放", "name": "林小青"}
    with translation.override("en"):
        lines = change_lines(detail)
    assert any(line.endswith(": Deep hardship") for line in lines)
    assert any(line.endswith(": Awaiting approval → Approved, awaiting payment") for line in lines)
    assert any(line.endswith(": 林小青") for line in lines)
    with translation.override("zh-hans"):
        assert any(line.endswith("：深度困难") for line in change_lines(detail))
