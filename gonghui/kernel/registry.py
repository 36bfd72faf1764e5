"""The module registry: every module declares itself in one `module.py`; this wires them.

    # gonghui/assistance/module.py
    MODULE = Module(
        name="assistance", title="困难帮扶",  # pages, API and walk: assistance/urls.py, api.py, tests/factories.py
        nav=(Nav("困难帮扶", "assistance:households"), Nav("我的帮扶", "assistance:me", members=True)),
        audit={"assistance.application.submit": ("提交帮扶申请", "Submit an assistance application"), …},
        details={"amount": ("金额", "Amount"), …},
        structure=Structure(merged=…, split=…, relocated=…, dissolved=…),  # or Structure.by_id(…)
        periodic=(Periodic("assistance.due", applications_due),),
        todos=(Todo("assistance.to_decide", "待审批帮扶申请", count=…, url="/assistance/applications/?todo=1"),),
        mine=my_assistance_panels,  # actor → [Panel("我的帮扶申请", lines=…, actions=…)]
        jobs={"assistance.batch_approve": batch_approve_job},
        exports=(Export("assistance.payment_file", "银行代发明细", ("xlsx", "csv")), …),  # sample: tests/exports.py
    )

When Django starts, the core app loads the `module.py` of every installed gonghui app
(`registry.load()`); the URLconf, the API, the audit page, the worker, the scope walk and the
workbench read from here. Nothing in the kernel names a module.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import get_language

Words = tuple[str, str]  # (中文, English)
Text = str | Promise  # a plain string, or one marked for translation (gettext_lazy)

# Detail keys any module may use without declaring them again.
COMMON_DETAILS: dict[str, Words] = {
    "before": ("修改前", "Before"),
    "after": ("修改后", "After"),
    "status": ("状态变化", "Status"),
    "reason": ("原因", "Reason"),
    "note": ("说明", "Note"),
    "comment": ("意见", "Comment"),
    "on": ("生效日期", "Effective date"),
    "kind": ("类型", "Kind"),
    "title": ("标题", "Title"),
    "name": ("名称", "Name"),
    "field": ("字段", "Field"),
    "file": ("文件", "File"),
    "format": ("格式", "Format"),
    "rows": ("行数", "Rows"),
    "count": ("数量", "Count"),
    "amount": ("金额", "Amount"),
    "year": ("年度", "Year"),
    "filters": ("筛选条件", "Filters"),
    "source": ("原组织", "Source"),
    "target": ("目标组织", "Target"),
    "from_org": ("原工会", "From"),
    "to_org": ("新工会", "To"),
    "moved": ("转移数量", "Moved"),
}
# Detail keys that hold ids for machines; the audit page does not show them.
HIDDEN_DETAILS = frozenset(
    {"from_id", "to_id", "target_id", "source_id", "new_org_id", "job_id", "org_id", "user_id"}
)


@dataclass(frozen=True)
class Structure:
    """What happens to a module's records when the tree changes; every handler runs inside the
    transaction of the change, and one that raises undoes it.

    merged(source, target, actor, on): `source` no longer exists; its records move to `target`.
    split(source, new_org, moved_children, actor, on): part of `source` became `new_org`, which
        took `moved_children` (with their own records) along.
    relocated(org, old_path, new_path): a subtree hangs elsewhere now (move, merge, split).
    dissolved(org, actor, on): the union is gone and nobody takes its work.
    refuses_dissolution(org) -> "": why the union cannot be dissolved now ("" when it may), asked
        before anything changes and by the org page's abilities (a union that still has members).
    """

    merged: Callable[..., object]
    split: Callable[..., object]
    relocated: Callable[..., object]
    dissolved: Callable[..., object]
    refuses_dissolution: Callable[[Any], str] | None = None
    # Why a handler does nothing, where one does nothing: said once, read by the next developer.
    why_unchanged: str = ""

    @classmethod
    def by_id(
        cls,
        *,
        merged: Callable[..., object],
        why_unchanged: str,
        dissolved: Callable[..., object] | None = None,
        refuses_dissolution: Callable[[Any], str] | None = None,
    ) -> Structure:
        """Records that hang on their union by id: a union keeps its id when it moves or its
        parent splits, so `split` and `relocated` have nothing to do; a dissolution leaves them
        as they are unless `dissolved` says otherwise."""
        return cls(
            merged=merged,
            split=unchanged,
            relocated=unchanged,
            dissolved=dissolved or unchanged,
            refuses_dissolution=refuses_dissolution,
            why_unchanged=why_unchanged,
        )


def unchanged(**_: Any) -> None:
    """Records hang on their own union by id, and a union keeps its id when its subtree moves or
    its parent splits: nothing to do."""


@dataclass(frozen=True)
class Nav:
    title: Text
    url: str  # a URL name ("members:list") or a path
    members: bool = False  # shown to members (workers) rather than officers
    perm: str = "view"  # officers see it when they hold this anywhere
    order: int = 50  # place in the menu (modules' pages 10–80; the audit log and API after)
    # The query parameter with which the page lists one union's subtree ("within"): on that
    # page, the organisation tree picks the union to list instead of opening the union's page.
    scope: str = ""


@dataclass(frozen=True)
class Periodic:
    """Work the worker does as it goes, at most once every `every` seconds; cheap when nothing
    is due, and safe to run twice."""

    name: str
    run: Callable[[], Any]
    every: float = 60.0


@dataclass(frozen=True)
class Todo:
    """A to-do counter for the workbench: how many things wait for this person."""

    key: str
    label: Text
    count: Callable[[Any], int]
    url: str


@dataclass(frozen=True)
class Line:
    """One of a person's own things on their home page: what it is, a note (state, time), where
    it opens."""

    text: str
    url: str = ""
    note: str = ""


@dataclass(frozen=True)
class Panel:
    """A block of a person's own things on their home page: my membership, my applications, my
    bookings; a counsellor's sessions today; the day of the centre a supervisor reads.

    `actions` are (label, url) of what the person may start from here: only those their
    abilities allow. `empty` is said when there are no lines."""

    key: str
    title: Text
    lines: Sequence[Line] = ()
    url: str = ""  # the page that lists all of them
    empty: Text = ""
    actions: Sequence[tuple[Text, str]] = ()
    order: int = 50


@dataclass(frozen=True)
class Offer:
    """Something a worker's unions offer them now, for the member portal's 普惠 list: an
    activity or campaign, a course, a job fair. Only what this person may take part in;
    `url` opens it (and its sign-up, when open)."""

    key: str  # unique within the module ("activity:42")
    kind: Text  # 活动, 培训, 招聘会 …
    title: str
    url: str
    org: str = ""  # the union that offers it
    when: Any = None  # a date or datetime it starts, for ordering
    place: str = ""
    note: str = ""  # 名额余 12, 报名截止 6月30日 …


@dataclass(frozen=True)
class Export:
    """A file the module hands out as xlsx or csv (written by `gonghui.kernel.exporting`).

    `sample` is "package.tests.exports:maker" (the tests' code, as `walk`): maker(tree, texts, fmt)
    puts each of `texts` into the records the file lists (names, titles, remarks …) and returns
    the URL that downloads it in `fmt`. The project's test of hostile text downloads every
    declared export that way and reads it back (`core/tests/test_exports.py`), and checks that
    no personal data held encrypted appears in full, except the fields named in `reveals`: a
    file that is itself an audited reveal (the bank's payment file holds the accounts).
    """

    name: str  # "<module>.<file>"
    title: Text
    formats: Sequence[str] = ("xlsx",)
    sample: str = ""  # "gonghui.<module>.tests.exports:<file>" by default
    reveals: Sequence[str] = ()

    def __post_init__(self) -> None:
        if not self.sample:
            module, _, file = self.name.partition(".")
            object.__setattr__(self, "sample", f"gonghui.{module}.tests.exports:{file}")


@dataclass(frozen=True)
class Module:
    name: str
    title: Text
    structure: Structure
    # Where the pages, the API router and the scope walk's makers are: "gonghui.<name>.urls",
    # "gonghui.<name>.api:router" and "gonghui.<name>.tests.factories:WALK" when the module has
    # them (left out of a declaration unless a module keeps them elsewhere; "" for none).
    urls: str | None = None
    path: str | None = None  # URL prefix; "<name>/" by default
    api: str | None = None  # "package.module:router"
    api_path: str | None = None  # API prefix; "/<name>" by default
    nav: Sequence[Nav] = ()
    audit: Mapping[str, Words] = field(default_factory=dict)
    details: Mapping[str, Words] = field(default_factory=dict)
    walk: str | None = None  # URL argument → maker(org) (a record or its value)
    periodic: Sequence[Periodic] = ()
    todos: Sequence[Todo] = ()
    jobs: Mapping[str, Callable[..., Any]] = field(default_factory=dict)
    # Key figures of a union for the home page: (actor, org) → [(label, value, url)].
    figures: Callable[[Any, Any], Sequence[tuple[str, Any, str]]] | None = None
    exports: Sequence[Export] = ()  # every xlsx and csv the module hands out
    # What a person may start at a union, on its page and the home page: (actor, org) →
    # [(label, url)], only what the module's abilities allow there.
    shortcuts: Callable[[Any, Any], Sequence[tuple[str, str]]] | None = None
    # A person's own things for the home page: actor → panels (none when they have none there).
    mine: Callable[[Any], Sequence[Panel]] | None = None
    # What the worker's unions offer them now (member portal): actor → offers they may take.
    offers: Callable[[Any], Sequence[Offer]] | None = None

    def __post_init__(self) -> None:
        package = f"gonghui.{self.name}"
        for attr, usual in (
            ("urls", f"{package}.urls"),
            ("api", f"{package}.api:router"),
            ("walk", f"{package}.tests.factories:WALK"),
        ):
            if getattr(self, attr) is None:
                object.__setattr__(self, attr, usual if _exists(usual) else "")

    @property
    def url_prefix(self) -> str:
        return f"{self.name}/" if self.path is None else self.path

    @property
    def api_prefix(self) -> str:
        return f"/{self.name}" if self.api_path is None else self.api_path


def _exists(dotted: str) -> bool:
    """Whether the module of "package.module:attribute" is there (without importing it)."""
    try:
        return importlib.util.find_spec(dotted.partition(":")[0]) is not None
    except ModuleNotFoundError:  # its package is not there either (a test's own module)
        return False


def resolve(dotted: str) -> Any:
    """ "package.module:attribute" → the attribute."""
    module, _, attr = dotted.partition(":")
    obj = importlib.import_module(module)
    return getattr(obj, attr) if attr else obj


class UndeclaredAudit(RuntimeError):
    """An audit row names an action or detail key no module declared."""


class Registry:
    def __init__(self) -> None:
        self._modules: dict[str, Module] = {}
        self._words: dict[str, Words] = {}
        self._owners: dict[str, Module] = {}
        self._details: dict[str, Words] = dict(COMMON_DETAILS)

    # ---- loading ---------------------------------------------------------------------------

    def register(self, module: Module) -> Module:
        if module.name in self._modules and self._modules[module.name] is not module:
            raise ValueError(f"module {module.name!r} is registered twice")
        for action in module.audit:
            owner = self.owner_of(action)
            if owner is not None and owner.name != module.name:
                raise ValueError(f"audit action {action!r} is declared by {owner.name} and {module.name}")
        self._modules[module.name] = module
        self._words.update(module.audit)
        self._owners.update(dict.fromkeys(module.audit, module))
        for key, words in module.details.items():
            self._details.setdefault(key, words)
        return module

    def unregister(self, name: str) -> None:
        module = self._modules.pop(name)
        for action in module.audit:
            self._words.pop(action, None)
            self._owners.pop(action, None)

    @contextmanager
    def extra(self, module: Module) -> Iterator[Module]:
        """A module registered for a while (a test's own)."""
        self.register(module)
        try:
            yield module
        finally:
            self.unregister(module.name)

    def load(self, packages: Sequence[str]) -> None:
        """Import `<package>.module` for each package that has one and register its MODULE."""
        for package in packages:
            try:
                mod = importlib.import_module(f"{package}.module")
            except ModuleNotFoundError as exc:
                if exc.name != f"{package}.module":
                    raise
                continue
            self.register(mod.MODULE)

    # ---- reading ---------------------------------------------------------------------------

    def __iter__(self) -> Iterator[Module]:
        return iter(self._modules.values())

    def get(self, name: str) -> Module:
        return self._modules[name]

    def names(self) -> list[str]:
        return list(self._modules)

    def owner_of(self, action: str) -> Module | None:
        return self._owners.get(action)

    def urlpatterns(self) -> list[Any]:
        """Each module's pages under its prefix (for the project's URLconf)."""
        from django.urls import include, path

        return [path(m.url_prefix, include(m.urls)) for m in self if m.urls]

    def routers(self) -> list[tuple[str, Any]]:
        """Each module's API router and its prefix (for the project's API)."""
        return [(m.api_prefix, resolve(m.api)) for m in self if m.api]

    def periodic(self) -> list[Periodic]:
        return [p for m in self for p in m.periodic]

    def todos(self) -> list[Todo]:
        return [t for m in self for t in m.todos]

    def figures(self, actor: Any, org: Any) -> list[tuple[str, Any, str]]:
        """Every module's key figures of a union: (label, value, url)."""
        return [f for m in self if m.figures for f in m.figures(actor, org)]

    def shortcuts(self, actor: Any, org: Any) -> list[tuple[str, str]]:
        """What the person may start at a union, from every module: (label, url)."""
        return [s for m in self if m.shortcuts for s in m.shortcuts(actor, org)]

    def panels(self, actor: Any) -> list[Panel]:
        """Every module's panels of the person's own things, in menu order."""
        return sorted((p for m in self if m.mine for p in m.mine(actor)), key=lambda p: p.order)

    def offers(self, actor: Any) -> list[Offer]:
        """Every module's offers open to the person, soonest first (undated last)."""
        found = [o for m in self if m.offers for o in m.offers(actor)]
        return sorted(found, key=lambda o: (o.when is None, str(o.when or "")))

    def job_handler(self, kind: str) -> Callable[..., Any]:
        for m in self:
            if kind in m.jobs:
                return m.jobs[kind]
        raise KeyError(f"no module handles job kind {kind!r}")

    def exports(self) -> list[tuple[Module, Export]]:
        return [(m, e) for m in self for e in m.exports]

    def job_kinds(self) -> set[str]:
        return {k for m in self for k in m.jobs}

    # ---- the tree changes ------------------------------------------------------------------

    def structure_changed(self, change: str, **kwargs: Any) -> None:
        """Tell every module that the tree changed ("merged", "split", "relocated",
        "dissolved"); inside the transaction of the change."""
        for m in self:
            getattr(m.structure, change)(**kwargs)

    def dissolution_refusals(self, org: Any) -> list[str]:
        """Why each module says `org` cannot be dissolved now (empty when none objects)."""
        return [
            why
            for m in self
            if m.structure.refuses_dissolution and (why := m.structure.refuses_dissolution(org))
        ]

    # ---- the audit vocabulary --------------------------------------------------------------

    def _pick(self, words: Words) -> str:
        return words[1] if (get_language() or "zh-hans").startswith("en") else words[0]

    def audit_label(self, action: str) -> str:
        words = self._words.get(action)
        return self._pick(words) if words else action

    def detail_label(self, key: str, action: str = "") -> str:
        """A detail key's name, as the module that owns `action` declares it (a key such as
        "from" means one thing to the tree and another to a workflow)."""
        owner = self.owner_of(action) if action else None
        words = (owner.details.get(key) if owner else None) or self._details.get(key)
        return self._pick(words) if words else key

    def check_audit(self, action: str, detail: Mapping[str, Any]) -> None:
        owner = self.owner_of(action)
        if owner is None:
            raise UndeclaredAudit(f"audit action {action!r} is declared by no module.py")
        unknown = [
            k
            for k in detail
            if k not in owner.details and k not in COMMON_DETAILS and k not in HIDDEN_DETAILS
        ]
        if unknown:
            raise UndeclaredAudit(
                f"detail keys {unknown} of {action!r} are not declared by {owner.name}/module.py"
            )

    def audit_actions(self) -> dict[str, Words]:
        return dict(self._words)


registry = Registry()
