"""The module contract (docs/modules.md), checked over the whole code base.

- the kernel imports no app;
- every app that holds records declares itself in a module.py, with what happens to its records
  when the tree changes;
- every workflow step says who may take it, and every step's audit action is declared;
- no template or view tests a state or a role: buttons come from the record's abilities;
- the helpers every module needs exist once, in the kernel.
"""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest
from django.apps import apps

from gonghui.kernel.registry import registry
from gonghui.kernel.workflow import Workflow

GONGHUI = Path(__file__).resolve().parents[2]
APPS = [c for c in apps.get_app_configs() if c.name.startswith("gonghui.")]
MODULES = [m.name for m in registry]


def _py_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*.py") if "migrations" not in p.parts and "tests" not in p.parts]


def test_the_kernel_imports_no_app():
    offenders = []
    for path in _py_files(GONGHUI / "kernel"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                if name.startswith("gonghui.") and not name.startswith("gonghui.kernel"):
                    offenders.append(f"{path.relative_to(GONGHUI)}: {name}")
    assert not offenders, offenders


def test_every_app_with_records_declares_itself_in_module_py():
    missing = [c.name for c in APPS if list(c.get_models()) and c.label not in registry.names()]
    assert not missing, f"apps with models but no module.py: {missing}"


def test_every_module_says_what_happens_to_its_records_when_the_tree_changes():
    for m in registry:
        for change in ("merged", "split", "relocated", "dissolved"):
            assert callable(getattr(m.structure, change)), (m.name, change)


def workflows() -> list[tuple[str, str, Workflow]]:
    found = []
    for m in registry:
        try:
            mod = importlib.import_module(f"gonghui.{m.name}.workflow")
        except ModuleNotFoundError:
            continue
        found += [(m.name, name, w) for name, w in vars(mod).items() if isinstance(w, Workflow)]
    return found


def test_there_are_workflows_to_check():
    assert len(workflows()) >= 8


@pytest.mark.parametrize("module", MODULES)
def test_every_step_says_who_may_take_it_and_its_audit_action_is_declared(module):
    flows = [w for w in workflows() if w[0] == module]
    if module == "bulletin":
        assert flows, "the bulletin's flows run on the kernel's engine"
    for _module, name, flow in flows:
        _every_step_declared(module, name, flow)


def _every_step_declared(module: str, name: str, flow: Workflow) -> None:
    for step_name, step in flow.steps.items():
        assert step.who, f"{module}.{name}: step {step_name!r} names no rule (who=)"
        action = f"{flow.audit_prefix}.{step_name}" if flow.audit_prefix else None
        if action is not None:
            assert registry.owner_of(action) is not None, f"{action} is declared by no module.py"


def test_every_audit_word_has_chinese_and_english():
    for action, (zh, en) in registry.audit_actions().items():
        assert re.search(r"[\u4e00-\u9fff]", zh), action
        assert en and not re.search(r"[\u4e00-\u9fff]", en), action


# ---- no template or view decides what a person may do ----------------------------------------

# A condition in a template that looks at a record's state or the person's role.
TEMPLATE_TEST = re.compile(
    r"{%\s*(?:if|elif)\b(?P<cond>[^%]*?(?:\bstate\b|\.state\b|status|stage|\brole\b|superuser|is_staff|perms|"
    r"\bcan_|is_officer|officer|is_member|is_open|is_draft)[^%]*)%}"
)
# A view or API handler that asks the scope module or tests a record's state itself.
VIEW_TEST = re.compile(
    r"scope\.(?:can|scope_of|require)\(|\.(?:state|status|stage)\s*(?:==|!=|\bin\b|\bnot in\b)|is_superuser|"
    r"[\"']can_\w+[\"']\s*:"
)


def _view_files() -> list[Path]:
    found = []
    for c in APPS:
        folder = Path(c.path)
        found += [folder / "views.py", folder / "api.py"]
        found += list((folder / "views").glob("*.py")) + list((folder / "api").glob("*.py"))
    return [p for p in found if p.exists()]


def module_of(path: Path) -> str:
    part = path.relative_to(GONGHUI).parts[0]
    return part if part in registry.names() else "core"


def places_that_test_state_or_role(module: str = "") -> list[str]:
    found = []
    for path in sorted(GONGHUI.rglob("*.html")):
        if "static" in path.parts or (module and module_of(path) != module):
            continue
        text = path.read_text(encoding="utf-8")
        for m in TEMPLATE_TEST.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            found.append(f"{path.relative_to(GONGHUI)}:{line}: {{% if{m['cond']}%}}")
    for path in _view_files():
        if module and module_of(path) != module:
            continue
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if VIEW_TEST.search(line):
                found.append(f"{path.relative_to(GONGHUI)}:{i}: {line.strip()}")
    return found


@pytest.mark.parametrize("module", MODULES)
def test_no_template_or_view_tests_a_state_or_a_role(module):
    found = places_that_test_state_or_role(module)
    assert not found, f"{len(found)} places decide what a person may do:\n" + "\n".join(found)


# ---- helpers written once ------------------------------------------------------------------

SHARED = re.compile(
    r"^(?:def (?P<fn>require|org_param|disposition|_disposition|filename|_filename|clean_text|today|stamp|"
    r"year_param|org_resolve_for_actor|first_org|first_root|apply_errors|money)\(|(?P<const>INVALID) = |"
    r"class (?P<cls>InvalidTransition)\b)",
    re.M,
)


# Where the one definition of each shared helper lives.
CANONICAL = {"org_resolve_for_actor": "orgs"}


@pytest.mark.parametrize("module", MODULES)
def test_the_shared_helpers_are_written_once(module):
    """require, org_param, disposition, clean_text … have one definition, in the kernel (the org
    lookups in orgs.selectors), not one per module."""
    copied = []
    for path in _py_files(GONGHUI / module):
        for m in SHARED.finditer(path.read_text(encoding="utf-8")):
            name = (m["fn"] or m["const"] or m["cls"]).lstrip("_")
            if CANONICAL.get(name) != module:
                copied.append(f"{path.relative_to(GONGHUI)}: {m[0]}")
    assert not copied, copied
