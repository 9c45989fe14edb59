"""Sampled mutation testing of the rules layer (``src/bilim/regulations``), standard library only.

    .venv/bin/python scripts/mutation.py --seed 2026 --per-module 5        # the recorded run
    .venv/bin/python scripts/mutation.py --only mobility.failed_credits      # one module (substring)
    .venv/bin/python scripts/mutation.py --list                             # print the sample, run nothing

For every module of the rules layer the script parses the source with :mod:`ast`, enumerates the mutation
sites (below), draws ``--per-module`` of them with ``random.Random(f"{seed}:{module}")`` (so adding a
module or a site elsewhere does not reshuffle the others) and, for each mutant, runs that module's unit
tests in a fresh interpreter in which the module is imported from the mutated tree (an import hook,
:class:`_MutantFinder`; no file is written, the working tree is never touched):

    PYTEST_DISABLE_PLUGIN_AUTOLOAD=1 pytest -p no:cacheprovider -x -q <the module's test files>

(one process, no xdist: the equivalent of ``-n 0``; no third-party plugin is needed by the rules tests).

Operators: comparison flipped or boundary-shifted (``<``↔``<=``, ``>``↔``>=``, ``==``↔``!=``,
``in``↔``not in``, ``is``↔``is not``); a numeric literal ±1; ``and``↔``or``; ``True``↔``False``;
``not x`` → ``x``; ``return <value>`` → ``return None``; a dated parameter's name (``ctx.param("…")``,
``params.get("…")``) swapped for another parameter the same module reads. Docstrings, annotations,
decorator arguments, string literals and a field's schema documentation (``Field(description=…,
examples=…, title=…)``) are never mutated, nor dead code: ``if __name__ == "__main__":``
measurement blocks and the functions only they call (not sampled, so not counted).

Classification of a mutant:

* **killed** — the tests fail (or error, or time out: a mutant that makes a rule loop is caught);
* **survived** — the tests pass;
* **equivalent** — listed with its reason in ``bench/mutation-equivalent.tsv`` after a reading showed it
  cannot change behaviour (e.g. ``x >= 0`` → ``x > 0`` where ``x == 0`` is handled just above); a mutant
  in code no test reaches is *not* equivalent: it survives;
* **skipped** — the mutated tree does not compile or does not import (never counted).

With ``--recheck`` the mutants that ``bench/results/mutation.json`` (same seed, same sample) lists as
killed keep that status and only the others run again: the quick loop while writing tests (adding a test
cannot revive a killed mutant); the recorded figure comes from a full run.

The score is killed / (killed + survived), per module and in total. Results go to
``bench/results/mutation.json``; the exit status is 1 when the score is below ``--fail-under``.

Tests of a module: the files under ``tests/regulations`` that import it (by dotted name or
``from <package> import <module>``); a module no test imports is tested by the files importing a module
that imports it; a core module (``core/``), imported by every test, by ``test_core.py`` and (at most three of) the files
that call it by name.
"""

from __future__ import annotations

import argparse
import ast
import importlib.abc
import importlib.util
import json
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PKG_DIR = ROOT / "src" / "bilim" / "regulations"
TESTS = ROOT / "tests" / "regulations"
EQUIVALENT_FILE = ROOT / "bench" / "mutation-equivalent.tsv"
RESULTS = ROOT / "bench" / "results" / "mutation.json"
CORE_TESTS = ["test_core.py"]

_CMP_SWAP: dict[type, type] = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}
_CMP_TEXT = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!=", ast.In: "in",
             ast.NotIn: "not in", ast.Is: "is", ast.IsNot: "is not"}


# --------------------------------------------------------------------------------------------- sites


@dataclass
class Site:
    """One mutation: the ``index``-th node of ``ast.walk`` order, what to do to it."""

    module: str
    index: int
    op: str  # cmp, num+1, num-1, boolop, bool, not, return, param
    arg: int | str  # comparison position, or the new parameter name
    line: int
    col: int
    before: str
    after: str = ""

    @property
    def key(self) -> str:
        return f"{self.module}:{self.line}:{self.col}:{self.op}:{self.arg}"


