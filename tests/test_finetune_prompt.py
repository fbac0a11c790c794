"""The p-tuning template, verbalizer and encoding (tokenizers only, no training)."""

import pytest

from augment import Example
from finetune import make_config
from finetune.presets import for_method
from finetune.prompt import DEFAULT_TEMPLATE, Template, Verbalizer, encode_prompts

transformers = pytest.importorskip("transformers")

# the words of the default template and the verbalizer, so the tiny tokenizers know them
PROMPT_TEXTS = ["Вопрос: так ли это? Ответ: да. Ответ: нет."] * 20


@pytest.fixture(scope="module", params=["bert", "roberta"])
def tokenizer(request, sample_texts):
    from augment.tiny_models import build_tokenizer

    return build_tokenizer(request.param, [*sample_texts, *PROMPT_TEXTS])


def test_the_studys_template_is_the_default():
    template = Template.parse(DEFAULT_TEMPLATE)
    assert template.soft_tokens == 3 and [template.count(s) for s in ("passage", "question", "mask")] == [1, 1, 1]
    assert template.parts[:4] == (("slot", "passage"), ("text", " Вопрос: "), ("slot", "question"), ("text", " "))
    assert template.parts[-2:] == (("slot", "mask"), ("text", "."))
    assert Template.parse("{soft}{question}{soft*2}|{passage}{mask}").soft_tokens == 3


@pytest.mark.parametrize(("text", "error"), [
    ("{passage} {question} {soft}", "{mask} exactly once"),
    ("{passage} {passage} {question} {soft} {mask}", "{passage} exactly once"),
    ("{passage} {question} {mask}", "no soft tokens"),
    ("{passage} {question} {soft*0} {mask}", "no soft tokens"),
    ("{passage} {question} {answer} {soft} {mask}", "unknown slot {answer}"),
])
def test_bad_templates_are_clear_errors(text, error):
    with pytest.raises(ValueError, match=error.replace("{", r"\{").replace("*", r"\*")):
        Template.parse(text)


def test_ptuning_settings_belong_to_ptuning():
    config = make_config("rubert", method="ptuning", template="{passage} Q: {question} {soft*5} A: {mask}",
                         verbalizer_no="no", verbalizer_yes="yes", freeze_backbone=True, prompt_encoder="mlp")
    assert Template.parse(config.template).soft_tokens == 5
    with pytest.raises(ValueError, match="template is a setting of method 'ptuning', not of 'finetune'"):
        make_config("rubert", template=DEFAULT_TEMPLATE.replace("Ответ", "Ответ?"))
    with pytest.raises(ValueError, match="prompt_encoder must be one of lstm, mlp"):
        make_config("rubert", method="ptuning", prompt_encoder="gru")
    with pytest.raises(ValueError, match="two different words"):
        make_config("rubert", method="ptuning", verbalizer_no="да")
    settings = {"epochs": 2, "template": DEFAULT_TEMPLATE, "freeze_backbone": True}
    assert for_method(settings, "finetune") == {"epochs": 2}
    assert for_method(settings, "ptuning") == settings


def _template_text(tokenizer, example, answer=None):
    """The default template as one string, without the soft tokens (which have no text). The mask carries the
    space before it, as the word it stands for does (RoBERTa's own ``<mask>`` strips the space before it)."""
    return f"{example.passage} Вопрос: {example.question} Ответ:{tokenizer.mask_token}." if answer is None else \
        f"{example.passage} Вопрос: {example.question} Ответ: {answer}."


def test_encoding_matches_the_template_read_as_one_string(tokenizer):
    """Slots are tokenized separately, with the whitespace before them, as the whole string would be."""
    template = Template.parse(DEFAULT_TEMPLATE)
    examples = [Example("Есть ли у кита жабры?", "Киты дышат лёгкими.", False),
                Example("Правда ли, что лето тёплое?", "Летом тепло.", True)]
    for example, feature in zip(examples, encode_prompts(tokenizer, template, examples, max_length=128)):
        ids, soft = feature["input_ids"], feature["soft_positions"]
        assert feature["attention_mask"] == [1] * len(ids) and len(soft) == 3
        assert soft == list(range(soft[0], soft[0] + 3)) and ids[feature["mask_position"]] == tokenizer.mask_token_id
        assert [t for i, t in enumerate(ids) if i not in soft] == tokenizer(_template_text(tokenizer, example))[
            "input_ids"]
        # the soft tokens stand between the question and the answer prompt
        answer = tokenizer(" Ответ:", add_special_tokens=False)["input_ids"]
        assert ids[soft[-1] + 1 : feature["mask_position"]] == answer


