"""From a Wikipedia-style corpus to a question set: streamed, in 2 processes, into a resumable shard folder.

    python examples/12_corpus_at_scale.py

The same run from the command line (a wikiextractor dump folder, compressed or not):

    augment from-text extracted/ -o questions/ --num-proc 2 --chunk-size 1000
    augment from-text extracted/ -o questions/ --engine dask --scheduler tcp://HOST:8786
"""

import gzip
import json
import tempfile
from pathlib import Path

from augment import read_jsonl
from augment.corpus import Corpus
from augment.scale.jobs import FromTextJob
from augment.scale.runner import Options, run
from augment.summary import summarize

ARTICLES = [
    ("Пётр Чайковский", "Пётр Чайковский родился в Воткинске в 1840 году. Композитор не любил критиков.\n"
                        "Его первый концерт состоялся в Петербурге в 1865 году."),
    ("Собор", "Собор был построен в 1561 году. Собор не был разрушен во время войны.\n"
              "Высота собора составляет 65 метров."),
    ("Байкал", "Глубина озера составляет 1642 метра. Озеро расположено в Сибири."),
    ("Кит", "Кит является млекопитающим. Кит не является рыбой. Киты дышат воздухом."),
    ("Рим", "Рим является столицей Италии. Город был основан в 753 году до нашей эры."),
    ("Эрмитаж", "Музей открылся в 1852 году. Эрмитаж расположен в Петербурге."),
]

work = Path(tempfile.mkdtemp(prefix="corpus-at-scale-"))
# wikiextractor --json writes folders of files like AA/wiki_00: one article per line; here gzipped
for shard, start in (("wiki_00.gz", 0), ("wiki_01.gz", 3)):
    lines = [json.dumps({"id": str(i + 1), "url": f"https://ru.wikipedia.org/wiki?curid={i + 1}", "title": title,
                         "text": text}, ensure_ascii=False) for i, (title, text) in enumerate(ARTICLES)]
    lines = lines[start:start + 3]
    (work / "AA").mkdir(exist_ok=True)
    (work / "AA" / shard).write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8")))

corpus = Corpus([work / "AA"])  # a folder (or a glob) of shards, read one record at a time
job = FromTextJob(seed=0, passage="paragraph")  # the settings of `augment from-text`
out = work / "questions"
result = run(job, corpus, out, Options(num_proc=2, chunk_size=2))
shards = sorted(out.glob("part-*.jsonl.gz"))
print(f"{result.records} articles -> {result.written} questions in {len(shards)} shards "
      f"({result.rate:.1f} articles/s with {result.workers} worker processes)")

# Running again resumes: the manifest lists the finished shards, so none is redone, and the output is the same.
before = {path.name: path.stat().st_mtime_ns for path in shards}
records = [e.to_record() for e in read_jsonl(out)]
run(job, corpus, out, Options(num_proc=1, chunk_size=2))
print(f"second run: shards rewritten {sum(path.stat().st_mtime_ns != before[path.name] for path in shards)}, "
      f"same output {[e.to_record() for e in read_jsonl(out)] == records}")

# The folder reads as one data set (also `augment validate questions/`); the article title is in meta.
questions = list(read_jsonl(work / "questions"))
first = questions[0]
print(f"\n[{'да' if first.label else 'нет'}] {first.question}  (from «{first.meta['title']}»)")
print(summarize(questions).table(top=3))
print()
print(job.tables(result.stats).split("\n\n")[0])