def _skip_ids(tree: ast.AST) -> set[int]:
    """ids of nodes never mutated: docstrings, annotations, decorators, ``__all__``."""
    skip: set[int] = set()

    def mark(node: ast.AST | None) -> None:
        if node is not None:
            skip.update(id(n) for n in ast.walk(node))

    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                mark(body[0])
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            for d in node.decorator_list:
                mark(d)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            mark(node.returns)
            for a in [*node.args.args, *node.args.kwonlyargs, *node.args.posonlyargs, node.args.vararg, node.args.kwarg]:
                if a is not None:
                    mark(a.annotation)
        if isinstance(node, ast.AnnAssign):
            mark(node.annotation)
        if isinstance(node, ast.keyword) and node.arg in ("description", "examples", "title"):
            mark(node.value)  # schema documentation of a field (pydantic ``Field(description=…, examples=…)``)
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            mark(node)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            mark(node)
    # dead code for the product: the ``if __name__ == "__main__":`` measurement blocks and the module's
    # functions that only they call (e.g. a synthetic cohort generator)
    mains = [n for n in getattr(tree, "body", []) if isinstance(n, ast.If) and "__main__" in ast.unparse(n.test)]
    if mains:
        for m in mains:
            mark(m)
        used_in_main = {n.id for m in mains for n in ast.walk(m) if isinstance(n, ast.Name)}
        used_elsewhere = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and id(n) not in skip}
        for fn in getattr(tree, "body", []):
            if isinstance(fn, ast.FunctionDef) and fn.name in used_in_main and fn.name not in used_elsewhere:
                mark(fn)
    return skip


def _param_call_name(node: ast.AST) -> str | None:
    """``"x.y"`` for ``ctx.param("x.y")`` / ``_params.get("x.y", …)`` / ``params.get(…)``, else None."""
    if not (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)):
        return None
    value = node.args[0].value
    if not isinstance(value, str) or not re.fullmatch(r"[a-z]+\.[a-z0-9_.]+", value):
        return None
    f = node.func
    if isinstance(f, ast.Attribute) and (f.attr == "param" or (f.attr == "get" and isinstance(f.value, ast.Name) and "params" in f.value.id)):
        return value
    return None


def _short(node: ast.AST, limit: int = 90) -> str:
    text = ast.unparse(node).replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def sites_of(module: str, source: str) -> list[Site]:
    tree = ast.parse(source)
    skip = _skip_ids(tree)
    nodes = list(ast.walk(tree))
    param_names = sorted({n for n in (_param_call_name(x) for x in nodes) if n})
    out: list[Site] = []
    for i, node in enumerate(nodes):
        if id(node) in skip:
            continue
        line, col = getattr(node, "lineno", 0), getattr(node, "col_offset", 0)
        if isinstance(node, ast.Compare):
            for j, op in enumerate(node.ops):
                if type(op) in _CMP_SWAP:
                    out.append(Site(module, i, "cmp", j, line, col, _short(node)))
        elif isinstance(node, ast.Constant) and type(node.value) is bool:
            out.append(Site(module, i, "bool", 0, line, col, _short(node)))
        elif isinstance(node, ast.Constant) and type(node.value) in (int, float):
            out.append(Site(module, i, "num", 1, line, col, _short(node)))
            out.append(Site(module, i, "num", -1, line, col, _short(node)))
        elif isinstance(node, ast.BoolOp):
            out.append(Site(module, i, "boolop", 0, line, col, _short(node)))
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            out.append(Site(module, i, "not", 0, line, col, _short(node)))
        elif isinstance(node, ast.Return) and node.value is not None and not (
            isinstance(node.value, ast.Constant) and node.value.value is None
        ):
            out.append(Site(module, i, "return", 0, line, col, _short(node)))
        name = _param_call_name(node)
        if name and id(node) not in skip and len(param_names) > 1:
            other = param_names[(param_names.index(name) + 1) % len(param_names)]
            out.append(Site(module, i, "param", other, line, col, _short(node)))
    return out


