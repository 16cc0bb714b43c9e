"""yamlio: one-line YAML errors, and the block emitter that entry files are written with."""
from __future__ import annotations

import random

import pytest
import yaml

from coursekit import yamlio
from coursekit.errors import InputError

TRICKY = [
    "", " ", "a ", " a", "yes", "No", "ON", "off", "y", "N", "null", "Null", "~", "true", "False", "<<", "=",
    "1", "01", "0x1F", "1e3", ".5", "1_000", "1:20", "2015-01", "2015-01-01", "2015-01-01 10:00:00", ".inf",
    "-", "- a", "a: b", "a:b", "a #b", "#a", "a#b", "'a'", '"a"', "[a]", "{a: b}", "&a", "*a", "!a", "%a",
    "@a", "`a`", "|", ">", "?", "? a", "a\nb", "a\n\nb", "a\tb", "a\\b", "J. D.", "Nissen-Lie", "r = .28",
    "\u2212.24", "caf\u00e9", "\u2028", "a\u2029b", "\x85", "\ufeff", "\x7f", "\x00", "\x1b[0m", "\ud7ff",
    "\ue000", "\ufffd", "\U0001f600", "a ' b", "it's", "a,b", "(a)", "a/", "--- a", "...", "A", "Z)",
    "Øvrebø", "Müller", "É", "_a", "a_", "a²", "ａ", "Ÿes", "ı", "İ", "ŉ", "ǅ", "a\u00a0", "\u00a0a",
]


def random_value(rng: random.Random, depth: int = 0):
    kind = rng.randrange(8 if depth < 3 else 5)
    if kind == 0:
        return rng.choice(TRICKY)
    if kind == 1:
        return "".join(rng.choice(TRICKY + list("ab :#-'\"\\")) for _ in range(rng.randrange(1, 6)))
    if kind == 2:
        return rng.choice([None, True, False, 0, -3, 2014, 0.28, -0.3, 1e-05, 1.5e20, -0.0, 12.0])
    if kind == 3:
        return chr(rng.choice([rng.randrange(0x20, 0x7F), rng.randrange(0x80, 0x3000), rng.randrange(0x10000, 0x10FFFF)]))
    if kind == 4:
        return rng.choice(TRICKY) + chr(rng.randrange(0xE000, 0x10000))
    if kind == 5:
        return [random_value(rng, depth + 1) for _ in range(rng.randrange(0, 4))]
    return {f"k{i}": random_value(rng, depth + 1) for i in range(rng.randrange(0, 4))}


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_text_reads_back_the_same(text):
    assert yaml.load(yamlio.dumps({"text": text, "list": [text, text]}), Loader=yamlio.LOADER) == {
        "text": text, "list": [text, text]}


def test_random_nested_data_reads_back_the_same():
    rng = random.Random(7)
    for _ in range(2000):
        data = {f"key{i}": random_value(rng) for i in range(rng.randrange(1, 5))}
        text = yamlio.dumps(data)
        assert yaml.load(text, Loader=yamlio.LOADER) == data, text


def test_words_are_written_plain_and_the_rest_quoted():
    text = yamlio.dumps({"given": "J. D.", "volume": "51", "flag": "yes", "title": "A: b", "none": None, "v": 1e-05})
    assert text == 'given: J. D.\nvolume: "51"\nflag: "yes"\ntitle: "A: b"\nnone: null\nv: 1.0e-05\n'


def test_nan_and_infinity_and_unknown_types():
    data = yaml.load(yamlio.dumps({"a": float("inf"), "b": float("-inf")}), Loader=yamlio.LOADER)
    assert data == {"a": float("inf"), "b": float("-inf")}
    assert yamlio.dumps({"n": float("nan")}) == "n: .nan\n"
    with pytest.raises(TypeError):
        yamlio.dumps({"s": {1, 2}})


def test_load_error_names_file_and_line():
    with pytest.raises(InputError, match=r"^course.yml:3: invalid YAML \(did not find"):
        yamlio.load("a: 1\nb: [\n", "course.yml")
