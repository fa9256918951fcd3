"""The house rules of the package (issue 18): imports run one way, and no module uses another's private names.

What two modules share is a public function of the lower one. The tests read every module of
lib/newsframe with the ast module (imports inside functions included):

* private names: imports of private names from sibling modules (``from .clean import _fold``) and private
  attributes of imported sibling modules (``wording._content``);
* layers: text and resources at the bottom, reading above them, the analyses above reading, the scale
  engine above the analyses, plots and report on top, the command line over all (:data:`LAYERS`, the
  same picture as docs/ARCHITECTURE.md); a module imports only its own layer or lower ones;
* no import circles, lazy ones included.
"""
import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "lib" / "newsframe"


def private_uses(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    siblings = set()   # names bound to sibling modules: "from . import wording", "from . import groups as _groups"
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            for alias in node.names:
                if node.module is None:
                    siblings.add(alias.asname or alias.name)
                elif alias.name.startswith("_"):
                    found.append(f"{path.name}:{node.lineno} imports {alias.name} from .{node.module}")
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in siblings \
                and node.attr.startswith("_") and not node.attr.startswith("__"):
            found.append(f"{path.name}:{node.lineno} uses {node.value.id}.{node.attr}")
    return found


def test_no_module_uses_another_modules_private_names():
    uses = [u for p in sorted(PACKAGE.glob("*.py")) for u in private_uses(p)]
    assert uses == []


def test_the_checker_finds_a_private_use(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from .clean import _fold\nfrom . import wording\nx = wording._content\n", encoding="utf-8")
    assert len(private_uses(bad)) == 2


# the layer of every module, bottom first (docs/ARCHITECTURE.md); a new module must be placed here
LAYERS = {
    0: {"resources", "text", "stored", "decoding", "target_tone"},                   # shared text layer, data, models
    1: {"clean", "page_fields", "meta", "dedup", "formats", "corpus"},               # reading
    2: {"groups", "framing", "wording", "timex", "timeline", "families", "tables"},  # analyses
    3: {"engine", "reuse"},                                                          # scale: Parquet/Dask build, reuse index
    4: {"plots", "report"},                                                          # figures and reports
    5: {"__main__", "__init__"},                                                     # command line, package front
}
LAYER_OF = {m: n for n, mods in LAYERS.items() for m in mods}


def sibling_imports(path: Path) -> set[str]:
    """The sibling modules ``path`` imports (``from .x import``, ``from . import x``), lazy ones included."""
    deps = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            deps.update([node.module.split(".")[0]] if node.module else [a.name for a in node.names])
    return deps - {path.stem}


def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    return {p.stem: sibling_imports(p) for p in sorted(package.glob("*.py"))}


def upward_imports(graph: dict[str, set[str]], layer_of: dict[str, int]) -> list[str]:
    """Imports from a lower layer to a higher one, and modules no layer holds."""
    bad = [f"{m} has no layer in LAYERS" for m in graph if m not in layer_of]
    bad += [f"{m} (layer {layer_of[m]}) imports {d} (layer {layer_of[d]})"
            for m, deps in graph.items() for d in sorted(deps)
            if m in layer_of and d in layer_of and layer_of[d] > layer_of[m]]
    return bad


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


def test_no_import_circles():
    assert import_cycles(import_graph()) == []


def test_the_layer_checks_find_planted_faults():
    graph = {"corpus": {"engine"}, "engine": {"corpus"}, "newthing": set()}
    assert upward_imports(graph, LAYER_OF) == ["newthing has no layer in LAYERS", "corpus (layer 1) imports engine (layer 3)"]
    assert import_cycles(graph) == [["corpus", "engine", "corpus"]]