def mutate(source: str, site: Site) -> ast.Module:
    """The module's tree with ``site`` applied (a fresh parse: the walk order is the same)."""
    tree = ast.parse(source)
    node = list(ast.walk(tree))[site.index]
    if site.op == "cmp":
        assert isinstance(node, ast.Compare)
        j = int(site.arg)
        node.ops[j] = _CMP_SWAP[type(node.ops[j])]()
    elif site.op == "bool":
        assert isinstance(node, ast.Constant)
        node.value = not node.value
    elif site.op == "num":
        assert isinstance(node, ast.Constant)
        node.value = node.value + int(site.arg)
    elif site.op == "boolop":
        assert isinstance(node, ast.BoolOp)
        node.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
    elif site.op == "not":
        assert isinstance(node, ast.UnaryOp)
        # replace the UnaryOp by its operand inside its parent
        for parent in ast.walk(tree):
            for field, value in ast.iter_fields(parent):
                if value is node:
                    setattr(parent, field, node.operand)
                elif isinstance(value, list):
                    for k, item in enumerate(value):
                        if item is node:
                            value[k] = node.operand
    elif site.op == "return":
        assert isinstance(node, ast.Return)
        node.value = ast.Constant(value=None)
    elif site.op == "param":
        assert isinstance(node, ast.Call)
        node.args[0] = ast.Constant(value=str(site.arg))
    ast.fix_missing_locations(tree)
    return tree


def describe(source: str, site: Site) -> str:
    """``before`` → ``after`` of the mutated statement's smallest enclosing expression."""
    if site.op == "not":
        return f"drop `not` in {site.before}"
    tree = mutate(source, site)
    node = list(ast.walk(tree))[site.index] if site.op != "not" else None
    return _short(node) if node is not None else ""


# --------------------------------------------------------------------------------------------- modules and tests


def modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PKG_DIR.rglob("*.py")):
        if path.name == "__init__.py" and not path.read_text(encoding="utf-8").strip():
            continue
        rel = path.relative_to(PKG_DIR).with_suffix("")
        parts = [p for p in rel.parts if p != "__init__"]
        out[".".join(parts) if parts else "__init__"] = path
    return out


def _imports(text: str, module: str) -> bool:
    dotted = f"bilim.regulations.{module}"
    if re.search(rf"\b{re.escape(dotted)}\b", text):
        return True
    if "." in module:
        pkg, name = module.rsplit(".", 1)
        for m in re.finditer(rf"from bilim\.regulations\.{re.escape(pkg)} import \(?([^)\n]*(?:\n[^)]*)?)\)?", text):
            if re.search(rf"\b{re.escape(name)}\b", m.group(1)):
                return True
    return False


def tests_of(module: str, mods: dict[str, Path]) -> list[str]:
    files = sorted(TESTS.rglob("test_*.py"))
    texts = {f: f.read_text(encoding="utf-8") for f in files}
    direct = [f for f in files if _imports(texts[f], module)]
    if module.startswith("core.") or module == "__init__":
        name = module.rsplit(".", 1)[-1]
        core = [TESTS / n for n in CORE_TESTS]
        named = [f for f in direct if re.search(rf"\b{name}\.", texts[f])]
        chosen = sorted(set(core) | set(named[:3]))
    elif direct:
        chosen = direct
    else:  # imported only through another rules module
        users = [m for m, p in mods.items() if m != module and not m.startswith("core.") and _imports(p.read_text(encoding="utf-8"), module)]
        chosen = sorted({f for u in users for f in files if _imports(texts[f], u)}) or [TESTS / n for n in CORE_TESTS]
    return [str(f.relative_to(ROOT)) for f in chosen]


# --------------------------------------------------------------------------------------------- child: import hook


