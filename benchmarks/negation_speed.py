"""Speed of RuleBasedGenerator.negate over DaNetQA questions on one core, against pymorphy3 alone.

    PYTHONPATH=. python benchmarks/negation_speed.py [--danetqa FOLDER] [--repeat 3]

The cold run starts from empty caches (a new Morphology, no cached tokenizations), so the first sight
of every word pays for its pymorphy3 parse; the warm run is the steady state of a long job, where every
word has been seen. The reference is pymorphy3 parsing every razdel token of the same questions
with no cache at all; the ratio says how much the rules cost on top of (or save against) that.
"""

from __future__ import annotations

import argparse
import time

from _danetqa import DEFAULT, danetqa_questions

from augment.report import format_table
from augment.rules import negate_question
from augment.rules.morphology import Morphology
from augment.rules.tokens import clear_cache, tokenize


def best_of(repeat: int, work, clock=time.perf_counter) -> float:
    """The least time ``clock`` measures over ``repeat`` runs of ``work`` (wall time by default)."""
    times = []
    for _ in range(repeat):
        start = clock()
        work()
        times.append(clock() - start)
    return min(times)


def best_cpu_of(repeat: int, work) -> float:
    """The least CPU time of this process over ``repeat`` runs of ``work``: robust to other load."""
    return best_of(repeat, work, time.process_time)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--danetqa", default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from razdel import tokenize as razdel_tokenize

    questions = danetqa_questions(args.danetqa)
    tokens = [t.text.lower() for q in questions for t in tokenize(q) if t.is_word]
    analyzer = Morphology().analyzer  # loading the dictionaries is not part of either timing

    def rules_cold():
        clear_cache()
        morph = Morphology()
        morph._analyzer = analyzer
        for question in questions:
            negate_question(question, morph=morph)

    warm = Morphology()
    warm._analyzer = analyzer

    def rules_warm():
        for question in questions:
            negate_question(question, morph=warm)

    def pymorphy_alone():
        for token in tokens:
            analyzer.parse(token)

    def razdel_alone():
        for question in questions:
            list(razdel_tokenize(question))

    cold = best_of(args.repeat, rules_cold)
    cold_cpu = best_cpu_of(args.repeat, rules_cold)
    rules_warm()
    hot = best_of(args.repeat, rules_warm)
    morph_only = best_of(args.repeat, pymorphy_alone)
    razdel_only = best_of(args.repeat, razdel_alone)
    n = len(questions)
    distinct = len(set(tokens))
    print(f"{n} questions, {len(tokens)} word tokens ({distinct} distinct), best of {args.repeat} runs, one core")
    print(format_table(("run", "seconds", "questions/s", "ratio to pymorphy3 alone"), [
        ("negate, cache empty at start", f"{cold:.3f}", f"{n / cold:,.0f}", f"{cold / morph_only:.2f}"),
        ("negate, cache empty at start (CPU time)", f"{cold_cpu:.3f}", f"{n / cold_cpu:,.0f}", "-"),
        ("negate, cache warm", f"{hot:.3f}", f"{n / hot:,.0f}", f"{hot / morph_only:.2f}"),
        ("pymorphy3 parse of every token, no cache", f"{morph_only:.3f}", f"{n / morph_only:,.0f}", "1.00"),
        ("razdel tokenization alone", f"{razdel_only:.3f}", f"{n / razdel_only:,.0f}",
         f"{razdel_only / morph_only:.2f}"),
    ]))
    print(f"\ncold: {n / cold:,.0f} questions/s, {n / cold_cpu:,.0f} per CPU second (acceptance: >= 3,000 with an "
          f"empty cache); warm: {n / hot:,.0f}")


if __name__ == "__main__":
    main()
