"""Facts from published articles, stored as suggestions for an editor to accept or dismiss."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from django.db.models import Q
from django.utils import timezone

from gonghui.kernel.actions import action
from gonghui.orgs.models import SEGMENT, Level, Org, Status

from ..facts import extract_facts
from ..models import Article, FactKind, FactSuggestion, Issue
from ..workflow import FACT, transition

# Unions above the grassroots are few (about 2,000 in a province): their names are loaded once
# per issue. Grassroots unions (155,000) are looked up only by the names the text could hold.
NAMED_LEVELS = (Level.PROVINCE, Level.CITY, Level.INDUSTRY, Level.COUNTY, Level.TOWN)
ORG_NAME_MAX = 40


class OrgNames:
    """The org names an issue's articles are matched against: the bulletin's union, its
    ancestors and the unions of its subtree."""

    def __init__(self, root: Org) -> None:
        self.root = root
        ancestors = [root.path[:i] for i in range(SEGMENT, len(root.path), SEGMENT)]
        rows = Org.objects.filter(status=Status.ACTIVE).filter(
            Q(path__startswith=root.path, level__in=NAMED_LEVELS) | Q(path__in=ancestors)
        )
        self.ids: dict[str, set[int]] = defaultdict(set)
        for name, pk in rows.values_list("name", "id"):
            self.ids[name].add(pk)

    def _grassroots_in(self, text: str) -> None:
        candidates: set[str] = set()
        start = text.find("工会")
        while start >= 0:
            end = start + 2
            candidates.update(text[i:end] for i in range(max(0, end - ORG_NAME_MAX), end - 2))
            start = text.find("工会", end)
        if not candidates:
            return
        found = Org.objects.filter(
            status=Status.ACTIVE, path__startswith=self.root.path, name__in=sorted(candidates)
        ).values_list("name", "id")
        for name, pk in found:
            self.ids[name].add(pk)

    def for_text(self, text: str) -> list[str]:
        """The names worth passing to the extractor: those in the text, whole or by a tail of at
        least five characters (罗湖区总工会 for 深圳市罗湖区总工会)."""
        self._grassroots_in(text)
        return [n for n in self.ids if any(n[i:] in text for i in range(max(1, len(n) - 4)))]

    def unique(self, name: str | None) -> int | None:
        ids = self.ids.get(name or "")
        return next(iter(ids)) if ids and len(ids) == 1 else None


def _article_facts(article: Article, names: OrgNames, year: int) -> list[FactSuggestion]:
    text = f"{article.title}\n{article.body}" if article.title else article.body
    found = extract_facts(text, org_names=names.for_text(text), year=year)
    matched_by_mention = {f.text: names.unique(f.value.get("matched")) for f in found if f.kind == "org"}
    rows: dict[tuple[str, str], FactSuggestion] = {}
    for fact in found:
        if fact.kind not in FactKind.values:
            continue
        key = (fact.kind, json.dumps(fact.value, sort_keys=True, ensure_ascii=False))
        if key in rows:
            rows[key].occurrences += 1
            continue
        if fact.kind == "org":
            org_id = names.unique(fact.value.get("matched"))
        elif fact.kind == "meeting":
            org_id = matched_by_mention.get(fact.value.get("org") or "")
        else:
            org_id = None
        rows[key] = FactSuggestion(
            article=article, kind=fact.kind, text=fact.text[:300], value=fact.value,
            start=fact.start, end=fact.end, matched_org_id=org_id,
        )  # fmt: skip
    return list(rows.values())


def store_facts(issue: Issue) -> int:
    """Suggest the facts of every article of the issue (inside the caller's transaction)."""
    names = OrgNames(issue.bulletin.org)
    rows: list[FactSuggestion] = []
    for article in issue.articles.all():
        rows += _article_facts(article, names, issue.date.year)
    FactSuggestion.objects.filter(article__issue=issue).delete()
    FactSuggestion.objects.bulk_create(rows, batch_size=500)
    return len(rows)


@action
def fact_decide(*, actor: Any, fact: FactSuggestion, decision: str) -> FactSuggestion:
    """Accept (for the meetings and honours records) or dismiss one suggestion; a decision may be
    taken back the other way."""
    fact = (
        FactSuggestion.objects.select_for_update()
        .select_related("article__issue__bulletin__org")
        .get(pk=fact.pk)
    )
    fact.decided_by, fact.decided_at = actor, timezone.now()
    transition(
        FACT, fact, decision, actor=actor,
        detail={"kind": fact.kind, "text": fact.text, "value": fact.value},
        extra_fields=("decided_by", "decided_at"),
    )  # fmt: skip
    return fact
