"""Decision points per function in augment/rules, the worst first: ruff's branch count and one that also
counts boolean operators, conditional expressions and comprehension filters.

    PYTHONPATH=. python benchmarks/rules_branches.py [--top 15] [PATH ...]

``branches`` counts what pylint's too-many-branches counts (if/elif/else, for, while, try/except/else/
finally, match cases; ruff PLR0912 enforces at most 20 in augment/rules, see ruff.toml); ``decisions``
adds every extra operand of ``and``/``or``, every ``x if c else y`` and every ``if`` inside a comprehension,
the count a reader meets.
"""

from __future__ import annotations

import argparse
import ast
from pathlib import Path


class _Counter(ast.NodeVisitor):
    def __init__(self) -> None:
        self.branches = 0
        self.decisions = 0

    def visit_FunctionDef(self, node):  # nested functions count for themselves
        if node is not self.root:
            return
        self.generic_visit(node)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_If(self, node):
        self.branches += 1 + (bool(node.orelse) and not (len(node.orelse) == 1 and isinstance(node.orelse[0], ast.If)))
        self.decisions += 1
        self.generic_visit(node)

    def visit_For(self, node):
        self.branches += 1 + bool(node.orelse)
        self.decisions += 1
        self.generic_visit(node)

    visit_While = visit_For

    def visit_Try(self, node):
        self.branches += 1 + len(node.handlers) + bool(node.orelse) + bool(node.finalbody)
        self.decisions += len(node.handlers)
        self.generic_visit(node)

    def visit_BoolOp(self, node):
        self.decisions += len(node.values) - 1
        self.generic_visit(node)

    def visit_IfExp(self, node):
        self.decisions += 1
        self.generic_visit(node)

    def visit_comprehension(self, node):
        self.decisions += len(node.ifs)
        self.generic_visit(node)

    def count(self, node):
        self.root = node
        self.visit(node)
        return self.branches, self.decisions


def measure(paths: list[Path]) -> list[tuple[int, int, str]]:
    rows = []
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                branches, decisions = _Counter().count(node)
                rows.append((decisions, branches, f"{path.name}:{node.lineno} {node.name}"))
    return sorted(rows, reverse=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()
    paths = args.paths or sorted(Path(__file__).resolve().parents[1].joinpath("augment", "rules").glob("*.py"))
    rows = measure(paths)
    print(f"{'decisions':>9} {'branches':>8}  function")
    for decisions, branches, name in rows[:args.top]:
        print(f"{decisions:>9} {branches:>8}  {name}")
    print(f"most branches: {max(r[1] for r in rows)}; most decisions: {max(r[0] for r in rows)}")


if __name__ == "__main__":
    main()
