"""Recipes for the experiment's training sets, built through ``augment``'s public API.

A recipe takes the original training examples (dev split already removed) and returns the training set.
``danetqa+<generator>`` works for any registered generator; the study's two augmented sets have their own
recipes with the settings the study used. Add a recipe with ``RECIPES[name] = function``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import augment
from augment.example import Example

Recipe = Callable[..., list[Example]]  # (originals, *, seed, **options) -> training set
ORIGINAL = "danetqa"
GENERATOR_PREFIX = ORIGINAL + "+"


def augmented(
    originals: Sequence[Example], generator: augment.Generator, filters: Sequence[augment.Filter] = ()
) -> list[Example]:
    """The originals, each followed by its generated examples (length-filtered, ``filters``, deduplicated)."""
    pipeline = augment.Pipeline(generator, keep_originals=True, filters=[augment.LengthFilter(), *filters],
                                dedupe="normalized")
    return list(pipeline.run(originals))


def original(originals: Sequence[Example], *, seed: int) -> list[Example]:
    """DaNetQA: the original examples alone."""
    return list(originals)


def rule_based(originals: Sequence[Example], *, seed: int, **options: Any) -> list[Example]:
    """DaNetQA+RB: plus rule-based yes/no questions (negation and reframing, balanced labels)."""
    options = {"operations": ("negate", "reframe"), "balance": True, **options}
    generator = augment.create("rule_based", seed=seed, **options)
    generator.fit(originals)  # label counts of the whole set, so balancing does not depend on batches
    return augmented(originals, generator)


def prompt_tuned(originals: Sequence[Example], *, seed: int, **options: Any) -> list[Example]:
    """DaNetQA+PT: plus questions from a prompt-tuned generator fitted on the originals, kept only when they
    are general questions, copy no passage sentence and repeat no training question (the study kept all)."""
    from augment.ptune.filters import DuplicateFilter, PassageCopyFilter, QuestionFormFilter

    generator = augment.create("prompt_tuned", seed=seed, **options)
    generator.fit(list(originals))
    filters = [QuestionFormFilter(), PassageCopyFilter(), DuplicateFilter(e.question for e in originals)]
    return augmented(originals, generator, filters)


def with_generator(name: str) -> Recipe:
    """A recipe adding the output of the registered generator ``name`` to the originals."""

    def recipe(originals: Sequence[Example], *, seed: int, **options: Any) -> list[Example]:
        return augmented(originals, augment.create(name, seed=seed, **options))

    recipe.__doc__ = f"DaNetQA plus the output of the {name!r} generator."
    return recipe


RECIPES: dict[str, Recipe] = {
    ORIGINAL: original,
    "danetqa+rb": rule_based,
    "danetqa+pt": prompt_tuned,
}


def recipe_for(name: str) -> Recipe:
    """The recipe named ``name``: one of :data:`RECIPES` or ``danetqa+<registered generator>``."""
    if name in RECIPES:
        return RECIPES[name]
    generator = name[len(GENERATOR_PREFIX):] if name.startswith(GENERATOR_PREFIX) else None
    if generator in augment.available():
        return with_generator(generator)
    raise ValueError(f"unknown training set {name!r}: expected one of {', '.join(RECIPES)}, "
                     f"danetqa+<generator> with a registered generator ({', '.join(augment.available()) or 'none'}), "
                     "or a file given with --train-set NAME=PATH")


def build_train_set(name: str, originals: Sequence[Example], *, seed: int, **options: Any) -> list[Example]:
    """The training set ``name`` made from ``originals``."""
    return recipe_for(name)(originals, seed=seed, **options)
