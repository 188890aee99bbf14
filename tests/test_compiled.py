"""The tables parsed from installed packages' data files (WordNet, lemminflect's lexicon)
and kept per machine: what is read back is what the packages say, an entry that cannot be
read is built again, and a folder that cannot be written costs only the time."""

from __future__ import annotations

import marshal
from pathlib import Path

import pytest
from gold import REALWORLD, SEEDS
from handbook import compiled, language, lexicon
from lemminflect import getAllLemmas


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "handbook"


def counted(value: object) -> tuple[list[int], object]:
    calls = [0]

    def build() -> object:
        calls[0] += 1
        return value

    return calls, build


def test_a_table_is_built_once_and_read_back(cache_home: Path) -> None:
    value = {"word": (1, 2), "other": frozenset({"a", "b"})}
    calls, build = counted(value)
    assert compiled.table("words", ("PyYAML",), build) == value
    assert compiled.table("words", ("PyYAML",), build) == value
    assert calls[0] == 1
    [entry] = cache_home.glob("words-*.marshal")
    assert marshal.loads(entry.read_bytes()) == value


def test_other_package_versions_are_another_entry_that_replaces_the_old(cache_home: Path) -> None:
    calls, build = counted({"a": 1})
    compiled.table("words", ("PyYAML",), build)
    [old] = cache_home.glob("words-*.marshal")
    (cache_home / "words-index-0123.marshal").write_bytes(b"another table's entry")
    compiled.table("words", ("PyYAML", "nh3"), build)
    assert calls[0] == 2 and not old.exists()  # an upgrade leaves no stale tables behind
    assert len(list(cache_home.glob("words-*.marshal"))) == 2


@pytest.mark.parametrize("damage", [b"", b"\xff\x00 not marshal", marshal.dumps({"a": 1})[:-3]])
def test_a_damaged_entry_is_built_again(cache_home: Path, damage: bytes) -> None:
    calls, build = counted({"a": (1,)})
    compiled.table("words", (), build)
    [entry] = cache_home.glob("words-*.marshal")
    entry.write_bytes(damage)
    assert compiled.table("words", (), build) == {"a": (1,)}
    assert calls[0] == 2 and marshal.loads(entry.read_bytes()) == {"a": (1,)}


def test_a_folder_that_cannot_be_written_costs_only_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "handbook").write_text("a file where the folder would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    calls, build = counted({"a": 1})
    assert compiled.table("words", (), build) == compiled.table("words", (), build) == {"a": 1}
    assert calls[0] == 2


def test_the_lemma_table_answers_as_lemminflect_does() -> None:
    texts = [path.read_text(encoding="utf-8") for folder in (SEEDS, REALWORLD) for path in folder.iterdir()]
    words = {word.lower() for text in texts for word in language.words_of(text)}
    words |= {"english", "'d", "running", "better", "data", "overcommunicate", "people"}
    assert len(words) > 500
    for word in sorted(words):
        assert language.lemmas_of(word) == getAllLemmas(word), word


def test_the_wordnet_tables_are_the_files_parsed() -> None:
    base = lexicon.folder()
    assert base is not None
    for pos in ("noun", "verb", "adj"):
        assert lexicon.all_senses(pos) == lexicon._read_index(base, pos)
        assert lexicon._data(pos) == lexicon._read_data(base, pos)
    assert lexicon.verb_frames() == lexicon._read_frames(base)
    assert lexicon.derived_verbs() == lexicon._read_derivations(base, "verb")
    assert lexicon.derived_verbs()["summary"][0] == "summarize"  # its first sense's own verb
    assert lexicon.derived_adjectives() == lexicon._read_derivations(base, "adj")
    assert lexicon.derived_adjectives()["clarity"] == ("clear",)
