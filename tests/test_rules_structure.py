"""The rules' structure: lexicon (grammemes checked, subsets derived), decline reasons, small functions, and
changed rules noticed by the gold cases."""

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from augment.rules import lexicon
from augment.rules.lexicon import FOCUS_ADVERBS, FOCUS_WORDS, grammemes, tag, tags
from augment.rules.reasons import Decline, DeclineReason
from tests.rules_source import function_literals, tag_literals

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "augment" / "rules"
DATA = Path(__file__).parent / "data"


def test_tags_raise_on_a_misspelled_grammeme():
    assert tags("nomn gent") == {"nomn", "gent"} and tag("LATN") == "LATN"
    with pytest.raises(ValueError, match="nomm"):
        tags("nomn nomm")


def test_every_grammeme_group_of_the_lexicon_is_checked():
    groups = [lexicon.PROPER, lexicon.ALL_CASES, lexicon.GENITIVE,
              *lexicon.PREPOSITION_CASES.values(), *(case for case, _, _ in lexicon.RELATIONS.values())]
    names = {name for group in groups for name in ([group] if isinstance(group, str) else group)}
    assert names <= grammemes() and {"Geox", "gen2", "datv", "loc2"} <= names


def test_grammemes_written_in_the_rules_are_pymorphy3_grammemes():
    assert tag_literals('if w.case == "nomm" or w.has("VERB", "trn") or "Gox" in p.grammemes: pass') == [
        "nomm", "VERB", "trn", "Gox"]  # the scan finds typos where the rules would write them
    literals = [s for path in sorted(RULES.glob("*.py")) for s in tag_literals(path.read_text(encoding="utf-8"))]
    assert len(literals) > 150
    assert sorted(set(literals) - grammemes()) == []


def test_one_list_per_concept_subsets_derived():
    assert FOCUS_WORDS < FOCUS_ADVERBS and FOCUS_WORDS == FOCUS_ADVERBS - lexicon.DEGREE_ONLY
    assert lexicon.RANGE_AFTER >= lexicon.DASHES


def test_no_rule_function_hides_a_russian_word():
    sample = '''
def f(word):
    """«ли» in a docstring is prose."""
    return word in ("для", "при") or word == "Ёж" or (lambda: "ли")() or f"{word} не"
'''
    assert function_literals(sample) == sorted([(4, "для"), (4, "при"), (4, "Ёж"), (4, "ли"), (4, " не")])
    hidden = {path.name: literals for path in sorted(RULES.glob("*.py"))
              if (literals := function_literals(path.read_text(encoding="utf-8")))}
    assert hidden == {}  # each word the rules test for or write is a named constant in lexicon.py


def test_decline_reasons_have_stable_names_descriptions_and_examples():
    for reason in DeclineReason:
        assert reason.value == reason.name.lower() == str(reason) == f"{reason}"
        assert reason.description and reason.example
    assert Decline(DeclineReason.NO_PREDICATE).reason == "no_predicate"
    sources = "\n".join(path.read_text(encoding="utf-8") for path in RULES.glob("*.py") if path.name != "reasons.py")
    unused = [reason.name for reason in DeclineReason if f"DeclineReason.{reason.name}" not in sources]
    assert unused == []
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert [reason.value for reason in DeclineReason if f"`{reason.value}`" not in readme] == []


def test_no_rule_function_has_more_than_20_decisions():
    spec = importlib.util.spec_from_file_location("rules_branches", ROOT / "benchmarks" / "rules_branches.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rows = module.measure(sorted(RULES.glob("*.py")))
    assert len(rows) > 200 and rows[0][0] >= 15  # it measures: some functions are near the limit
    assert [name for decisions, _, name in rows if decisions > 20] == []


# --- changed rules are noticed -----------------------------------------------------------------------------

_GOLD = """
import json, sys
from augment.rules.evaluation import load_cases, load_known_failures, score
misses = score(load_cases(sys.argv[1])).misses()
print(json.dumps(sorted(q for q, _ in misses.keys() - load_known_failures(sys.argv[2]).keys())))
"""

EDITS = {
    "neuter past of быть is «был»": ('"neut": "было"', '"neut": "был"',
                                     "Правда ли, что в древнем риме не было мыла?"),
    "«возможно» out of the modal flips": ('"возможно": "невозможно", ', "",
                                          "Возможно ли вылечить диабет полностью?"),
    "«всегда» out of the focus adverbs": ('"всегда часто обычно очень', '"часто обычно очень',
                                          "Всегда ли вода кипит при ста градусах?"),
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_the_gold_cases_notice_a_changed_rule(tmp_path, edit):
    """Each edit of the lexicon that once left the suite green now makes the exact gold test fail."""
    old, new, question = EDITS[edit]
    shutil.copytree(ROOT / "augment", tmp_path / "augment", ignore=shutil.ignore_patterns("__pycache__"))
    path = tmp_path / "augment" / "rules" / "lexicon.py"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", _GOLD, str(DATA / "negation_cases.jsonl"),
                             str(DATA / "negation_known_failures.jsonl")],
                            cwd=tmp_path, env=env, capture_output=True, text=True, check=True)
    assert question in json.loads(result.stdout)
