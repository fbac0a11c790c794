"""What the library does to keep your files: refusals before work, one writer per output, resumable appends.

    python examples/09_safe_outputs.py
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from augment import Example, read_jsonl, write_jsonl
from augment.cli import main
from augment.jsonl import append_jsonl, manifest_path
from augment.outputs import OutputError, check_output, output_lock

SAMPLE = Path(__file__).parent / "data" / "sample.jsonl"
folder = Path(tempfile.mkdtemp())
data = folder / "train.jsonl"
write_jsonl(list(read_jsonl(SAMPLE))[:5], data)

# Paths are checked before any work starts: an output that is an input (also through a symlink, a relative
# path or a hard link), a folder, a path under a file, or a read-only folder is refused in one line, exit 2.
print("exit code:", main(["negate", str(data), "-o", str(folder / "." / "train.jsonl")]))
for output in ["", folder, data / "out.jsonl"]:
    try:
        check_output(output, [data])
    except OutputError as error:
        print("refused:", error)

# One writer per output: another run on the same output is refused while this process holds its lock.
with output_lock(folder / "out.jsonl"):
    other = subprocess.run([sys.executable, "-m", "augment", "negate", str(data), "-o", str(folder / "out.jsonl")],
                           capture_output=True, text=True)
    print(f"exit code {other.returncode}:", other.stderr.strip())

# Appending (what `ptune generate` does) continues only a file this writer made with the same settings: a
# manifest beside it records the settings and the bytes written so far.
out = folder / "generated.jsonl"
with append_jsonl(out, {"seed": 1}) as appender:
    appender.write(Example("Правда ли, что кит — рыба?", "Кит — млекопитающее.", False, "q1"))
manifest = json.loads(manifest_path(out).read_text(encoding="utf-8"))
print(f"{manifest_path(out).name}: settings {manifest['settings']}, output {manifest['output']['bytes']} bytes")
for settings in [{"seed": 2}, {"seed": 1}]:
    try:
        with append_jsonl(out, settings) as appender:
            print("continued; already done:", sorted(appender.done))
    except OutputError as error:
        print("refused:", error)