class _MutantFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def __init__(self, fullname: str, path: Path, code: object) -> None:
        self.fullname, self.path, self.code = fullname, path, code

    def find_spec(self, fullname, path, target=None):  # type: ignore[no-untyped-def]
        if fullname != self.fullname:
            return None
        is_pkg = self.path.name == "__init__.py"
        return importlib.util.spec_from_file_location(
            fullname, self.path, loader=self, submodule_search_locations=[str(self.path.parent)] if is_pkg else None
        )

    def create_module(self, spec):  # type: ignore[no-untyped-def]
        return None

    def exec_module(self, module) -> None:  # type: ignore[no-untyped-def]
        exec(self.code, module.__dict__)  # noqa: S102 - the mutant under test


def child(spec_json: str, pytest_args: list[str]) -> int:
    spec = json.loads(spec_json)
    site = Site(**spec["site"])
    path = Path(spec["path"])
    source = path.read_text(encoding="utf-8")
    try:
        code = compile(mutate(source, site), str(path), "exec")
    except Exception:  # noqa: BLE001 - a mutant that does not compile is skipped
        return 99
    fullname = "bilim.regulations" + ("" if site.module == "__init__" else "." + site.module)
    sys.meta_path.insert(0, _MutantFinder(fullname, path, code))
    import pytest

    return int(pytest.main(pytest_args))


# --------------------------------------------------------------------------------------------- fork server
#
# Importing the rules layer costs a few CPU seconds (each @rule reads its function's source), most of a
# mutant's run. So the parent imports pytest and the whole layer once (``load_all``) and forks a child per
# mutant; the child drops the mutated module and every rules module importing it (transitively) from
# ``sys.modules`` and from the registries, imports them again (the mutated one through the hook) and runs
# pytest. A mutant of ``core/registry`` thus re-imports the whole layer; one of the package's own
# ``__init__`` runs in a fresh interpreter.


def _dependents(module: str, mods: dict[str, Path]) -> set[str]:
    texts = {m: p.read_text(encoding="utf-8") for m, p in mods.items()}
    out, todo = {module}, [module]
    while todo:
        cur = todo.pop()
        for m, text in texts.items():
            if m not in out and _imports(text, cur):
                out.add(m)
                todo.append(m)
    return out


def _warm() -> None:
    os.environ.update(BILIM_DEV="1", BILIM_TESTING="1", PYTEST_DISABLE_PLUGIN_AUTOLOAD="1")
    sys.path.insert(0, str(ROOT))
    import pytest  # noqa: F401

    from bilim.regulations.core import registry

    registry.load_all()


def _forked(site: Site, path: Path, purge: set[str], pytest_args: list[str], log: Path, timeout: float) -> int:
    pid = os.fork()
    if pid == 0:  # child
        code = 70
        try:
            fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
            os.dup2(fd, 1)
            os.dup2(fd, 2)
            from bilim.regulations.core import registry as reg
            from bilim.regulations.workflows import core as wcore

            names = {f"bilim.regulations.{m}" for m in purge}
            for name in names:
                mod = sys.modules.pop(name, None)
                for value in vars(mod).values() if mod else ():
                    if isinstance(value, wcore.Workflow):
                        wcore.WORKFLOWS.pop(value.code, None)
            keep = [sp for sp in reg.registry._specs if sp.module not in names]
            reg.registry._specs, reg.registry._by_id = [], {}
            for sp in keep:
                reg.registry.add(sp)
            try:
                compiled = compile(mutate(path.read_text(encoding="utf-8"), site), str(path), "exec")
            except Exception:  # noqa: BLE001
                os._exit(99)
            sys.meta_path.insert(0, _MutantFinder(f"bilim.regulations.{site.module}", path, compiled))
            reg._loaded = False
            import pytest

            try:
                reg.load_all()
            except Exception as exc:  # noqa: BLE001 - the mutant breaks the import: the tests would error
                print(f"import error: {exc!r}")
                os._exit(3)
            code = int(pytest.main(pytest_args))
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    deadline = time.monotonic() + timeout
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        if time.monotonic() > deadline:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
            return -1
        time.sleep(0.05)


