"""Reading the rules' source: the grammeme names and the words it writes (for tests and the mutation score)."""

from __future__ import annotations

import ast
import re

CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)
TAG_FIELDS = {"pos", "case", "number", "gender", "tense", "person", "grammemes"}


def tag_literals(source: str) -> list[str]:
    """String constants compared with a tag field (``.pos == "VERB"``, ``"indc" in p.grammemes``) or passed
    to ``.has(...)`` / ``case=`` in ``source``."""
    found = []

    def strings(node):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return [node.value]
        if isinstance(node, ast.Tuple | ast.Set | ast.List):
            return [s for element in node.elts for s in strings(element)]
        return []

    def is_field(node):
        return isinstance(node, ast.Attribute) and node.attr in TAG_FIELDS

    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(is_field(side) for side in sides):
                found += [s for side in sides for s in strings(side)]
        elif isinstance(node, ast.BinOp) and (is_field(node.left) or is_field(node.right)):
            found += strings(node.left) + strings(node.right)
        elif isinstance(node, ast.Call):
            if isinstance(node.func, ast.Attribute) and node.func.attr == "has":
                found += [s for arg in node.args for s in strings(arg)]
            found += [s for kw in node.keywords if kw.arg == "case" for s in strings(kw.value)]
    return found


def function_literals(source: str) -> list[tuple[int, str]]:
    """(line, text) of the string constants with a Cyrillic letter inside a function body of ``source``:
    the words the rules know belong in :mod:`augment.rules.lexicon`. Docstrings are not counted."""
    tree = ast.parse(source)
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    found = {}
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            for node in ast.walk(function):
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings \
                        and CYRILLIC.search(node.value):
                    found[id(node)] = (node.lineno, node.value)
    return sorted(found.values())
