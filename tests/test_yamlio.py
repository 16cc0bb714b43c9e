"""yamlio: PyYAML's safe loader and dumper, one-line errors, and YAML written as a person would."""
from __future__ import annotations

import random

import pytest
import yaml

from coursekit import yamlio
from coursekit.errors import InputError

# Text that YAML reads as something else when written plainly: booleans, nulls, numbers, dates,
# indicators, comments, line breaks and characters outside YAML's printable set.
TRICKY = [
    "", " ", "a ", " a", "yes", "No", "ON", "off", "y", "N", "null", "Null", "~", "true", "False", "<<", "=",
    "1", "01", "0x1F", "1e3", ".5", "1_000", "1:20", "2015-01", "2015-01-01", "2015-01-01 10:00:00", ".inf",
    "-", "- a", "a: b", "a:b", "a #b", "#a", "a#b", "'a'", '"a"', "[a]", "{a: b}", "&a", "*a", "!a", "%a",
    "@a", "`a`", "|", ">", "?", "? a", "a\nb", "a\n\nb", "a\tb", "a\\b", "J. D.", "Nissen-Lie", "r = .28",
    "\u2212.24", "caf\u00e9", "\u2028", "a\u2029b", "\x85", "\x7f", "\x00", "\x1b[0m", "\ud7ff", "\ue000",
    "\ufffd", "\U0001f600", "a ' b", "it's", "a,b", "(a)", "a/", "--- a", "...", "Øvrebø", "a\u00a0",
]


def random_value(rng: random.Random, depth: int = 0):
    """Plain data of every kind yamlio writes, nested up to three deep."""
    kind = rng.randrange(7 if depth < 3 else 4)
    if kind == 0:
        return rng.choice(TRICKY)
    if kind == 1:
        return "".join(rng.choice(TRICKY + list("ab :#-'\"\\")) for _ in range(rng.randrange(1, 6)))
    if kind == 2:
        return rng.choice([None, True, False, 0, -3, 2014, 0.28, -0.3, 1e-05, 1.5e20, -0.0, 12.0, float("inf")])
    if kind == 3:
        return chr(rng.choice([rng.randrange(0x20, 0x7F), rng.randrange(0xA0, 0xD800), rng.randrange(0x10000, 0x10FFFF)]))
    if kind == 4:
        return [random_value(rng, depth + 1) for _ in range(rng.randrange(0, 4))]
    return {f"k{i}": random_value(rng, depth + 1) for i in range(rng.randrange(0, 4))}


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_text_reads_back_the_same(text):
    data = {"text": text, "list": [text, {"inner": text}]}
    assert yamlio.parse(yamlio.dumps(data)) == data


def test_random_nested_data_reads_back_the_same_in_key_order():
    rng = random.Random(7)
    for _ in range(2000):
        data = {f"key{i}": random_value(rng) for i in range(rng.randrange(1, 5))}
        back = yamlio.parse(yamlio.dumps(data))
        assert back == data and list(back) == list(data)


def test_written_as_a_person_would_write_it():
    data = {"title": "Øvrebø: a study", "given": "J. D.", "volume": "51", "flag": "yes", "none": None,
            "v": 1e-05, "authors": [{"family": "Müller", "given": "J.-P."}], "topics": [], "long": "word " * 40}
    assert yamlio.dumps(data) == (
        "title: 'Øvrebø: a study'\ngiven: J. D.\nvolume: '51'\nflag: 'yes'\nnone: null\nv: 1.0e-05\n"
        "authors:\n- family: Müller\n  given: J.-P.\ntopics: []\n"
        f"long: '{'word ' * 40}'\n")  # letters as they are, block style, one line however long


def test_writing_refuses_what_is_not_plain_data():
    with pytest.raises(yaml.YAMLError):
        yamlio.dumps({"s": object()})


def test_load_error_names_file_and_line():
    with pytest.raises(InputError, match=r"^course.yml:3: invalid YAML \(did not find"):
        yamlio.load("a: 1\nb: [\n", "course.yml")


def test_an_impossible_date_is_a_yaml_error_not_a_crash():
    with pytest.raises(InputError, match=r"^a.yml: invalid YAML \(impossible value: month must be in 1\.\.12\)$"):
        yamlio.load("due: 2026-99-01\n", "a.yml")


def test_the_loader_is_safe():
    with pytest.raises(yaml.YAMLError):
        yamlio.parse("a: !!python/object/apply:os.system ['true']\n")


def test_libyaml_is_used_when_present():
    assert yamlio.LOADER is getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    assert yamlio.DUMPER is getattr(yaml, "CSafeDumper", yaml.SafeDumper)

