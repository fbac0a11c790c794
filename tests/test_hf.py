from augment import Example, from_dataset, to_dataset
from augment.hf import from_columns


def test_dataset_round_trip(sample_examples):
    examples = [*sample_examples[:5], Example("Есть ли у кита жабры?", "Текст.", None, "3/rule_based.negate",
                                              {"generator": "rule_based", "parent_idx": 3})]
    dataset = to_dataset(examples)
    assert dataset.column_names == ["question", "passage", "label", "idx", "meta"]
    assert dataset.features["idx"].dtype == "string"  # mixed int and str idx
    assert list(from_dataset(dataset)) == examples


def test_integer_idx_stays_an_integer_column(sample_examples):
    dataset = to_dataset(sample_examples)
    assert dataset.features["idx"].dtype == "int64"
    assert list(from_dataset(dataset)) == sample_examples


def test_hub_style_labels_are_understood():
    batch = {"question": ["Есть ли?", "Был ли?"], "passage": ["А.", "Б."], "label": [1, -1], "idx": [0, 1]}
    assert [e.label for e in from_columns(batch)] == [True, None]


def test_string_idx_round_trips_whatever_its_digits():
    examples = [Example("Есть ли?", "А.", True, idx) for idx in (7, "007", "²", "x1")]
    assert list(from_dataset(to_dataset(examples))) == examples