def test_the_verbalizer_word_is_the_token_at_the_mask(tokenizer):
    template = Template.parse(DEFAULT_TEMPLATE)
    verbalizer = Verbalizer.build(tokenizer, template, "нет", "да")
    assert all(len(pieces) == 1 for pieces in verbalizer.pieces)
    example = Example("Так ли это?", "Текст.", None)
    mask_position = encode_prompts(tokenizer, template, [example], 128)[0]["mask_position"] - 3  # minus soft tokens
    for word, token in zip(("нет", "да"), verbalizer.token_ids):
        # the word written where the mask is, as one string, is the verbalizer's token (RoBERTa: with its space)
        text = _template_text(tokenizer, example, answer=word)
        assert tokenizer(text)["input_ids"][mask_position] == token


def test_verbalizer_words_the_tokenizer_cannot_spell_or_tell_apart(sample_texts):
    from augment.tiny_models import build_tokenizer

    tokenizer = build_tokenizer("bert", [*sample_texts, *PROMPT_TEXTS])  # WordPiece: Cyrillic only
    template = Template.parse(DEFAULT_TEMPLATE)
    with pytest.raises(ValueError, match="'yes' is not in the tokenizer's vocabulary"):
        Verbalizer.build(tokenizer, template, "нет", "yes")
    with pytest.raises(ValueError, match="start with the same token 'нет'"):
        Verbalizer.build(tokenizer, template, "нет", "нетто")  # нет, ##то: both scored by «нет»
    # a word of several pieces is scored by its first piece
    verbalizer = Verbalizer.build(tokenizer, template, "нетто", "дано")
    first = tokenizer("дано", add_special_tokens=False)["input_ids"]
    assert len(verbalizer.pieces[1]) == len(first) > 1 and verbalizer.token_ids[1] == first[0]


def test_long_passages_are_cut_never_the_template_question_or_mask(tokenizer):
    template = Template.parse(DEFAULT_TEMPLATE)
    question = "Правда ли, что киты дышат лёгкими?"
    long_question = "Правда ли, что " + "очень " * 12 + "длинный вопрос?"  # over half of the room at 48, under it
    passage = ("Киты — крупные морские млекопитающие, они дышат атмосферным воздухом. " * 50)[:3000]
    tricky = passage[:1500] + f" {tokenizer.mask_token} [MASK] <mask> " + passage[1500:]  # text, not a mask
    examples = [Example(question, passage, True), Example(question, tricky, False),
                Example(long_question, passage, True),
                Example("Правда ли, что " + "очень " * 600 + "длинный вопрос?", passage, True)]
    passage_ids = tokenizer(passage, add_special_tokens=False)["input_ids"]
    for max_length in (48, 512):
        with pytest.warns(UserWarning, match=f"^1 question.s. alone leave no room .* max_length {max_length} "):
            features = encode_prompts(tokenizer, template, examples, max_length)
        for feature in features:
            ids = feature["input_ids"]
            assert len(ids) == max_length and ids.count(tokenizer.mask_token_id) == 1
            assert ids[feature["mask_position"]] == tokenizer.mask_token_id
            tail = tokenizer(" Ответ:", add_special_tokens=False)["input_ids"]
            assert ids[feature["mask_position"] - len(tail) : feature["mask_position"]] == tail
            assert ids[feature["mask_position"] + 1 :] == [*tokenizer(".", add_special_tokens=False)["input_ids"],
                                                           tokenizer.sep_token_id]
            assert ids[1] == passage_ids[0]  # the passage's start stays
        for feature, text in zip(features[:3], (question, question, long_question)):  # the question is whole
            full_question = tokenizer(" " + text, add_special_tokens=False)["input_ids"]
            soft = feature["soft_positions"][0]
            assert feature["input_ids"][soft - len(full_question) : soft] == full_question
        # an overlong question is cut (its end), leaving the passage its first token only
        label = tokenizer(" Вопрос:", add_special_tokens=False)["input_ids"]
        assert features[3]["input_ids"][2 : 2 + len(label)] == label
        opening = tokenizer(" Правда", add_special_tokens=False)["input_ids"][0]
        assert features[3]["input_ids"][2 + len(label)] == opening
    with pytest.raises(ValueError, match="no room for the text"):
        encode_prompts(tokenizer, Template.parse("{passage} " + "слово " * 40 + "{question} {soft} {mask}"),
                       examples, 32)