# --------------------------------------------------------------------------------------------- parent


def _equivalents() -> dict[str, str]:
    out: dict[str, str] = {}
    if EQUIVALENT_FILE.exists():
        for raw in EQUIVALENT_FILE.read_text(encoding="utf-8").splitlines():
            if raw.strip() and not raw.startswith("#"):
                key, _, reason = raw.partition("\t")
                out[key.strip()] = reason.strip()
    return out


def run(args: argparse.Namespace) -> int:
    mods = modules()
    os.chdir(ROOT)
    if args.only:
        wanted = [w.strip() for w in args.only.split(",") if w.strip()]
        mods = {m: p for m, p in mods.items() if any(w in m for w in wanted)}
    equivalent = _equivalents()
    sample: list[tuple[Site, Path, list[str]]] = []
    for module, path in mods.items():
        source = path.read_text(encoding="utf-8")
        sites = sites_of(module, source)
        rng = random.Random(f"{args.seed}:{module}")
        chosen = sorted(rng.sample(sites, min(args.per_module, len(sites))), key=lambda s: (s.line, s.col))
        tests = tests_of(module, modules())
        for s in chosen:
            s.after = describe(source, s)
            sample.append((s, path, tests))
    if args.list:
        for s, _path, tests in sample:
            print(f"{s.key}\t{s.before}  ->  {s.after}\t{' '.join(Path(t).name for t in tests)}")
        print(f"{len(sample)} mutants over {len(mods)} modules")
        return 0

    # no third-party pytest plugin (xdist, django, playwright, schemathesis: the rules tests need none of
    # them and importing them costs a second per mutant); the project's own plugins load from conftest.py
    env = dict(os.environ, BILIM_DEV="1", BILIM_TESTING="1", PYTHONDONTWRITEBYTECODE="1", PYTHONHASHSEED="0",
               PYTEST_DISABLE_PLUGIN_AUTOLOAD="1")
    trace_dir = tempfile.mkdtemp(prefix="bilim-mutation-")
    env["BILIM_RULE_TRACE"] = trace_dir
    env["BILIM_WORKFLOW_TRACE"] = trace_dir
    results = []
    started = time.perf_counter()
    all_mods = modules()
    _warm()
    log = Path(trace_dir) / "child.log"
    cpu0 = os.times()
    previous: dict[str, dict] = {}
    if args.recheck:
        old = json.loads(RESULTS.read_text(encoding="utf-8"))
        if (old["seed"], old["per_module"]) != (args.seed, args.per_module):
            raise SystemExit(f"--recheck: {RESULTS.name} is for seed {old['seed']}, {old['per_module']} per module")
        previous = {r["key"]: r for r in old["mutants_detail"] if r["status"] == "killed"}
    rechecked = 0
    for n, (s, path, tests) in enumerate(sample, 1):
        t0 = time.perf_counter()
        if s.key in equivalent:
            status, detail = "equivalent", equivalent[s.key]
        elif s.key in previous:  # killed last run; tests were only added since (see --recheck)
            status, detail = "killed", previous[s.key]["detail"]
        else:
            rechecked += 1
            pytest_args = ["-p", "no:cacheprovider", "-x", "-q", "--no-header", "-W", "ignore::pytest.PytestConfigWarning",
                           "-o", "addopts=", *tests]
            if s.module == "__init__" or args.no_fork:
                cmd = [sys.executable, __file__, "--child", json.dumps({"site": asdict(s), "path": str(path)}), "--", *pytest_args]
                try:
                    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=args.timeout)
                    rc, out = proc.returncode, proc.stdout + proc.stderr
                except subprocess.TimeoutExpired:
                    rc, out = -1, "timeout"
            else:
                rc = _forked(s, path, _dependents(s.module, all_mods), pytest_args, log, args.timeout)
                out = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
            if rc == 0:
                status, detail = "survived", ""
            elif rc == 99:
                status, detail = "skipped", "does not compile"
            else:
                status = "killed"
                failed = re.findall(r"^(?:FAILED|ERROR) (\S+)", out, re.M)
                detail = failed[0] if failed else ("timeout" if rc == -1 else f"exit {rc}")
        secs = time.perf_counter() - t0
        results.append({**asdict(s), "key": s.key, "status": status, "detail": detail, "tests": tests, "seconds": round(secs, 2)})
        mark = {"killed": ".", "survived": "S", "equivalent": "=", "skipped": "-"}[status]
        if args.verbose or status == "survived" or (args.recheck and s.key not in previous):
            print(f"[{n}/{len(sample)}] {status:<10} {s.key}  {s.before}  ->  {s.after}  ({secs:.1f}s)", flush=True)
        else:
            print(mark, end="", flush=True)
    print()
    wall = time.perf_counter() - started
    cpu1 = os.times()
    cpu = (cpu1.children_user + cpu1.children_system + cpu1.user + cpu1.system) - (
        cpu0.children_user + cpu0.children_system + cpu0.user + cpu0.system)

    per_module: dict[str, dict[str, int]] = {}
    for r in results:
        d = per_module.setdefault(r["module"], {"killed": 0, "survived": 0, "equivalent": 0, "skipped": 0})
        d[r["status"]] += 1
    print(f"{'module':<36} killed  survived  equiv  skipped  score")
    for m, d in per_module.items():
        live = d["killed"] + d["survived"]
        score = f"{100 * d['killed'] / live:.0f} %" if live else "—"
        print(f"{m:<36} {d['killed']:>6}  {d['survived']:>8}  {d['equivalent']:>5}  {d['skipped']:>7}  {score:>5}")
    tot = {k: sum(d[k] for d in per_module.values()) for k in ("killed", "survived", "equivalent", "skipped")}
    live = tot["killed"] + tot["survived"]
    score = 100 * tot["killed"] / live if live else 100.0
    print(f"{'TOTAL':<36} {tot['killed']:>6}  {tot['survived']:>8}  {tot['equivalent']:>5}  {tot['skipped']:>7}  {score:.1f} %")
    print(f"score = killed / behaviour-changing mutants = {tot['killed']}/{live} = {score:.1f} %  "
          f"(seed {args.seed}, {args.per_module} per module, {len(sample)} mutants, {wall:.0f} s wall, {cpu:.0f} s CPU)")
    survivors = [r for r in results if r["status"] == "survived"]
    for r in survivors:
        print(f"  survived: {r['key']}  {r['before']}  ->  {r['after']}")
    if not args.only:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps({
            "seed": args.seed, "per_module": args.per_module, "modules": len(per_module), "mutants": len(results),
            **tot, "behaviour_changing": live, "score_percent": round(score, 1), "wall_seconds": round(wall, 1),
            "cpu_seconds": round(cpu, 1), "python": platform.python_version(),
            "recheck": bool(args.recheck), "rechecked": rechecked if args.recheck else len(results),
            "command": f"python scripts/mutation.py --seed {args.seed} --per-module {args.per_module}",
            "by_module": per_module, "mutants_detail": results,
        }, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"written {RESULTS.relative_to(ROOT)}")
    return 1 if score < args.fail_under else 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "--child":
        sep = argv.index("--")
        return child(argv[1], argv[sep + 1 :])
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--per-module", type=int, default=4)
    ap.add_argument("--only", default="", help="comma-separated substrings of module names (no results file written)")
    ap.add_argument("--list", action="store_true", help="print the sampled mutants and their test files; run nothing")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds per mutant (a timeout counts as killed)")
    ap.add_argument("--fail-under", type=float, default=0.0, help="exit 1 when the score (%%) is below this")
    ap.add_argument("--recheck", action="store_true",
                    help="keep the mutants the last run (same seed and sample) killed, run the others again: "
                         "valid after adding tests only, never after changing the rules layer")
    ap.add_argument("--no-fork", action="store_true", help="every mutant in a fresh interpreter (slower; no shared state)")
    ap.add_argument("-v", "--verbose", action="store_true")
    return run(ap.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
