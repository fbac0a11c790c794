"""Speed of RuleBasedGenerator.from_text over DaNetQA passages on one core: cold and warm caches.

    PYTHONPATH=. python benchmarks/from_text_speed.py [--danetqa FOLDER] [--repeat 3] [--passage paragraph]

Every unique passage of train, val and test goes through ``from_text`` (both passes: fitting the pool of
substitutes and the balance, then generating). The cold run starts from empty caches (a new Morphology,
no cached tokenizations), so the first sight of every word pays for its pymorphy3 parse; the warm run is
the steady state of a long job, where the words have been seen (a new generator each run, so the
passages themselves are read again). The reference rows are razdel's sentence splitting and pymorphy3
parsing every word of the same passages once, uncached.
"""

from __future__ import annotations

import argparse
import re

from _danetqa import DEFAULT, unique_passages
from negation_speed import best_cpu_of, best_of

from augment.report import format_table
from augment.rules import RuleBasedGenerator
from augment.rules.morphology import Morphology
from augment.rules.tokens import clear_cache


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--danetqa", default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--passage", default="paragraph", choices=("sentence", "window", "paragraph"))
    args = parser.parse_args()
    from razdel import sentenize

    passages = unique_passages(args.danetqa)
    analyzer = Morphology().analyzer  # loading the dictionaries is not part of any timing
    words = [w.lower() for p in passages for w in re.findall(r"\w+", p)]

    def run(morph: Morphology) -> int:
        generator = RuleBasedGenerator(seed=0)
        generator.morph = morph
        return sum(1 for _ in generator.from_text(passages, passage=args.passage))

    def cold() -> None:
        clear_cache()
        morph = Morphology()
        morph._analyzer = analyzer
        run(morph)

    warm_morph = Morphology()
    warm_morph._analyzer = analyzer
    produced = run(warm_morph)

    cold_s = best_of(args.repeat, cold)
    cold_cpu = best_cpu_of(args.repeat, cold)
    warm_s = best_of(args.repeat, lambda: run(warm_morph))
    split_s = best_of(args.repeat, lambda: [list(sentenize(p)) for p in passages])
    distinct = sorted(set(words))
    parse_s = best_of(1, lambda: [analyzer.parse(w) for w in distinct])
    n = len(passages)
    mean_words = len(words) / n
    print(f"{n} unique DaNetQA passages ({mean_words:.0f} words each on average), {produced} questions; "
          f"best of {args.repeat} runs, one core, --passage {args.passage}")
    print(format_table(("run", "seconds", "passages/s"), [
        ("from_text, caches empty at start", f"{cold_s:.2f}", f"{n / cold_s:,.0f}"),
        ("from_text, caches empty at start (CPU time)", f"{cold_cpu:.2f}", f"{n / cold_cpu:,.0f}"),
        ("from_text, caches warm", f"{warm_s:.2f}", f"{n / warm_s:,.0f}"),
        ("razdel sentence splitting alone", f"{split_s:.2f}", f"{n / split_s:,.0f}"),
        (f"pymorphy3 parse of each distinct word ({len(distinct):,})", f"{parse_s:.2f}", f"{n / parse_s:,.0f}"),
    ]))
    print(f"\ncold: {n / cold_s:,.0f} passages/s, {n / cold_cpu:,.0f} per CPU second (acceptance: >= 500 with empty "
          f"caches); warm: {n / warm_s:,.0f}; "
          f"cold / pymorphy3 parse alone (ratio of times): {cold_s / parse_s:.2f}")


if __name__ == "__main__":
    main()
