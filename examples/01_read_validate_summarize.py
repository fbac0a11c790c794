"""Read DaNetQA-format data, see what it contains, and handle bad lines.

    python examples/01_read_validate_summarize.py [path/to/file.jsonl]
"""

import sys
import tempfile
from pathlib import Path

from augment import DataError, read_jsonl, write_jsonl
from augment.summary import summarize

SAMPLE = Path(__file__).parent / "data" / "sample.jsonl"
path = Path(sys.argv[1]) if len(sys.argv) > 1 else SAMPLE

# Reading is lazy and validating: every line is checked as it streams by.
examples = list(read_jsonl(path))
print(summarize(examples).table())

# An invalid line stops reading with file, line and field named ...
broken = Path(tempfile.mkdtemp()) / "broken.jsonl"
broken.write_text(SAMPLE.read_text(encoding="utf-8")
                  + '{"question": "Есть ли?", "passage": "Текст.", "label": "maybe", "idx": 1000}\n'
                  + '{"question": "Есть ли?", "passage": "Текст."\n', encoding="utf-8")
try:
    list(read_jsonl(broken))
except DataError as error:
    print("\nerror:", error)

# ... or, opt-in, is skipped and counted by reason.
reader = read_jsonl(broken, errors="skip")
kept = list(reader)
print(f"kept {len(kept)} examples;", reader.report().replace("\n", "; "))

# Writing is atomic: the file is replaced only once every line is written.
out = broken.with_name("copy.jsonl")
print(f"wrote {write_jsonl(kept, out)} examples to {out}")
