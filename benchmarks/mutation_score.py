"""Mutation score of the rules: mutmut's mutants of negation.py, questions.py and statements.py, killed or not
by the fast rules tests (the ``[mutmut]`` section of setup.cfg says which files and which tests).

    make mutation                                    # a fixed sample: 150 mutants per module (seed 0)
    PYTHONPATH=. python benchmarks/mutation_score.py --per-module 0      # every mutant (slow)

It generates the mutants (``mutants/``, git-ignored), draws a fixed random sample of mutant names per module
(``--seed``), runs ``mutmut run`` on them and prints killed / survived per module, leaving out the mutants
listed in ``tests/data/equivalent_mutants.txt`` (mutants that cannot change behaviour, each with why).
A mutant the tests let through but whose function now writes a name that is no pymorphy3 grammeme
(«PRTS» → «prts») is counted apart, as caught by the grammeme scan of ``tests/test_rules_structure.py``
(which reads the source, so it cannot run on mutmut's copy). Survivors are listed; ``mutmut show NAME``
prints one.
"""

from __future__ import annotations

import argparse
import ast
import functools
import json
import random
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from augment.rules.lexicon import grammemes  # noqa: E402
from tests.rules_source import tag_literals  # noqa: E402

MODULES = ("negation", "questions", "statements")
EQUIVALENT = ROOT / "tests" / "data" / "equivalent_mutants.txt"
_RESULT = re.compile(r"^\s*(augment\.rules\.\S+): (.+)$")


def mutant_names() -> dict[str, list[str]]:
    """Every mutant name per module, from mutmut's metadata (the mutants of changed files made anew first)."""
    metas = {m: ROOT / "mutants" / "augment" / "rules" / f"{m}.py.meta" for m in MODULES}
    # mutmut (re)generates the mutants of changed files before it filters; a filter matching none stops it there
    subprocess.run([sys.executable, "-m", "mutmut", "run", "generate.only*"], cwd=ROOT, capture_output=True)
    missing = [str(path) for path in metas.values() if not path.exists()]
    if missing:
        sys.exit(f"mutmut did not generate {', '.join(missing)}")
    return {m: sorted(json.loads(path.read_text())["exit_code_by_key"]) for m, path in metas.items()}


def equivalent() -> dict[str, str]:
    """Mutant name → why it is equivalent (lines «name  # why»)."""
    found = {}
    for line in EQUIVALENT.read_text(encoding="utf-8").splitlines():
        name, _, why = line.partition("#")
        if name.strip():
            found[name.strip()] = why.strip()
    return found


@functools.cache
def _mutant_functions(module: str) -> dict[str, ast.AST]:
    tree = ast.parse((ROOT / "mutants" / "augment" / "rules" / f"{module}.py").read_text(encoding="utf-8"))
    return {node.name: node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}


def scan_rejects(name: str) -> bool:
    """Whether the mutant's function writes a grammeme name pymorphy3 does not have."""
    node = _mutant_functions(name.split(".")[2]).get(name.rsplit(".", 1)[1])
    return node is not None and bool(set(tag_literals(ast.unparse(node))) - grammemes())


def results() -> dict[str, str]:
    out = subprocess.run([sys.executable, "-m", "mutmut", "results", "--all", "true"], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    return {m.group(1): m.group(2) for m in map(_RESULT.match, out.splitlines()) if m}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-module", type=int, default=150, help="mutants drawn per module (0: all)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-children", type=int, default=2)
    parser.add_argument("--report", action="store_true", help="only report the results of an earlier run")
    args = parser.parse_args()
    names = mutant_names()
    rng = random.Random(args.seed)
    sample = {m: (sorted(rng.sample(found, min(args.per_module, len(found)))) if args.per_module else found)
              for m, found in names.items()}
    chosen = [name for found in sample.values() for name in found]
    if not args.report:
        command = [sys.executable, "-m", "mutmut", "run", "--max-children", str(args.max_children), *chosen]
        run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        if run.returncode != 0:  # e.g. the tests fail on the unmutated code: mutmut cannot collect its stats
            sys.exit(f"mutmut run failed:\n{(run.stdout + run.stderr)[-3000:]}")
    status = results()
    skip = equivalent()
    print(f"{'module':<12} {'mutants':>7} {'sampled':>7} {'equivalent':>10} {'killed':>6} {'by scan':>7} "
          f"{'survived':>8} {'other':>5} {'tests':>6} {'+ scan':>6}")
    survivors = []
    for module, found in sample.items():
        status_here = {name: status.get(name, "not checked") for name in found if name not in skip}
        # a mutant no fast test reaches survives too; one that makes the tests hang is caught
        killed = sum(s in ("killed", "timeout") for s in status_here.values())
        missed = [name for name, s in status_here.items() if s in ("survived", "no tests")]
        scanned = [name for name in missed if scan_rejects(name)]
        other = len(status_here) - killed - len(missed)
        checked = killed + len(missed)
        print(f"{module:<12} {len(names[module]):>7} {len(found):>7} {len(found) - len(status_here):>10} "
              f"{killed:>6} {len(scanned):>7} {len(missed) - len(scanned):>8} {other:>5} "
              f"{killed / max(checked, 1):>6.1%} {(killed + len(scanned)) / max(checked, 1):>6.1%}")
        survivors += [name for name in missed if name not in scanned]
    if survivors:
        print("\nsurvived:\n" + "\n".join(f"  {name}" for name in survivors))


if __name__ == "__main__":
    main()
