"""Why the rules decline: one :class:`DeclineReason` per reason, with a stable name, a description and an example.

The name (``DeclineReason.NO_PREDICATE.value == "no_predicate"``) is what the generators count in their
stats, what the CLI tables print and what the README and the tests use. :class:`Decline` is the exception
a rule raises to decline.
"""

from __future__ import annotations

import enum


class DeclineReason(str, enum.Enum):
    """A reason to decline, equal to its stable name (a ``str``), with ``description`` and ``example``."""

    description: str
    example: str

    def __new__(cls, name: str, description: str, example: str) -> DeclineReason:
        member = str.__new__(cls, name)
        member._value_ = name
        member.description = description
        member.example = example
        return member

    def __str__(self) -> str:
        return self.value

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)

    # --- the question as a whole (augment.rules.questions) ---
    EMPTY = "empty", "no text, or nothing after the frame", "«Правда ли, что?»"
    NO_WORDS = "no_words", "punctuation or symbols only", "«???»"
    TOO_LONG = "too_long", "longer than the rules are trusted on (characters or words)", "a 300-character question"
    TOO_SHORT = "too_short", "fewer words than a statement needs", "«Столица.»"
    ALTERNATIVE_QUESTION = "alternative_question", "«или» asks to choose, not yes/no", "«Кит рыба или зверь?»"
    TAG_QUESTION = "tag_question", "a statement with a tag at the end", "«Кит - рыба, правда?»"
    SEVERAL_SENTENCES = "several_sentences", "a question mark or «!» inside the text", "«Кто он? Был ли он царём?»"
    RHETORICAL_QUESTION = "rhetorical_question", "«Не … ли», «Неужели», «Разве», «Нельзя ли»: the answer is implied", \
        "«Не является ли кит рыбой?»"
    WH_QUESTION = "wh_question", "a question word: not a general question", "«Кто написал войну и мир?»"
    NOT_A_QUESTION = "not_a_question", "no «ли» and no question mark", "«Кит - рыба.»"
    SEVERAL_LI = "several_li", "more than one «ли»", "«Был ли он там и знал ли он?»"
    WORDS_BEFORE_LI_FOCUS = "words_before_li_focus", "«ли» is not the second word", "«Кит является ли рыбой?»"
    NOTHING_AFTER_LI = "nothing_after_li", "the question ends at «ли»", "«Правда ли?»"
    UNSUPPORTED_LI_FOCUS = "unsupported_li_focus", "the word before «ли» is no predicate or known focus word", \
        "«Очень ли кит большой?»"
    AGREEMENT_ERROR = "agreement_error", "the predicate does not agree with the subject", \
        "«Был ли ссср готова к войне?»"
    NO_AGREEING_SUBJECT = "no_agreeing_subject", "no nominative subject agrees with the predicate", \
        "«Существуют ли добро без зла?»"
    NO_SUBJECT = "no_subject", "no subject for a copula or short form", "«Вредна ли?»"
    PUNCTUATION_NEXT_TO_SUBJECT = "punctuation_next_to_subject", "a quote or bracket at the subject's edge", \
        "«Является ли «кит» рыбой?»"
    DASH_IN_QUESTION = "dash_in_question", "a spaced dash inside an inverted question", "«Был ли кит - рыбой?»"
    WORDS_BEFORE_INFINITIVE = "words_before_infinitive", "«будет» + infinitive with other words than the " \
        "subject's before the infinitive", "«Будет ли чемпионат летом проходить?»"
    LATIN_COMPLEMENT = "latin_complement", "a Latin word where a copula's instrumental complement should be", \
        "«Является ли кит fish?»"
    UNKNOWN_WORD_AS_SUBJECT = "unknown_word_as_subject", "the subject is a word pymorphy3 does not know", \
        "«Предъявили ли пэрис хилтон обвинение?»"
    INFINITIVE_AFTER_SUBJECT = "infinitive_after_subject", "an infinitive after the subject of a verb taking none", \
        "«Помогает ли чай уснуть?»"
    APPOSITION_AFTER_SUBJECT = "apposition_after_subject", "a noun, acronym or unknown word right after the subject", \
        "«Существует ли зомби апокалипсис?»"
    COORDINATION_AFTER_SUBJECT = "coordination_after_subject", "«и» right after the subject", \
        "«Влияют ли вклады одного и того же фактора?»"
    MODIFIER_DETACHED_FROM_SUBJECT = "modifier_detached_from_subject", "a word before the subject may belong to it", \
        "«Был ли wu-tang rza участником группы?»"
    UNCLEAR_PHRASE_ATTACHMENT = "unclear_phrase_attachment", "a prepositional phrase after the subject's own " \
        "phrase may belong to either the noun or the verb", "«Влияет ли цена на нефть на курс рубля в России?»"
    NO_EXISTENT = "no_existent", "an existential clause whose existent is not found", "«Есть ли у?»"
    EPITHET_OR_PREDICATE_ADJECTIVE = "epithet_or_predicate_adjective", "a noun and a nominative adjective after быть", \
        "«Был ли эдуард суровый?»"
    WORDS_BEFORE_EXISTENT = "words_before_existent", "more than adverbials before the existent", \
        "«Есть ли кошки у зайца хвост?»"
    FOCUS_ON_NEGATIVE_CLAUSE = "focus_on_negative_clause", "a focus word before «ли» on a clause with «не»", \
        "«Всегда ли вода не кипит?»"
    # --- finding and flipping the predicate (augment.rules.negation) ---
    NO_PREDICATE = "no_predicate", "no word carries the assertion", "«Правда ли, что кит в море?»"
    SEVERAL_PREDICATES = "several_predicates", "more than one predicate in the main clause", \
        "«Правда ли, что кит плавает и ныряет?»"
    NEGATIVE_CONCORD = "negative_concord", "«ни», «никто», «никогда»…: a negation the rules do not flip", \
        "«Озеро никогда не замерзает.»"
    QUESTION_INSIDE_CLAUSE = "question_inside_clause", "«ли» or «или» inside a clause", "«Правда ли, что он знал, ли»"
    CONTRAST = "contrast", "«X, а Y»: negating one half is not the negation of the whole", \
        "«Правда ли, что кит не рыба, а зверь?»"
    INDEFINITE_PRONOUN = "indefinite_pronoun", "«-то», «-нибудь», «-либо»: their scope changes under negation", \
        "«Правда ли, что кто-то выжил?»"
    LEXICAL_NEGATION = "lexical_negation", "a word that is «не» + a word («неизвестна»)", \
        "«Правда ли, что гриб несъедобен?»"
    QUANTIFIER = "quantifier", "a quantifier the rules cannot put «не» before", "«Правда ли, что все грибы не ядовиты?»"
    NEGATION_ELSEWHERE = "negation_elsewhere", "a «не» that is not the predicate's", \
        "«Правда ли, что не кит является рыбой?»"
    SCOPE_ADVERB = "scope_adverb", "«уже», «ещё», «только»…: their meaning changes under negation", \
        "«Правда ли, что кит уже вымер?»"
    GENITIVE_OBJECT = "genitive_object", "a genitive object under negation, whose case the affirmative changes", \
        "«Правда ли, что мед не вызывает аллергии?»"
    GENITIVE_OF_NEGATION = "genitive_of_negation", "a negated impersonal verb with a genitive and no subject, " \
        "whose affirmation the rules do not know", "«Правда ли, что в лесу не растёт грибов?»"
    NEGATIVE_IDIOM = "negative_idiom", "«не» is part of an idiom («терпеть не мог»): no affirmative", \
        "«Правда ли, что толстой терпеть не мог шекспира?»"
    NEGATED_EST = "negated_est", "«не есть»: the verb «есть» (eat), or an odd clause", \
        "«Правда ли, что кит не есть рыба?»"
    COORDINATED_EXISTENT = "coordinated_existent", "«X и Y» as the existent", "«Есть ли у зайца хвост и уши?»"
    MODIFIERS_OF_EXISTENT_AFTER_COMMA = "modifiers_of_existent_after_comma", "the existent goes on after a comma", \
        "«Есть ли у зайца хвост, который …?»"
    APPOSITION_AFTER_EXISTENT = "apposition_after_existent", "a number, noun or unknown word after the existent", \
        "«Есть ли у зайца хвост 5 см?»"
    NUMERAL_IN_EXISTENT = "numeral_in_existent", "a numeral in or before the existent", "«Есть ли у зайца два хвоста?»"
    UNKNOWN_WORD_AFTER_COPULA = "unknown_word_after_copula", "an unknown word after «-»/«это»", "«Вднх - это зюзя?»"
    CANNOT_AGREE_VERB = "cannot_agree_verb", "pymorphy3 has no agreeing form of the verb", "«не существовало»"
    CANNOT_INFLECT_EXISTENT = "cannot_inflect_existent", "pymorphy3 has no form of the existent in the case", \
        "an indeclinable guess"
    GENITIVE_CHAIN_AFTER_PHRASE = "genitive_chain_after_phrase", "several genitives after a prepositional phrase, " \
        "any of which may be the existent", "«Правда ли, что не было в истории страны голода?»"
    AMBIGUOUS_INFLECTION_OF_EXISTENT = "ambiguous_inflection_of_existent", "two readings give two forms", \
        "«осадки»: «осадков» or «осадок»"
    AMBIGUOUS_NUMBER_OF_EXISTENT = "ambiguous_number_of_existent", "the genitive reads singular and plural", \
        "«Нет ли у зайца ноги?»"
    AMBIGUOUS_GENDER_OF_EXISTENT = "ambiguous_gender_of_existent", "the genitive singular has several genders", \
        "«не было сироты»"
    # --- sentences of raw text (augment.rules.sentences, statements, fromtext) ---
    QUESTION = "question", "the sentence is a question", "«Кто написал этот роман?»"
    EXCLAMATION = "exclamation", "the sentence ends in «!»", "«Какой город!»"
    UNFINISHED_SENTENCE = "unfinished_sentence", "no final period, or «…»", "«Город стоит на реке…»"
    DIRECT_SPEECH = "direct_speech", "quoted or dialogue speech", "«— Я приду завтра, — сказал Иван.»"
    LIST = "list", "a list («:», «;», «и т. д.», a numbered item)", "«Город делится на районы: северный и южный.»"
    UNBALANCED_BRACKETS_OR_QUOTES = "unbalanced_brackets_or_quotes", \
        "a bracket or quote left open, or an editor's insertion in square brackets", "«Город (основан в 1147.»"
    FOREIGN_WORDS = "foreign_words", "a third or more of the words are Latin", "«The city was founded in 1147.»"
    BROKEN_SENTENCE = "broken_sentence", "two sentences run together", "«… в кинохронике Родился в 1920 году.»"
    PREDICATE_FIRST = "predicate_first", "the predicate opens the sentence: its subject may be in another one", \
        "«Родился в Москве в 1799 году.»"
    PREDICATE_IN_RELATIVE_CLAUSE = "predicate_in_relative_clause", "the only predicate is in a «который» clause", \
        "«…, в состав которого не входит, …»"
    DASH_IN_STATEMENT = "dash_in_statement", "a spaced dash that is no copula: apposition or ellipsis", \
        "«Пушкин — поэт — родился в Москве.»"
    PRONOUN_SUBJECT_WITHOUT_REFERENT = "pronoun_subject_without_referent", "«он», «этот город», no sentence before", \
        "«Он родился в Москве.»"
    REFERENCE_OUTSIDE_PASSAGE = "reference_outside_passage", "«его», «там»…: a referent before the passage", \
        "«Его отец работал в Казани.»"
    HEDGED = "hedged", "«возможно», «по всей вероятности»: not asserted as true", \
        "«Возможно, город был основан в 1147 году.»"
    FIRST_OR_SECOND_PERSON = "first_or_second_person", "«я», «мы», «вы»…: true only for the speaker", \
        "«Мы живём в Казани.»"
    # --- operations on a kept sentence (augment.rules.statements, fromtext) ---
    FREQUENCY_QUANTITY_OR_APPROXIMATION = "frequency_quantity_or_approximation", \
        "«часто», «около», «много»: the negation need not be false", "«Озеро часто замерзает.»"
    NEGATIVE_POLARITY_WORD = "negative_polarity_word", "«вообще», «так и не»: only natural with «не»", \
        "«Он так и не приехал.»"
    STATED_CAUSE_OR_CONSEQUENCE = "stated_cause_or_consequence", "«из-за», «так как», «, что позволяет»: two claims", \
        "«Город вырос из-за порта.»"
    ADVERB_BEFORE_NE = "adverb_before_ne", "an adverb before «не» was about the negation", "«очень долго не могла»"
    NAMED_PASSIVE_SUBJECT = "named_passive_subject", "«было открыто» + a named subject: negated, it keeps the " \
        "nominative, which the rules do not make", "«В тот день было открыто министерство обороны Германии.»"
    NEGATIVE_ONLY_PHRASE = "negative_only_phrase", "«терпеть не мог», «до сих пор не», «…, которое бы»: reads " \
        "right only with its «не»", "«Он терпеть не мог цветы.»"
    EXISTENT_IN_PREPOSITIONAL_PHRASE = "existent_in_prepositional_phrase", "the existent's genitive chain follows a " \
        "preposition", "«во время написания этих произведений такого адреса не существовало»"
    NEGATIVE_STATEMENT = "negative_statement", "a substitution in a negative statement would stay true", \
        "«Пушкин не родился в Казани.»"
    NO_SUBSTITUTE = "no_substitute", "no value of the slot's type differs enough from it", \
        "a year with no other year in the pool"
    NO_QUESTION_FORM = "no_question_form", "the substituted statement has no question in this form", \
        "a «ли» form of a substituted clause that cannot be inverted"
    # --- substitution (augment.rules.substitution) ---
    PREDICATE_NOT_FUNCTIONAL = "predicate_not_functional", "the relation allows other values too", \
        "«Певица выступала в Москве.»"
    INDEFINITE_SUBJECT_AFTER_PREDICATE = "indefinite_subject_after_predicate", "a new subject after the predicate: " \
        "there may be others", "«В 1964 году произошло извержение.»"
    VALUE_INSIDE_SUBJECT = "value_inside_subject", "the value belongs to the subject", "«Житель столицы Франции …»"
    SEVERAL_VALUES_OF_A_TYPE = "several_values_of_a_type", "two values of one type", \
        "«Обе башни были построены в 1561 году и в 1565 году.»"
    VALUE_REPEATED_IN_PASSAGE = "value_repeated_in_passage", "the value occurs elsewhere in the passage", \
        "«Чайковский родился в Казани. Позже семья вернулась в Казань.»"
    PARTICIPLE_OR_GERUND_MAY_GOVERN_VALUE = "participle_or_gerund_may_govern_value", \
        "the value may belong to a participle or gerund", "«Основанный в 1147 году город стоит на реке.»"
    NUMBER_NOT_PREDICATE_VALUE = "number_not_predicate_value", "the number does not follow the predicate", \
        "«Глубина озера составляет около 1642 метров.»"
    RANGE_OR_APPROXIMATION = "range_or_approximation", "«с … по», «до», «около»: a bound, not a value", \
        "«Собор был построен с 12 мая 1561 года.»"
    CLAUSE_ABOUT_VALUE = "clause_about_value", "«…, когда», «…, что равно»: a clause about the value would " \
        "turn false with a substitute", "«Колонии созданы в 1806 году, когда …»"
    MULTI_WORD_NAME = "multi_word_name", "the name goes on after the value", "«в Нижнем Новгороде»"
    LIST_OF_VALUES = "list_of_values", "values in a list", "«Чайковский родился в Казани и Самаре.»"
    YEAR_IN_ANOTHER_CONSTRUCTION = "year_in_another_construction", "a year not in «в … году» or a date", \
        "«Собор был построен к 1561 году.»"


class Decline(Exception):
    """A rule cannot produce a negation it is sure of; ``reason`` says why (counted by the generator)."""

    def __init__(self, reason: DeclineReason):
        super().__init__(reason)
        self.reason = reason

    @property
    def rule(self) -> str | None:
        """The name of the rule (function) that declined: where this was raised (None before it is)."""
        frame = self.__traceback__
        if frame is None:
            return None
        while frame.tb_next is not None:
            frame = frame.tb_next
        return frame.tb_frame.f_code.co_name
