"""Write a generator of your own, register it, and compose it with filters; run it over a list or a Dataset.

    python examples/02_compose_custom_generator.py
"""

from pathlib import Path

from augment import Generator, LabelEffect, LengthFilter, Mix, Pipeline, read_jsonl, register, to_dataset


@register("search_query")
class SearchQuery(Generator):
    """DaNetQA questions are typed like search queries: lowercase, often without the question mark."""

    name = "search_query"
    version = "1"
    label_effects = {"lowercase": LabelEffect.KEEP, "drop_mark": LabelEffect.KEEP}

    def generate(self, examples):
        for example in examples:
            operation = self.rng(example).choice(sorted(self.label_effects))  # per-example randomness
            question = example.question.lower() if operation == "lowercase" else example.question.rstrip("?")
            yield self.derive(example, operation, question=question)


@register("frame")
class Frame(Generator):
    """«Правда ли, что …?» -> «Верно ли, что …?»; questions in other forms are left alone (no output)."""

    name = "frame"
    version = "1"
    label_effects = {"verno": LabelEffect.KEEP}

    def generate(self, examples):
        for example in examples:
            if example.question.lower().startswith("правда ли"):
                yield self.derive(example, "verno", question="Верно ли" + example.question[len("правда ли"):])


examples = list(read_jsonl(Path(__file__).parent / "data" / "sample.jsonl"))
pipeline = Pipeline(
    Mix([(SearchQuery(seed=0), 0.7), (Frame(), 0.3)], seed=0),
    keep_originals=True,
    filters=[LengthFilter(min_chars=10, max_chars=150)],
    # "exact": the lowercased variants are new strings. "normalized" (the default) would drop them all,
    # since «есть ли вода на марсе» only repeats «Есть ли вода на марсе?» in case and punctuation.
    dedupe="exact",
)
augmented = list(pipeline.run(examples))
for example in augmented[:6]:
    print(f"{example.idx!s:<22} {example.label!s:<5} {example.question}")
print(dict(pipeline.stats))

# The same pipeline as a Dataset.map callback: identical rows with any num_proc.
same = Pipeline(pipeline.generator, filters=pipeline.filters, dedupe="exact")
dataset = same.augment_dataset(to_dataset(examples), num_proc=2)
assert dataset["question"] == [e.question for e in augmented]
print(f"Dataset route: {len(dataset)} rows, identical to the list route")
