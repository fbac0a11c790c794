"""Every word, phrase and grammeme group the rules read, in one place.

Each list is one concept, with a comment that says what it is for and gives an example; a list that is a
subset of another is derived from it (:data:`FOCUS_WORDS` from :data:`FOCUS_ADVERBS`). Word lists are
lowercase :func:`~augment.text.wordset` strings; phrases are tuples of lowercase tokens. Grammeme groups
are built with :func:`tags`, which checks every name against pymorphy3's grammeme set as the module
loads, so a misspelled grammeme («nomm») raises instead of silently never matching.

To change what the rules do with a word, change it here; ``tests/test_rules_structure.py`` shows that
the gold cases notice, and fails when a function in ``augment/rules`` tests for or writes a Russian word
(«не», «ли», «есть») as a literal instead of a name from here.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from augment.text import wordset

# grammemes pymorphy3's analyzer units add to those of its dictionary (Latin, numbers, punctuation, …)
UNIT_GRAMMEMES = frozenset({"LATN", "NUMB", "PNCT", "ROMN", "UNKN", "intg", "real"})
# values the rules derive from a tag themselves: the common gender «Ms-f» lowercased (see morphology.Reading)
DERIVED_GRAMMEMES = frozenset({"ms-f"})


@cache
def grammemes() -> frozenset[str]:
    """pymorphy3's grammeme names: those of the Russian dictionary, its analyzer units' and our derived ones."""
    import pymorphy3_dicts_ru

    path = Path(pymorphy3_dicts_ru.get_path()) / "grammemes.json"
    names = {row[0] for row in json.loads(path.read_text(encoding="utf-8"))}
    return frozenset(names) | UNIT_GRAMMEMES | DERIVED_GRAMMEMES


def tag(name: str) -> str:
    """``name`` itself; raises ValueError when it is not a pymorphy3 grammeme."""
    return next(iter(tags(name)))


def tags(names: str) -> frozenset[str]:
    """The grammemes in the space-separated ``names``; raises ValueError on a name pymorphy3 does not have."""
    found = frozenset(names.split())
    unknown = sorted(found - grammemes())
    if unknown:
        raise ValueError(f"not pymorphy3 grammemes: {', '.join(unknown)}")
    return found


# --- morphology ------------------------------------------------------------------------------------------

# names of people, places and organisations («Пушкин», «Казань», «ООН»)
PROPER = tags("Name Surn Patr Geox Orgn Trad")
# a person's names among them («Пётр», «Пушкин», «Петрович»)
PERSONAL_NAME = tags("Name Surn Patr")
# a place's names among them («Казань», «Ленинград»)
PLACE_NAME = tags("Geox")
# «ё» is read as «е» when comparing and matching: pymorphy3 writes «ребёнка» even for «ребенок»
YO, YE = "ё", "е"
YO_UPPER, YE_UPPER = "Ё", "Е"

# --- function words --------------------------------------------------------------------------------------

NOT = "не"  # the negative particle («кит не рыба»), tested for and written
NEGATIVE_PREFIX = "не"  # a lexically negative word starts with it («невозможно», «неверен»)
LI = "ли"  # the question particle («Является ли кит рыбой?»), tested for and written
AND = "и"  # «кошки и собаки»
OR = "или"  # «кит или рыба?»: an alternative
THAT = "что"  # «Правда ли, что …», «…, что позволяет …»
ETO = "это"  # «Москва — это столица», «…, это так?»
ONLY = "только"  # «только X»: a focus on what follows
BE = "быть"  # the copula's lemma and infinitive («может быть»)
IS = "есть"  # the present of быть («у кита есть хвост»)
NYET = "нет"  # the negated present of быть («у кита нет хвоста»)

# --- syntax ----------------------------------------------------------------------------------------------

# prepositions: the phrase they open is no subject («в москве», «из-за дождя»)
PREPOSITIONS = wordset(
    "в во на у к ко с со по о об обо от до из за под над при про через для без между перед около среди "
    "вокруг после против кроме вместо из-за из-под внутри вне сквозь ради вдоль возле мимо сверх насчет "
    "насчёт согласно вопреки"
)
# the forms of the relative pronoun «который» («…, который …»)
WHICH = wordset("который которая которое которые которого которой которому которым котором которую которых которыми")
# words that open a subordinate clause, whose predicate is not the main one («…, что кит дышит»)
SUBORDINATORS = WHICH | wordset(
    "что чтобы где когда если потому поскольку хотя пока как чем куда откуда ибо кто чей будто словно"
)
# what joins coordinated phrases («кошки и собаки», «Корея, Эквадор и Шри-Ланка»)
COORDINATORS = frozenset({AND, ","})
# opening quotes and their closing pairs («„Война и мир“», «"Спартак"»)
QUOTES_OPEN = {"«": "»", '"': '"', "„": "“", "“": "”"}
# dashes, spaced for a null copula («Москва - столица»), unspaced inside words
DASHES = frozenset({"-", "—", "–"})
# contrast conjunctions after a comma («X, а Y», «X, но Y»): the clause is not one assertion
CONTRAST_CONJUNCTIONS = wordset("а но однако")
# the forms of the prepositions «в» («в Казани», «во Франции»), «с» («с градусника»), «из» («изо рта»)
IN, IN_VO = "в", "во"
IN_FORMS = frozenset({IN, IN_VO})
WITH_FORMS = wordset("с со")
FROM_FORMS = wordset("из изо")
# prepositions whose phrase belongs to the noun before them («книга о войне», «граница между странами»)
NOUN_ATTACHED_PREPOSITIONS = wordset("о об обо про между")
# words a partitive «из» phrase belongs to («один из прототипов», «многие из них»)
PARTITIVE_HEADS = wordset("один одна одно многие некоторые")
# the vowels; «во» stands before «в»/«ф» and a consonant («во Франции», «во Владимире», «в Волгограде»)
VOWELS = frozenset("аеёиоуыэюя")
VO_BEFORE = frozenset("вф")
# one-letter words («в», «и», «с»): after a noun, not a letter name unless they read as one («гепатит с»)
ONE_LETTER_WORDS = frozenset("авиксуояе")
# possessives that can stand before a genitive noun («его отца», «их дома»)
POSSESSIVE_PRONOUNS = wordset("его её ее их")
# words after which a phrase is compared, not the subject («применяется как средство», «больше, чем X»)
COMPARISON_WORDS = wordset("как чем")
# «то есть» ("that is") before a phrase: no predicate
THAT_IS = ("то", IS)
# nouns followed by a quoted form rather than an agreeing name
CITING = frozenset({"имя", "фамилия", "отчество", "слово", "название", "звание", "термин", "понятие", "кличка",
                    "прозвище", "приставка", "суффикс", "буква", "звук"})
# person titles before a name that belongs to the subject («граф дракула», «царь горох»); an existent's
# name inflects with its title («не было графа дракулы»)
PERSON_TITLES = wordset(
    "царь царица король королева император императрица князь княгиня княжна граф графиня барон баронесса "
    "герцог герцогиня принц принцесса султан хан фараон"
)
# channels, stations and forts named after them in the nominative («телеканал Культура», «форт боярд»)
NAMED_INSTITUTIONS = wordset("телеканал канал радиостанция телестанция форт")
# the genitive of a one-word name pymorphy3 does not know as a noun, by its last letter («Был ли эртугрул на
# самом деле?» → «не было эртугрула», «Была ли троя …?» → «не было трои»): «-а» → «-ы» («-и» after
# :data:`NAME_SOFT_STEMS`), «-я» → «-и»; a masculine name in a hard consonant adds «-а»; names in other vowels do
# not decline («не было гёте»); «-ь», «-й» and a feminine name in a consonant are left undecided
NAME_GENITIVE_ENDINGS = {"а": "ы", "я": "и"}
NAME_SOFT_GENITIVE = NAME_GENITIVE_ENDINGS["я"]
NAME_FIRST_DECLENSION = tuple(NAME_GENITIVE_ENDINGS)  # «дракула», «троя»
NAME_SOFT_STEMS = frozenset("гкхжшчщ")
NAME_INDECLINABLE_ENDINGS = frozenset("оеёиуюэы")
NAME_UNDECIDED_ENDINGS = frozenset("ьйъ")
MASCULINE_NAME_GENITIVE = "а"
# openers of a parenthetical in commas after the subject, which stays with it («эмбрион, согласно суду, не
# является объектом права»)
PARENTHETICAL_OPENERS = (("согласно",), ("по", "мнению"), ("по", "данным"), ("по", "словам"), ("по", "сведениям"),
                         ("по", "оценкам"))
# openers of a specification that ends the clause after the subject's comma («первые опыты композиторов,
# преимущественно в жанре оперы, не были удачными»)
SPECIFIERS = (("преимущественно",), ("особенно",), ("главным", "образом"), ("в", "основном"), ("в", "частности"))
# particles inside a predicate complement («тем же самым»: the complement starts at «тем»)
COMPLEMENT_PARTICLES = wordset("же")
# category nouns whose member is named after them in the nominative («рыба лосось», «птица феникс»)
CATEGORY_NOUNS = wordset("рыба птица зверь животное растение дерево цветок гриб жанр порода болезнь")
# first names of monarchs, whose number may stand before a noun («у петра 1 сын»: Peter I, not one son)
REGNAL_NAMES = wordset("пётр петр павел николай александр екатерина елизавета иван василий фёдор федор борис "
                       "людовик генрих карл георг эдуард вильгельм фридрих")
# nouns named by a letter after them («гепатит б», «витамин д»)
LETTER_NAMED = frozenset({"гепатит", "витамин", "группа", "класс", "тип", "категория", "буква", "звук"})
# every case («кит», «кита», «киту», «кита», «китом», «ките»; «чаю», «в лесу»)
ALL_CASES = tags("nomn gent datv accs ablt loct voct gen2 acc2 loc2")
# the genitives («кита», «чаю»)
GENITIVE = tags("gent gen2")
# the cases each preposition governs (a noun in another case is not its object)
PREPOSITION_CASES = {
    **dict.fromkeys(("у", "от", "до", "из", "без", "для", "около", "после", "вокруг", "среди", "кроме", "вместо",
                     "из-за", "из-под", "внутри", "вне", "возле", "вдоль", "мимо", "сверх", "насчет", "насчёт"),
                    GENITIVE),
    **dict.fromkeys(("в", "во", "на"), tags("loct loc2 accs acc2")),
    **dict.fromkeys(("о", "об", "обо"), tags("loct accs")),
    **dict.fromkeys(("к", "ко", "согласно", "вопреки"), tags("datv")),
    "по": tags("datv accs loct"),
    **dict.fromkeys(("с", "со"), tags("gent gen2 ablt accs")),
    **dict.fromkeys(("за", "под", "над", "перед", "между"), tags("ablt accs")),
    "при": tags("loct"),
    **dict.fromkeys(("про", "через", "сквозь"), tags("accs")),
}

# --- negation --------------------------------------------------------------------------------------------

# «никогда» right before the «не» of a past-tense predicate, the one negative concord the rules flip, by
# dropping both («австралия никогда не была колонией» → «австралия была колонией»: at least once)
NEVER = "никогда"
# words whose presence means negative concord or a negation scope the rules do not flip
CONCORD = wordset(
    "ни никто никого никому никем ничто ничего ничему ничем ничто никогда нигде никуда ниоткуда никак "
    "никакой никакая никакое никакие никакого никакой никаких нисколько ничуть отнюдь вовсе ничей"
)
# adverbs whose meaning changes under negation in a way «не» before the predicate does not express
SCOPE = wordset("уже ещё еще больше более пока едва чуть еле еле-еле едва-едва чуть-чуть насилу")
# adverbs of extent and duration that take the negation of a clause when they stand before its «не»:
# «тигр повсеместно вымер» → «тигр повсеместно не вымер» says «nowhere», not «not everywhere»; «давно
# существовали» → «давно не существовало» says «not for a long time» (after the «не» they are in its
# scope: «не был полностью разрушен»); so do «впервые», «вновь», «снова» («впервые в Москве не была
# осуществлена» says the first time it was not), and depictive ordinals («Некрасов первым решился» →
# «первым не решился» says he was the first not to)
WIDE_SCOPE_ADVERBS = wordset(
    "повсеместно полностью целиком везде всюду повсюду окончательно широко совсем вполне массово всецело "
    "повально сплошь вовсю давно издавна исстари впервые вновь снова опять "
    "первым первыми последним последними"
)
# focus particles right before the «не»'s place, whose reading changes under it: «явление и получило
# название» («и»: also, precisely) → «явление и не получило название» reads «and did not get»
FOCUS_PARTICLES = wordset("и тоже также даже")
# degree and manner adverbs that «не» before them leaves stilted as a negation of the clause: «он хорошо
# понимал» → «он не хорошо понимал» (one says «плохо понимал»), «навсегда прекратила» → «не навсегда прекратила»
STILTED_UNDER_NEGATION = wordset("хорошо легко навсегда надолго")
# endings of manner adverbs made from adjectives («скоропостижно», «традиционно», «практически»): before the
# «не»'s place they take the negation («сам султан скоропостижно не скончался», «ежегодно не регистрируются»)
MANNER_ADVERB_ENDINGS = ("но", "ски")
# universal quantifiers: «не» goes before them («не все пассажиры погибли»)
QUANTIFIERS = wordset("все всё каждый каждая каждое любой любая любое всякий всякая всякое")
# «многие» also takes «не» before it, by the same convention («не многие грибы ядовиты»); after the
# predicate it declines («является отраслью во многих странах»: «не является … во многих» is no negation)
MANY = wordset("многие многих многим многими")
# existential quantifiers: «некоторые дирижёры не отказываются …» does not deny «некоторые отказываются»
SOME = wordset("некоторые некоторых некоторым некоторыми")
# degree and frequency adverbs right before the predicate take the «не» («не всегда», «не очень»)
FOCUS_ADVERBS = wordset(
    "всегда часто обычно очень так слишком абсолютно совершенно полностью совсем везде повсюду много мало "
    "сильно крайне вполне настолько обязательно постоянно долго быстро медленно сразу навсегда надолго "
    "хорошо легко впервые"
)
INDEFINITE = ("-то", "-нибудь", "-либо")  # «что-то», «кто-нибудь»: their scope changes under negation
INDEFINITE_PARTS = wordset("нибудь либо")  # the same split off («кто - нибудь»); not «то», a word of its own
# oblique forms of «все» after a preposition («во всех странах», «Во всех ли странах …?»): a quantified phrase
ALL_OBLIQUE = wordset("всех всем всеми")
# quantifiers after a preposition that take «не» before the preposition («не во всех странах», «не во
# многих странах»)
QUANTIFIERS_AFTER_PREPOSITION = ALL_OBLIQUE | (MANY - {"многие"})
# modal predicatives swapped by a negation («можно пить» ⇄ «нельзя пить»)
MODAL_FLIPS = {"можно": "нельзя", "нельзя": "можно", "возможно": "невозможно", "невозможно": "возможно"}
# modal predicatives: the predicate before an infinitive («нужно поливать»)
MODALS = frozenset(MODAL_FLIPS) | {"нужно", "надо", "необходимо"}
# modal predicatives that are already negative («нельзя пить», «невозможно вылечить»)
NEGATIVE_MODALS = frozenset(modal for modal in MODAL_FLIPS if modal.startswith(NEGATIVE_PREFIX))
CANNOT = "нельзя"  # «Нельзя ли …?» is rhetorical
# quantity words that are predicates or take «не» before them («много рек» → «не много рек»)
QUANTITY = frozenset({"много", "мало"})
# quantity adverbs before a genitive existent, which keeps its case when affirmed («у кита не было много
# зубов» → «было много зубов», never «были много зубы»)
EXISTENT_QUANTITIES = wordset("много мало немного немало достаточно недостаточно столько")
# cardinal numerals before a counted noun in the genitive singular: «три сердца» → «нет трёх сердец»
COUNTING_FEW = wordset("два две три четыре оба обе")
# cardinal numerals before a counted noun in the genitive plural: «шесть жён» → «не было шести жён»
COUNTING_MANY = wordset(
    "пять шесть семь восемь девять десять одиннадцать двенадцать тринадцать четырнадцать пятнадцать "
    "шестнадцать семнадцать восемнадцать девятнадцать двадцать тридцать сорок пятьдесят"
)
# the years a number after an existent may name («война 1780 года»)
YEARS = range(1000, 2101)
# events a bare year after them names («фестиваль собачьего мяса 2019»; not «цена 1500», a value)
EVENT_NOUNS = wordset("фестиваль чемпионат олимпиада турнир конкурс форум саммит выборы перепись кризис дефолт")
# the past of быть by gender and number: agreement when «не было X» is affirmed («не было мыла» → «было мыло»)
BE_PAST = {"masc": "был", "femn": "была", "neut": "было", "plur": "были"}
# the future of быть by number («не будет дождя» → «будет дождь»)
BE_FUTURE = {"sing": "будет", "plur": "будут"}
# the impersonal past and future of быть («не было мыла», «не будет дождя»)
IMPERSONAL_PAST, IMPERSONAL_FUTURE = BE_PAST["neut"], BE_FUTURE["sing"]
IMPERSONAL_BE = frozenset({IMPERSONAL_PAST, IMPERSONAL_FUTURE})
# forms of быть that carry the assertion («был», «будут», «есть»)
BE_FORMS = frozenset({*BE_PAST.values(), *BE_FUTURE.values(), IS})
# the singular past of быть after a name («утесов был в одессе», «хюррем была в плену»)
NAME_BE_PAST = frozenset({BE_PAST["masc"], BE_PAST["femn"]})
# verbs of existence that take the genitive under negation («не существует снежных людей»)
EXISTENTIAL_VERBS = frozenset({"существовать", "бывать"})
# verbs of existence or presence whose negated impersonal form takes a genitive that affirming makes the
# nominative subject («в байкале не водится акул» → «в байкале водятся акулы»)
NEGATED_EXISTENCE_VERBS = EXISTENTIAL_VERBS | wordset(
    "быть водиться остаться оставаться сохраниться сохраняться встречаться иметься найтись находиться "
    "появиться появляться возникнуть возникать наблюдаться"
)
# impersonal verbs that take the genitive whatever the polarity («не хватает денег» ⇄ «хватает денег»)
GENITIVE_VERBS = wordset("хватать хватить недоставать недостать")
# transitive verbs whose object, genitive under negation, is accusative when affirmed («молоко не вызывает
# аллергии» → «вызывает аллергию», «не знали овсянки» → «знали овсянку»); not verbs that keep the genitive
# («не боится темноты» → «боится темноты»), nor verbs of perception, whose plural object reads the same
# («не видят цвета»: «цвет» or «цвета»?)
ACCUSATIVE_VERBS = wordset("вызывать вызвать знать есть съесть пить выпить найти находить иметь")
# lexically negative words whose word without «не» is their contradictory, so that dropping «не» negates them
# («в индии неизвестна гречка» ⇄ «известна», «невиновен» ⇄ «виновен»); not contraries («недолго» ≠ «не долго»)
# («незаинтересовать»: pymorphy3's lemma of «незаинтересована»)
CONTRADICTORY_NEGATIVES = wordset("невиновный неизвестный несъедобный незаинтересованный незаинтересовать")
# «не» inside an idiom, with no affirmative counterpart («терпеть не мог»): the word right before «не»
NEGATIVE_IDIOMS = wordset("терпеть")
# verbs whose predicate complement is an instrumental or a short form («является рыбой», «остался жив»)
COPULAR_VERBS = wordset(
    "являться стать становиться считаться оказаться оказываться называться остаться оставаться бывать"
)

# --- questions -------------------------------------------------------------------------------------------

# the characters of a final mark («?», «?!», «...»), however many («рыбой?????», «рыбой?!?»): one «?» in the output
ENDING_CHARS = frozenset("?!.…")
# a conjunction a question may open with («А есть ли …?»)
LEADING_CONJUNCTIONS = frozenset({"а", "и", "но"})
# lemmas of question words in any form («какой» in «В каком году …?»)
WH_LEMMAS = ("какой", "который", "чей", "каков", "сколько", "кто", "что")
# words that make a question rhetorical («Не является ли …», «Разве …»)
RHETORICAL = frozenset({"не", "неужели", "разве", "неужто"})
# tags after a statement («…, правда?», «… это так?»)
TAGS = frozenset({"правда", "так", "верно"})
# focus adverbs that only grade a predicate: no «ли» question is rebuilt around them («Очень ли кит велик?»)
DEGREE_ONLY = wordset("очень так слишком абсолютно совершенно полностью совсем повсюду сильно крайне вполне настолько "
                      "постоянно впервые")
# focus words before «ли» whose clause the rules can rebuild («Всегда ли X V?» → «X всегда V»)
FOCUS_WORDS = FOCUS_ADVERBS - DEGREE_ONLY
# what introduces the standard of a comparison («выше, чем у человека»)
COMPARISON_CONJUNCTIONS = wordset("чем")
# quantifiers before «ли» whose clause keeps them first («Все ли грибы съедобны?»)
QUANTIFIER_FOCUS = frozenset({"все", "всё", "многие"})
# truth frames before a clause: «Правда ли, что …», «Правда, что …», «Верно ли, что …», «Действительно ли …»
TRUE_FRAME, RIGHT_FRAME, REALLY_FRAME = "правда", "верно", "действительно"
TRUTH_FRAMES = frozenset({TRUE_FRAME, RIGHT_FRAME, REALLY_FRAME})
# the frame a reframed question opens with («Правда ли, что кит не рыба?»)
DEFAULT_FRAME = "Правда ли, что"
# question words that also join clauses («Известно, что …»): a wh-word only when first
CONJUNCTION_WH = wordset("что как")
# «у» + a possessor («у юлия цезаря»): possession, not location
POSSESSIVE_U = "у"
# prepositions that adjectives govern: their phrases belong to the predicate, not to the subject
ADJECTIVE_PREPOSITIONS = {
    **dict.fromkeys(("зависимый", "независимый", "свободный", "далёкий", "далекий"), ("от",)),
    **dict.fromkeys(("чувствительный", "способный", "готовый", "склонный", "равнодушный", "устойчивый",
                     "восприимчивый", "привычный", "пригодный"), ("к",)),
    **dict.fromkeys(("связанный", "совместимый", "согласный", "знакомый", "сравнимый", "схожий", "сходный",
                     "похожий"), ("с", "со", "на")),
    **dict.fromkeys(("богатый", "бедный", "способный"), ("на",)),
}
# prepositions whose phrase after an adjective belongs to it, whatever the adjective («вредна для здоровья»,
# «опасен при беременности»)
PREDICATE_PREPOSITIONS = wordset("для при")
# prepositions that open a pair of phrases read as one («из одного амплуа в другое», «от матери к ребёнку»)
PAIRED_PREPOSITIONS = {"из": ("в", "во", "на"), "от": ("до", "к"), "с": ("до",), "со": ("до",)}
# nouns and the prepositions whose phrase they take as their own («склонность к аллергии», «цены на жильё»,
# «чай с мёдом»): a subject keeps such a phrase when the question is turned into a clause
def _government(*rows: tuple[str, str]) -> dict[str, frozenset[str]]:
    """{noun lemma: the prepositions it governs} from rows of (nouns, prepositions), both space-separated."""
    table: dict[str, frozenset[str]] = {}
    for nouns, preps in rows:
        for noun in wordset(nouns):
            table[noun] = table.get(noun, frozenset()) | wordset(preps)
    return table


NOUN_PREPOSITIONS = _government(
    ("склонность интерес любовь отношение доступ претензия требование подготовка приверженность иммунитет "
     "привычка ненависть страсть уважение стремление готовность устойчивость чувствительность тяга", "к ко"),
    ("цена игра спрос налог право номинация запрет реакция билет монополия мода лицензия скидка пошлина очередь "
     "тест охота аллергия", "на"),
    ("таблетка лекарство средство вакцина защита зависимость лечение", "от"),
    ("чай проблема связь контакт борьба договор кофе блин пирог вареник граница сотрудничество переговоры",
     "с со"),
    ("страх долг преимущество", "перед"),
    ("война плата премия награда штраф", "за"),
    ("въезд вход вера поездка полёт полет участие вступление экскурсия путешествие перелёт перелет вклад "
     "инвестиция", "в во"),
    ("переход выход дорога путь рейс эмиграция экспорт импорт выезд", "из в во"),
    ("экзамен чемпионат турнир соревнование специалист учебник премия олимпиада чемпион", "по"),
)
# «Был ли X на самом деле»: asks whether X existed, not where X was
REALITY = frozenset({"на самом деле", "в реальности", "в действительности", "в жизни", "в истории", "реально",
                     "вообще", "когда-нибудь", "в природе"})
# verbs and short forms that take an infinitive, so one after their subject is theirs («страус может летать»)
INFINITIVE_VERBS = wordset(
    "мочь смочь уметь суметь хотеть захотеть любить начать начинать стать продолжать продолжить перестать "
    "переставать пытаться попытаться успеть собираться стараться бояться предпочитать планировать решить "
    "решать отказаться отказываться учиться научиться удаться удаваться "
    "согласиться соглашаться пробовать попробовать стремиться намереваться обещать пообещать"  # «согласился лететь»
)
INFINITIVE_SHORT = frozenset({"должный", "способный", "готовый", "обязанный", "вынужденный", "намеренный",
                              "согласный", "склонный", "настроить"})  # «настроена найти»: «настроить» (PRTS)

# --- statements ------------------------------------------------------------------------------------------

# discourse words that open a sentence and can go without changing what it asserts
OPENERS = wordset("а и но однако зато также затем потом впоследствии вдобавок например кстати впрочем")
OPENING_PHRASES = (("кроме", "того"), ("кроме", "этого"), ("помимо", "этого"), ("помимо", "того"),
                   ("тем", "не", "менее"), ("в", "то", "же", "время"), ("вместе", "с", "тем"),
                   ("с", "другой", "стороны"), ("с", "одной", "стороны"), ("таким", "образом"), ("в", "частности"),
                   ("к", "примеру"))
# the sentence does not assert its clause as a fact
HEDGES = wordset(
    "возможно вероятно видимо по-видимому предположительно якобы кажется наверное наверно вероятнее "
    "по-моему очевидно будто"
)
HEDGE_PHRASES = (("может", "быть"), ("по", "некоторым"), ("по", "другим"), ("по", "легенде"), ("по", "преданию"),
                 ("по", "одной"), ("по", "мнению"), ("как", "полагают"), ("как", "считают"), ("по", "данным"),
                 ("по", "словам"), ("по", "версии"), ("по", "оценкам"), ("по", "слухам"), ("по", "всей", "видимости"),
                 ("по", "всей", "вероятности"), ("с", "большой", "долей"),
                 ("скорее", "всего"), ("судя", "по"))
# frequency, quantity and approximation: «иногда X» and «иногда не X» are both true, so nothing is negated
NOT_NEGATABLE = wordset(
    "иногда часто обычно нередко порой редко зачастую временами периодически преимущественно "
    "почти практически примерно приблизительно около порядка многие некоторые большинство большинства "
    "несколько ряд часть частично отчасти бывает только лишь исключительно именно"
)
NOT_NEGATABLE_PHRASES = (("в", "основном"), ("как", "правило"), ("чаще", "всего"), ("главным", "образом"),
                         ("в", "том", "числе"))
# lemmas of quantity words a negation would not make false («многие», «некоторые»)
QUANTITY_LEMMAS = wordset("многий некоторый несколько большинство")
# words that need the negation they stand with: «не вещал вообще» → «вещал вообще» is no sentence
NEGATIVE_POLARITY = wordset("вообще совсем вовсе ничуть нисколько отнюдь даже")
NEGATIVE_POLARITY_PHRASES = (("так", AND, NOT),)  # «так и не узнал»
# a negative statement with these is not affirmed: «до сих пор не установлена» → «до сих пор установлена?»,
# «не существует уравнения, которое бы …» → «существует уравнение, которое бы …»
NEGATIVE_ONLY_WORDS = wordset("бы б")
NEGATIVE_ONLY_PHRASES = (("до", "сих", "пор"), ("по", "сей", "день"), ("по", "сию", "пору"), ("до", "конца", "жизни"),
                         ("до", "самой", "смерти"), ("до", "смерти"))
# a stated cause explains the polarity it stands with: «из-за болезни не смог» → «из-за болезни смог»
CAUSES = wordset("из-за ввиду вследствие благодаря поскольку потому оттого")
CAUSE_PHRASES = (("так", "как"), ("в", "связи", "с"), ("в", "результате"), ("благодаря", "чему"), ("по", "причине"),
                 ("в", "силу"),
                 ("в", "результате", "чего"), ("вследствие", "чего"), ("так", "что"), (",", "поэтому"))
# relative pronouns: a predicate after them is in a relative clause («…, который …»)
RELATIVES = WHICH | wordset("чей чья чьё чье чьи чьего чьей чьих")
# words that open a clause about an existent after a comma, which the existent's negation leaves as it is
# («есть ли страна, которая …» ⇄ «нет страны, которая …», «были ли случаи, когда …»)
EXISTENT_CLAUSE_OPENERS = RELATIVES | wordset("когда где куда откуда")
# third-person pronouns: a subject whose referent is in another sentence («Он родился …»)
PERSONAL = wordset("он она оно они его её ее их ему ей им ими него неё нее них нему ней нём нем")
# demonstratives: «Этот город …» refers to a sentence before
DEMONSTRATIVES = wordset(
    "этот эта это эти этого этой этому этим этих этом эту такой такая такое такие такого таких данный данная "
    "данное данные данного данной"
)
# place and time deictics that refer outside the sentence («Там родился …»)
PLACE_DEICTICS = wordset("там тут здесь тогда туда оттуда сюда отсюда")
# first and second person pronouns: true only for the speaker («Мы живём …»)
FIRST_SECOND_PERSON = wordset("я мы ты вы меня мне мной нас нам нами тебя тебе тобой вас вам вами")
# nouns that a relational adjective turns into a name («Тюменская область», «Европейская комиссия»)
NAMED_KINDS = wordset(
    "область край республика район округ губерния империя федерация королевство княжество царство штат "
    "комиссия партия академия университет церковь собор море океан озеро залив остров полуостров пролив "
    "хребет низменность равнина возвышенность пустыня союз армия флот фронт революция война"
)
# endings of the relational adjectives that name such a kind («тюменская», «кронштадтская»)
RELATIONAL_ENDINGS = ("ский", "цкий")
# abbreviations written with a period, which stays before the question mark («до н. э.?»); units are not
ABBREVIATIONS = wordset("г гг в вв чел тыс руб коп стр им др пр т д п н э")
# words that open a dependent segment: «что, как и другие изделия, биди …» takes a comma after «что»
DEPENDENT_OPENERS = wordset("как когда если хотя пока поскольку несмотря невзирая чтобы будучи")
# nouns that name a kind of thing before its name («город Москва», «река Волга»): not part of the name
KIND_NOUNS = wordset(
    "город село деревня посёлок поселок станица река озеро море гора остров полуостров залив улица площадь "
    "район область край страна государство компания фирма группа команда клуб журнал газета фильм роман "
    "песня альбом книга станция порт аэропорт университет институт театр музей храм собор монастырь "
    "президент премьер-министр министр король королева царь император князь княгиня граф генерал маршал "
    "адмирал профессор академик писатель поэт художник композитор актёр актер актриса певец певица режиссёр "
    "режиссер учёный ученый философ святой папа патриарх"
)

# --- substitution ----------------------------------------------------------------------------------------

# value types of a date, of a place, and of an event (the types a functional predicate determines)
TIME = frozenset({"year", "day"})
PLACE = frozenset({"city", "country"})
EVENT = TIME | {"city"}
# predicates that determine one value of a type («родился в Казани в 1840 году»: no other place or year)
FUNCTIONAL: dict[str, frozenset[str]] = {
    **dict.fromkeys(("родиться", "умереть", "скончаться", "погибнуть", "похоронить"), TIME | PLACE),
    **dict.fromkeys(("основать", "учредить", "создать", "построить", "возвести", "подписать", "состояться",
                     "произойти", "пройти"), EVENT),
    **dict.fromkeys(("открыть", "открыться", "заложить", "образовать", "возникнуть", "начаться", "завершиться",
                     "закончиться", "окончиться", "изобрести", "провозгласить", "упразднить", "ликвидировать",
                     "распасться", "снести", "опубликовать", "выпустить", "обнаружить", "приобрести",
                     "выйти"), TIME),
    # single events with a definite object or result: a law is adopted, war declared, a country joins once (not
    # «вступить», «войти»: an army enters a city, a region a state, more than once)
    **dict.fromkeys(("принять", "объявить", "появиться", "присоединиться", "отменить", "ввести", "утвердить",
                     "закрыть", "прекратить", "переименовать", "жениться", "венчаться", "обвенчаться", "ратифицировать",
                     "обнародовать", "зарегистрировать", "убить"), TIME),
    **dict.fromkeys(("находиться", "располагаться", "расположить"), frozenset({"city"})),
    **dict.fromkeys(("составлять", "составить", "насчитывать"), frozenset({"number"})),
}
# with these the single events above repeat («принял участие», «вступил в должность», «появился на публике»)
REPEATABLE_PHRASES = (("участие",), ("в", "должность"), ("на", "публике"), ("на", "экране"), ("на", "экранах"))
# subjects whose value «составляет» or «—» a number states (one value each)
MEASURES = wordset(
    "высота глубина длина ширина площадь население численность масса вес диаметр протяжённость протяженность "
    "объём объем толщина радиус периметр мощность вместимость тираж мрот бюджет стоимость цена доход выручка "
    "продолжительность длительность расстояние скорость температура плотность давление"
)
# «выйти» is a single event only as a release («вышел на экраны», «вышла в свет»), not «вышел в море»
RELEASE = (("на", "экраны"), ("в", "свет"), ("в", "прокат"), ("из", "печати"), ("в", "эфир"))
RELEASE_VERB = "выйти"  # a single event only with a RELEASE phrase
# verbs that state a measure («высота составляет 100 м»): one value only with a measure subject
MEASURE_VERBS = wordset("составлять составить")
# subjects whose «—» names one city («Столица России — Москва»)
CAPITALS = wordset("столица")
# functional relations a word states of the place name right after it: (case, place types, its lemmas)
RELATIONS = {
    "capital of": (tag("gent"), frozenset({"country"}), CAPITALS),  # a city is the capital of one country
    "native of": (tag("gent"), PLACE, wordset("уроженец уроженка")),  # a person is born in one place
    "belongs to": (tag("datv"), frozenset({"country"}), wordset("принадлежать")),  # a territory to one country
}
# months in the genitive of a date («6 июня 1799 года»)
MONTHS_GENITIVE = wordset("января февраля марта апреля мая июня июля августа сентября октября ноября декабря")
# months in the locative («в июне 1799 года»)
MONTHS_LOCATIVE = wordset("январе феврале марте апреле мае июне июле августе сентябре октябре ноябре декабре")
# seasons before a year («летом 1799 года»)
SEASONS = wordset("весной летом осенью зимой")
# parts of a period before a year («в конце 1799 года»)
PERIOD_PARTS = wordset("начале конце середине")
# words after a year («в 1799 году», «1799 г.»)
YEAR_LOCATIVE = "году"  # «в 1799 году»
YEAR_ABBREVIATION = "г"  # «1799 г.»
YEAR_GENITIVE = frozenset({"года", YEAR_ABBREVIATION})  # «6 июня 1799 года», «летом 1799 г.»
YEAR_WORDS = YEAR_GENITIVE | {YEAR_LOCATIVE}
# «город» before a city name («в городе Казани», «в г. Казани»)
CITY_NOUNS = wordset("городе г")
# a clause after a value that describes it («в 1806 году, когда …», «329 млн км³, что равно 25 %»): a substitute
# would make it false
VALUE_CLAUSES = wordset("когда что где чем")
# a value after these is a bound, not the value itself («к 1799 году», «около 1642 метров»)
BOUNDS = wordset("к до после с со по около от между начиная накануне примерно приблизительно не позднее ранее")
# marks after a value that make it a range or an alternative («1799—1837», «5 или 6», «10 ± 2»)
RANGE_AFTER = frozenset({*DASHES, OR, "±", "+"})
# words after a value that make it a bound («100 и более», «50 с лишним»)
APPROXIMATE_AFTER = ((AND, "более"), (AND, "менее"), ("с", "лишним"), (OR, "более"))
# what joins a value to a list («Казань, Самара или Пермь»)
LIST_JOINERS = COORDINATORS | {OR}
# multipliers between a number and its unit («3 тыс. человек», «2 млн рублей»)
MULTIPLIERS = wordset("тыс тысяча тысячи тысяч млн миллион миллиона миллионов млрд миллиард миллиарда миллиардов")
# counted nouns by the number before them: 1, 2-4, 5 and more («1 человек», «3 человека», «5 человек»)
COUNTED = {"человек": ("человек", "человека", "человек"), "год": ("год", "года", "лет")}  # 1, 2-4, 5+

# --- places ----------------------------------------------------------------------------------------------

# countries whose one-word names pymorphy3 knows as places («в Германии»)
COUNTRIES = wordset(
    "россия германия франция италия испания португалия великобритания бельгия швейцария австрия польша "
    "чехия словакия венгрия румыния болгария сербия хорватия словения греция турция швеция норвегия дания "
    "финляндия эстония латвия литва белоруссия молдавия грузия армения азербайджан казахстан узбекистан "
    "туркмения киргизия таджикистан монголия китай япония индия пакистан афганистан иран ирак сирия израиль "
    "египет ливия тунис алжир марокко эфиопия кения нигерия аргентина бразилия чили перу мексика канада "
    "австралия индонезия таиланд вьетнам камбоджа непал иордания йемен катар кувейт эквадор колумбия "
    "венесуэла боливия парагвай уругвай панама гватемала сенегал гана ангола мозамбик танзания уганда судан "
    "албания черногория исландия"
)
# cities whose one-word names pymorphy3 knows as places («в Казани»)
CITIES = wordset(
    "москва санкт-петербург петербург ленинград петроград казань самара саратов воронеж новосибирск "
    "екатеринбург омск томск пермь уфа челябинск тула рязань тверь ярославль смоленск калуга кострома иркутск "
    "красноярск хабаровск владивосток мурманск архангельск астрахань волгоград краснодар сочи калининград "
    "псков оренбург пенза ульяновск курск брянск липецк тамбов белгород вологда петрозаводск тюмень барнаул "
    "чита якутск магадан махачкала нальчик владикавказ ставрополь ижевск владимир сургут кемерово тольятти "
    "киев минск харьков одесса рига таллин вильнюс кишинёв кишинев тбилиси ереван баку ташкент бишкек душанбе "
    "париж лондон берлин рим мадрид вена прага варшава будапешт стокгольм осло копенгаген хельсинки амстердам "
    "брюссель лиссабон женева цюрих мюнхен гамбург дрезден лейпциг кёльн кельн милан неаполь флоренция "
    "венеция барселона марсель лион нью-йорк вашингтон чикаго бостон филадельфия торонто монреаль токио "
    "пекин шанхай сеул дели каир стамбул анкара тегеран багдад дамаск иерусалим бухарест белград загреб "
    "братислава дублин эдинбург манчестер ливерпуль оксфорд кембридж"
)
# names of one place: the first of each group stands for all
SAME_PLACE = (("санкт-петербург", "петербург", "ленинград", "петроград"), ("кишинёв", "кишинев"),
              ("кёльн", "кельн"))
