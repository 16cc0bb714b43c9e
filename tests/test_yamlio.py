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


# --- loads_simple: the fast reader for what dumps wrote --------------------------------------

def safe_load_or_error(text: str):
    try:
        return ("data", yaml.load(text, Loader=yamlio.LOADER))
    except yaml.YAMLError:
        return ("error", None)


def test_what_dumps_writes_is_read_back_fast():
    rng = random.Random(11)
    for _ in range(2000):
        data = {f"key{i}": random_value(rng) for i in range(rng.randrange(1, 5))}
        text = yamlio.dumps(data)
        assert yamlio.loads_simple(text) == data, text


def mutations(text: str, rng: random.Random):
    """Small hand edits: a character inserted, removed or replaced, lines swapped or re-indented."""
    pieces = [" ", "  ", "-", "- ", ":", ": ", "#", "\t", "\n", "\n\n", '"', "'", "[", "{", "&a ", "*a", "!", "|",
              ">", "?", "0", "1.5", "~", "yes", "\\", "\\u00e9", "\\x41", "\u2028", "\x85", ",", "%"]
    for _ in range(40):
        at = rng.randrange(len(text) + 1)
        kind = rng.randrange(5)
        if kind == 0:
            yield text[:at] + rng.choice(pieces) + text[at:]
        elif kind == 1:
            yield text[:at] + text[at + rng.randrange(1, 4):]
        elif kind == 2:
            yield text[:at] + rng.choice(pieces) + text[at + 1:]
        else:
            lines = text.split("\n")
            i = rng.randrange(len(lines))
            if kind == 3 and len(lines) > 2:
                j = rng.randrange(len(lines))
                lines[i], lines[j] = lines[j], lines[i]
            else:
                lines[i] = rng.choice(["", " ", "  ", "   "]) + lines[i].lstrip(" ")
            yield "\n".join(lines)


def test_edited_text_is_read_the_safe_loaders_way_or_left_to_it():
    rng = random.Random(5)
    checked = fast = 0
    for _ in range(400):
        data = {f"key{i}": random_value(rng) for i in range(rng.randrange(1, 5))}
        for edited in mutations(yamlio.dumps(data), rng):
            simple = yamlio.loads_simple(edited)
            checked += 1
            if simple is not None:
                fast += 1
                assert safe_load_or_error(edited) == ("data", simple), edited
    assert checked == 16000 and fast > 1000  # many edits still read fast, and each the same as PyYAML


@pytest.mark.parametrize("text", [
    "a:\n-\n- 1\n", "a: 010\n", "a: 1e5\n", "a: 1_000\n", "a: 0x1F\n", "a: +1\n", "a: yes\n", "yes: 1\n",
    "a: ~\n", "a: True\n", "a: .NaN\n", "a:\n", "a: 1\na: 2\n", "a: 1 # c\n", "# c\na: 1\n", "a: 1\n\nb: 2\n",
    "a: 'x'\n", "a: [1]\n", "a: {b: 1}\n", "a: x\n  y\n", "- 1\n", "a: 1", "", "a: \"\\x41\"\n",
    "a: \"\\ud83d\\ude00\"\n", "a: \"x\u2028y\"\n", "a:\n  - 1\n  b: 2\n", "a:\n b: 1\n  c: 2\n",
])
def test_everything_else_goes_to_the_safe_loader(text):
    assert yamlio.loads_simple(text) is None
