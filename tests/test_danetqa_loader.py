import zipfile

import pytest

import augment.danetqa as danetqa
from augment import load_danetqa

SPLITS = {
    "train": '{"question": "Есть ли у зайца хвост?", "passage": "У зайца короткий хвост.", "label": true, "idx": 0}\n'
             '{"question": "Есть ли у кита жабры?", "passage": "Кит дышит лёгкими.", "label": false, "idx": 1}\n',
    "val": '{"question": "Был ли пушкин на кавказе?", "passage": "Пушкин был там.", "label": "true", "idx": 0}\n',
    "test": '{"question": "Есть ли вода на марсе?", "passage": "На Марсе есть лёд.", "idx": 0}\n',
}


@pytest.fixture
def release_zip(tmp_path):
    path = tmp_path / "DaNetQA.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for split, text in SPLITS.items():
            archive.writestr(f"DaNetQA/{split}.jsonl", text)
    return path


def test_loads_each_split_from_a_release_zip(release_zip):
    assert [e.label for e in load_danetqa("train", release_zip)] == [True, False]
    assert [e.question for e in load_danetqa("validation", release_zip)] == ["Был ли пушкин на кавказе?"]
    assert [e.label for e in load_danetqa("test", release_zip)] == [None]


def test_loads_from_an_extracted_folder(tmp_path):
    folder = tmp_path / "release" / "DaNetQA"
    folder.mkdir(parents=True)
    for split, text in SPLITS.items():
        (folder / f"{split}.jsonl").write_text(text, encoding="utf-8")
    assert len(list(load_danetqa("train", tmp_path / "release"))) == 2
    assert len(list(load_danetqa("val", folder))) == 1


def test_download_route_checks_the_sha256(release_zip, monkeypatch):
    monkeypatch.setattr(danetqa, "download_official", lambda url=danetqa.OFFICIAL_URL: release_zip)
    with pytest.raises(ValueError, match="sha256"):
        load_danetqa("train")
    assert len(list(load_danetqa("train", verify=False))) == 2


def test_bad_split_and_bad_source_are_clear(tmp_path, release_zip):
    with pytest.raises(ValueError, match="unknown DaNetQA split 'dev2'"):
        load_danetqa("dev2", release_zip)
    with pytest.raises(FileNotFoundError, match="neither a folder nor a zip"):
        load_danetqa("train", tmp_path / "nowhere")
    (tmp_path / "empty").mkdir()
    with pytest.raises(FileNotFoundError, match=r"no train\.jsonl"):
        load_danetqa("train", tmp_path / "empty")
