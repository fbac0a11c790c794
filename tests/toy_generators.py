"""Small generators for composition tests (row-pure, some random, some producing duplicates)."""

from augment import Generator, LabelEffect


class Wrap(Generator):
    """«Есть ли X?» -> «Правда ли, что есть ли X?»-like wrapping; keeps the label."""

    name = "wrap"
    version = "1"
    label_effects = {"wrap": LabelEffect.KEEP}

    def generate(self, examples):
        for example in examples:
            yield self.derive(example, "wrap", question=f"Правда ли, что {example.question}")


class Flip(Generator):
    """Adds a marker and flips the label."""

    name = "flip"
    version = "1"
    label_effects = {"flip": LabelEffect.FLIP}

    def generate(self, examples):
        for example in examples:
            yield self.derive(example, "flip", question=f"{example.question} (нет)")


class Shout(Generator):
    """One to three outputs per input, each with a randomly chosen word upper-cased."""

    name = "shout"
    version = "1"
    label_effects = {"shout": LabelEffect.KEEP}

    def generate(self, examples):
        for example in examples:
            rng = self.rng(example)
            words = example.question.split()
            for k in range(rng.randint(1, 3)):
                i = rng.randrange(len(words))
                question = " ".join(w.upper() if j == i else w for j, w in enumerate(words))
                yield self.derive(example, "shout", question=question, tag=f"shout{k}")


class Echo(Generator):
    """Repeats the question with other punctuation, twice: duplicates of the original and of each other."""

    name = "echo"
    version = "1"
    label_effects = {"echo": LabelEffect.KEEP}

    def generate(self, examples):
        for example in examples:
            for k in range(2):
                yield self.derive(example, "echo", question=example.question.rstrip("?") + " ?", tag=f"echo{k}")
