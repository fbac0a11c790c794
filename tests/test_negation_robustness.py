"""Any string goes in; negate() never raises and returns None or a question ending with «?»."""

import contextlib

from hypothesis import given, settings
from hypothesis import strategies as st

from augment.rules import Decline, RuleBasedGenerator, analyze
from augment.rules.tokens import tokenize

GENERATOR = RuleBasedGenerator()
RUSSIAN = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
WORDS = ["ли", "не", "нет", "есть", "был", "была", "было", "были", "правда", "что", ",", "?", "-", "это", "у", "в",
         "кит", "рыбой", "является", "можно", "нельзя", "все", "никто", "или", "Москва", "хвоста", "зайца", "«", "»"]


def check(text: str) -> None:
    for result in (GENERATOR.negate(text), GENERATOR.reframe(text)):
        assert result is None or (isinstance(result, str) and result.endswith("?")), (text, result)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_arbitrary_unicode(text):
    check(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join))
def test_shuffled_question_words(text):
    check(text)
    check(text.capitalize() + "?")


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=RUSSIAN + " ,-?", max_size=80))
def test_cyrillic_noise(text):
    check(text)


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet=" \t\n\r\u00a0\u2009", max_size=20))
def test_whitespace_only(text):
    assert GENERATOR.negate(text) is None


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ ?", max_size=60))
def test_latin_only(text):
    check(text)


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet="0123456789 .,?", max_size=40))
def test_digits(text):
    check(text)


def test_ten_thousand_characters():
    check("Является ли кит рыбой " * 500 + "?")
    check("ли" * 5000)
    assert GENERATOR.outcome("а" * 10_000).reason == "too_long"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=10).map(" ".join))
def test_clause_analysis_raises_only_decline(text):
    with contextlib.suppress(Decline):
        analyze(tokenize(text))


def test_characters_pymorphy3_cannot_name():
    # pymorphy3 raises ValueError on characters without a Unicode name (Tangut); the rules must not
    check("Является ли 𗀀 рыбой?")
    check("Есть ли у 𗀀 𗀁 хвост?")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*WORDS, "5", "3,5", "1/2", "-", "—", "_", ".", "...", "?!", "cho", "-to", "т.", "е.",
                                 "covid-19", "(", ")", ":", "город:", ":)", ",5", ".5", "3/", "/4",
                                 "3\\", "Москва,", "рыбой?", "iPhoneы", "«Спартак»,", "(1990", "1).", "8)",
                                 ";)"]), max_size=14).map(" ".join))
def test_tokenize_matches_razdel(text):
    from augment.rules.tokens import _razdel_tokens

    for variant in (text, text.replace(" - ", "-"), text.replace(" ,", ",")):
        assert [(t.text, t.space) for t in tokenize(variant)] == [(t.text, t.space) for t in _razdel_tokens(variant)]
