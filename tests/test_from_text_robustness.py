"""Any text goes in; from_text never raises and every output is a labeled question from its passage."""

import contextlib

from hypothesis import given, settings
from hypothesis import strategies as st

from augment import RuleBasedGenerator
from augment.rules.morphology import shared_morphology
from augment.rules.negation import Decline
from augment.rules.statements import read_statement
from augment.rules.tokens import _razdel_tokens, tokenize

RUSSIAN = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
WORDS = ["Кит", "кит", "является", "не", "нет", "был", "была", "основан", "родился", "в", "во", "году", "года", "1799",
         "12", "345", "3,5", "метра", "человек", "составляет", "Москве", "Казани", "Франции", "столицей", "—", "-", ",",
         ".", "?", "!", "«", "»", "(", ")", ":", ";", "он", "этот", "У", "зайца", "есть", "хвост", "мая", "и", "или",
         "\n", "около", "г.", "Правда", "ли", "что", "принадлежит", "Дании", "уроженец"]


def check(passages):
    generator = RuleBasedGenerator(seed=1)
    for balance in (True, False):
        for example in generator.from_text(passages, balance=balance, per_sentence=3):
            assert example.question.endswith("?") and isinstance(example.label, bool)
            source = passages[example.meta["passage_id"]]
            assert example.passage == source[example.meta["passage_start"]:example.meta["passage_stop"]]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(max_size=200), min_size=1, max_size=3))
def test_arbitrary_unicode(passages):
    check(passages)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(WORDS), max_size=30).map(" ".join), min_size=1, max_size=3))
def test_shuffled_sentence_words(passages):
    check(passages)
    check([p.capitalize() + "." for p in passages])


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet=RUSSIAN + " .,-—\n", max_size=300))
def test_cyrillic_noise(text):
    check([text])


def test_empty_whitespace_latin_digits_and_long_inputs():
    check(["", " ", "\n\n", "\t"])
    check(["The quick brown fox jumps over the lazy dog. It was born in 1799."])
    check(["1799. 12 345. 3,5 — 7,2."])
    check(["Кит является млекопитающим. " * 400])
    check(["Кит " * 3000 + "."])


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=25).map(" ".join))
def test_statements_raise_only_decline(text):
    with contextlib.suppress(Decline):
        read_statement(text, shared_morphology(), context=False)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*WORDS, "5,", "5", "3", "a,", "т.", "−5", "‑", "_", "/", "...", "1.", "x.5"]),
                max_size=14).map(" ".join))
def test_tokenize_matches_razdel_on_sentence_material(text):
    for variant in (text, text.replace(" ,", ","), text.replace(" .", ".")):
        assert [(t.text, t.space) for t in tokenize(variant)] == [(t.text, t.space) for t in _razdel_tokens(variant)]
