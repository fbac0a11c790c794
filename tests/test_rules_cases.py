"""Everything the rules make of a fixed set of questions and sentences, pinned exactly.

Inputs: every gold question (tests/data/negation_cases.jsonl) and the negation made of it, the extra
questions and sentences below, and every sentence of the passages of examples/data/sample.jsonl (read with
and without the sentences before it). For each the test pins the outcome: the output questions, rule, form,
flip rule, decline reason and the rule that declined, or for a sentence its statement's questions and the
operations declined with their reasons. This is the test that kills most mutants of the rules
(``make mutation``); when a rule changes on purpose, rewrite the pinned file and read its diff:

    PYTHONPATH=. python tests/test_rules_cases.py --write
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from augment.rules import RuleBasedGenerator
from augment.rules.evaluation import load_cases
from augment.rules.fromtext import FromText
from augment.rules.morphology import shared_morphology

DATA = Path(__file__).parent / "data"
PINNED = DATA / "rules_pinned.jsonl"
SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "data" / "sample.jsonl"

QUESTIONS = [
    "Является ли «кит» рыбой?", "Был ли кит - рыбой?", "А является ли кит рыбой?", "И есть ли у зайца хвост?",
    "Является ли кит рыбой??", "Является ли кит рыбой ?", "является ли кит рыбой", "Верно ли что кит рыба?",
    "Действительно ли кит рыба?", "Правда ли кит рыба?", "Правда, что кит рыба?", "Кит рыба, не так ли?",
    "Кит - рыба, правда?", "Кит - это рыба, верно?", "Неужели кит рыба?", "Разве кит рыба?",
    "Нельзя ли пить морскую воду?", "Невозможно ли вылечить диабет?", "Необходимо ли получать визу?",
    "Нужно ли было получать визу?", "Много ли в россии рек?", "Мало ли в пустыне воды?", "Все ли киты большие?",
    "Часто ли идет дождь в лондоне?", "Обязательно ли служить в армии?", "Долго ли живут черепахи?",
    "Есть ли у NASA ракеты?", "Является ли Южная Корея демократией?", "Был ли Пётр Первый царём?",
    "Входит ли Крым в состав россии?", "Сохранились ли документы, зафиксировавшие испытания?",
    "Полезно ли бегать по утрам?", "Вредно ли курить?", "Холодно ли в антарктиде?",
    "Существуют ли снежные люди?", "Существовали ли динозавры?", "Бывает ли у детей аллергия на пыль?",
    "Будут ли участвовать польские войска?", "Была ли у пушкина сестра?", "Было ли у древних греков железо?",
    "Будет ли у нас дождь?", "Были ли у цезаря враги и друзья?", "Есть ли у зайца хвост, который длинный?",
    "Есть ли у зайца два хвоста?", "Является ли обучение в школе бесплатным?",
    "Действуют ли в Томске музеи при вузах?", "Были ли долгими бои за город марджа?",
    "Зависим ли человек от погоды?", "Готов ли ссср к войне?", "Похож ли кит на рыбу?",
    "Может ли страус летать?", "Умеет ли пингвин плавать?", "Помогает ли чай уснуть?",
    "Нашел ли герои смысл жизни?", "Признали ли вину руслан тихонов?", "Передается ли лишай розовый?",
    "Вырабатывает ли печень желчь?", "Кто такой кит?", "В каком году основана москва?", "Кит - это кто?",
    "Кит является рыбой или млекопитающим?", "Что?", "?", "", "Кит.", "Кит? Рыба?",
    "Является ли кит рыбой ли?", "Кит является ли рыбой?", "Является ли", "Очень ли кит большой?",
    "Всегда ли вода не кипит?", "Всё ли готово?", "Много ли людей живет в москве?",
    "Правда ли, что никто не знает?", "Правда ли, что кто-то выжил?", "Правда ли, что кит уже вымер?",
    "Правда ли, что гречку едят только славяне?", "Правда ли, что гриб несъедобен?",
    "Правда ли, что не кит является рыбой?", "Правда ли, что кит не рыба, а зверь?",
    "Правда ли, что мед не вызывает аллергии?", "Правда ли, что кит не есть рыба?",
    "Правда ли, что все грибы не ядовиты?", "Правда ли, что каждый кит большой?",
    "Правда ли, что у зайца нет хвоста и ушей?", "Правда ли, что не существует снежных людей?",
    "Правда ли, что снежных людей не существовало?", "Правда ли, что у него нет детей?",
    "Правда ли, что ртуть вредна?", "Правда ли, что ленинград был в блокаде?", "Правда ли, что вода была?",
    "Правда ли, что троянская война была?", "Правда ли, что япония была фашистской?",
    "Правда ли, что вднх - зюзя?", "Правда ли, что палочки твикс разные?", "Правда ли, что кроты слепые?",
    "Правда ли, что кит и дельфин - млекопитающие?", "Правда ли, что можно пить морскую воду?",
    "Правда ли, что нельзя пить морскую воду?", "Правда ли, что надо получать визу?",
    "Правда ли, что не надо получать визу?", "Правда ли, что зимой холодно?",
    "Правда ли, что кит больше акулы?", "Правда ли, что он был на дуэли ранен?",
    "Правда ли, что самолет был сбит?", "Правда ли, что самолеты могут быть заменены?",
    "Правда ли, что он остался жив?", "Правда ли, что у гая юлия цезаря были дети?",
    "Правда ли, что в истории ссср был голод?", "Правда ли, что у слона и жирафа есть хвосты?",
]

SENTENCES = [
    "Кит является млекопитающим.", "Кит не является рыбой.", "В. Л. Янин родился в Москве.",
    "NASA запустило ракету в 1969 году.", "Южная Корея является демократией.", "Тюменская область богата нефтью.",
    "Эйфелева башня построена в 1889 году.", "Императрица Елизавета родилась в Москве.",
    "Столица Франции расположена на Сене.", "Честер Гринвуд изобрёл наушники в 1873 году.",
    "Площадь Восточной Сибири огромна.", "Анализ ДНК занимает несколько дней.",
    "Кроме того, кит является млекопитающим.", "Однако кит не является рыбой.", "Тем не менее озеро не замерзает.",
    "Возможно, кит является рыбой.", "По мнению учёных, кит является рыбой.", "Кит, по-видимому, рыба.",
    "Озеро иногда замерзает.", "Он так и не приехал в Москву.", "Город вырос из-за порта.",
    "Город вырос, что позволяет строить дома.", "Город стоит на реке, поэтому там есть порт.",
    "Город, в состав которого не входит, большой.", "Пушкин — поэт — родился в Москве.",
    "Он родился в Москве.", "Этот город был основан в 1147 году.", "Там родился Пушкин.",
    "Его отец работал в Казани.", "Мы живём в Казани.", "Ты родился в Москве.",
    "Родился в Москве в 1799 году.", "Не родился в Москве.", "Город стоит на реке Родился в 1920 году.",
    "Пушкин родился в Москве в 1799 году.", "Пушкин не родился в Казани.", "Собор был построен к 1561 году.",
    "Чайковский родился в Казани и Самаре.", "Глубина озера составляет 1642 метра.",
    "Население города — 12 345 человек.", "Столица России — Москва.", "Москва является столицей России.",
    "Крым принадлежит Украине.", "Очень долго она не могла ходить.", "Такого адреса не существовало.",
    "Как и другие изделия, биди вредны.", "Будучи ребёнком, Пушкин жил в Москве.",
    "Когда началась война, город был разрушен.", "Город, основанный в 1147 году, стоит на реке.",
    "Многие киты живут в океане.", "Несколько китов живут в зоопарке.", "Кит в море.",
    "Кит плавает и ныряет.", "Город «Москва» основан в 1147 году.", "Король Артур жил в Камелоте.",
]


_MUTMUT_NAME = re.compile(r"^x_(\w+?)__mutmut_\w+$")  # how mutmut renames a function it mutates


def _outcome(generator: RuleBasedGenerator, question: str) -> list:
    o = generator.outcome(question)
    declined_by = None if o.declined_by is None else _MUTMUT_NAME.sub(r"\1", o.declined_by)
    return [o.question, o.negation, o.reframing, o.rule, o.form, o.negative, o.flip,
            None if o.reason is None else o.reason.value, declined_by]


def _sentences(text: str, mode: str) -> list:
    run = FromText(shared_morphology(), "Правда ли, что", 0, "rule_based", RuleBasedGenerator().derive, mode)
    return [[r.sentence.text, None if r.reason is None else str(r.reason),
             [[o.operation, o.form, o.label, o.rule, o.negative, o.question, o.flip] for o in r.options],
             [v.type for v in r.slots], list(r.declined_operations)]
            for r in run.read(text).sentences]


def pinned_lines() -> list[str]:
    """One JSON line per input: what the rules make of it now."""
    generator = RuleBasedGenerator()
    questions = [case.question for case in load_cases(DATA / "negation_cases.jsonl")] + QUESTIONS
    negations = [generator.negate(q) for q in questions]
    questions += [n for n in negations if n is not None]
    lines = [["question", _outcome(generator, q)] for q in questions]
    passages = [json.loads(line)["passage"] for line in SAMPLE.read_text(encoding="utf-8").splitlines()]
    lines += [["sentences", mode, _sentences(text, mode)] for mode in ("sentence", "paragraph")
              for text in [" ".join(SENTENCES), *passages]]
    return [json.dumps(line, ensure_ascii=False) for line in lines]


def test_rules_make_exactly_the_pinned_outputs():
    expected = PINNED.read_text(encoding="utf-8").splitlines()
    found = pinned_lines()
    differ = [(old, new) for old, new in zip(expected, found) if old != new]
    assert len(found) == len(expected) and not differ, differ[:3]


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit(__doc__)
    PINNED.write_text("\n".join(pinned_lines()) + "\n", encoding="utf-8")
