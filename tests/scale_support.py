"""A small corpus for scale tests: distinct passages with years, places and numbers, one repeated."""

from __future__ import annotations

import json
from pathlib import Path

from augment.example import Example

PEOPLE = ("Пётр Чайковский", "Лев Толстой", "Антон Чехов", "Иван Бунин", "Николай Гоголь")
CITIES = ("Казани", "Москве", "Самаре", "Твери", "Перми", "Туле", "Орле")


def passages(count: int = 28) -> list[Example]:
    """``count`` passages (idx ``a0``, ``a1``, …, title in meta); the last repeats the first's text."""
    found = []
    for i in range(count - 1):
        text = (f"{PEOPLE[i % len(PEOPLE)]} родился в {CITIES[i % len(CITIES)]} в {1801 + 7 * i} году. "
                f"Собор был построен в {1500 + 11 * i} году. Высота башни составляет {40 + i} метров. "
                f"Композитор не любил критиков. Кит является млекопитающим.")
        found.append(Example("", text, None, f"a{i}", {"title": f"Статья {i}"}))
    found.append(Example("", found[0].passage, None, f"a{count - 1}", {"title": "Повтор"}))
    return found


def write_wiki(path: Path, examples: list[Example]) -> Path:
    """``examples`` as wikiextractor writes articles: JSON lines with id, url, title and text, no suffix."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps({"id": e.idx, "revid": "1", "url": f"https://ru.wikipedia.org/wiki?curid={e.idx}",
                                        "title": e.meta["title"], "text": e.passage}, ensure_ascii=False) + "\n"
                            for e in examples), encoding="utf-8")
    return path


def records(examples: list[Example]) -> list[dict]:
    return [e.to_record() for e in examples]
