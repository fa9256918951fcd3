"""The house rules of the package: no module uses another module's private (underscore) names.

What two modules share is a public function of the lower one (issue 18). The test reads every module of
lib/newsframe with the ast module and lists imports of private names from sibling modules
(``from .clean import _fold``) and private attributes of imported sibling modules (``wording._content``).
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
