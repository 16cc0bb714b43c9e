"""yamlio: one-line YAML errors, and the block emitter that entry files are written with."""
from __future__ import annotations

import json
import random
import re

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


# --- The emitter's fast paths write exactly what it wrote before them -------------------------
# The reference is the emitter as it was before text_scalar's ASCII shortcuts, its cache and
# entryfile's fixed-shape writer: the output must stay byte for byte the same, errors included.

REFERENCE_PLAIN = re.compile(r"[^\W\d_](?:[\w .,'&()/-]*[\w.)])?")
REFERENCE_RESERVED = frozenset("y n yes no true false on off null".split())
REFERENCE_UNSAFE = re.compile("[\x7f-\x84\x86-\x9f\u2028\u2029\ufeff\ufffe\uffff\x85]")


def reference_dumps(data: dict) -> str:
    pieces: list[str] = []
    _reference_mapping(data, "", pieces)
    return "".join(pieces)


def reference_scalar(value) -> str:
    if isinstance(value, str):
        if REFERENCE_PLAIN.fullmatch(value) and value.lower() not in REFERENCE_RESERVED:
            return value
        return REFERENCE_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, ensure_ascii=False))
    if value is None or isinstance(value, bool):
        return {None: "null", True: "true", False: "false"}[value]
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _reference_float(value)
    raise TypeError(f"cannot write {type(value).__name__} as YAML")


def _reference_float(value: float) -> str:
    if value != value:
        return ".nan"
    if value in (float("inf"), float("-inf")):
        return "-.inf" if value < 0 else ".inf"
    text = repr(value)
    return text if "." in text or "e" not in text else text.replace("e", ".0e")


def _reference_mapping(data: dict, indent: str, pieces: list[str]) -> None:
    for key, value in data.items():
        pieces.append(f"{indent}{key}:")
        _reference_value(value, indent, False, pieces)


def _reference_value(value, indent: str, in_list: bool, pieces: list[str]) -> None:
    if isinstance(value, dict) and value:
        pieces.append("\n")
        _reference_mapping(value, indent + "  ", pieces)
    elif isinstance(value, list) and value:
        pieces.append("\n")
        dash = indent + ("  " if in_list else "")
        for item in value:
            if isinstance(item, dict) and item:
                first = len(pieces)
                _reference_mapping(item, dash + "  ", pieces)
                pieces[first] = f"{dash}- " + pieces[first].lstrip()
            else:
                pieces.append(f"{dash}-")
                _reference_value(item, dash, True, pieces)
    else:
        pieces.append(" " + ("{}" if isinstance(value, dict) else "[]" if isinstance(value, list) else
                             reference_scalar(value)) + "\n")


def outcome(write, *args):
    """What `write(*args)` returns, or the type and message of what it raises."""
    try:
        return ("text", write(*args))
    except Exception as exc:  # the error is part of the behaviour compared
        return ("error", type(exc), str(exc))


class Text(str):
    """A str subclass: written by the general path, as before."""


class Count(int):
    """An int subclass."""


# Pieces of text that quoting decisions turn on: YAML indicators, reserved words and number-like
# words, every kind of whitespace and line break, control and unsafe characters, case-changing
# letters (İ lowers to two characters, ſ and K match s and k), digits that are not ASCII digits.
QUOTING_PIECES = TRICKY + [
    ": ", " #", "- ", "? ", "#", ":", "-", "'", '"', "\\", "/", "&", "(", ")", ",", ".", "_", "*", "!", "|", "%", "@",
    "`", "[", "]", "{", "}", ">", "<", "=", "+", ";", "~", "$", "^", " ", "  ", "\t", "\n", "\r", "\r\n", "\x0b",
    "\x0c", "\x1c", "\x1f", "\x00", "\x07", "\x7f", "\x80", "\x84", "\x85", "\x86", "\x9f", "\xa0", "\u2028",
    "\u2029", "\ufeff", "\ufffe", "\uffff", "\u3000", "\u200b", "\ud800", "\udfff", "İ", "ı", "ſ", "\u212a", "é", "Ø",
    "ß", "²", "\u0663", "\u0301", "Σ", "ǅ", "ﬁ", "\U0001d400", "YES", "Yes", "nO", "oN", "OFF", "NULL", "TRUE", "0",
    "1.5", "-1", "1e3", ".inf", "0x1F", "0o7", "1_000", "2020-01", "12:30", "a", "Z", "word", "J. D.", "r = .28",
    "Müller",
]


def random_text(rng: random.Random) -> str:
    """Text of 0-7 pieces: quoting pieces, ASCII characters or characters from anywhere in Unicode."""
    pieces = []
    for _ in range(rng.randrange(8)):
        kind = rng.randrange(4)
        if kind == 0:
            pieces.append(chr(rng.randrange(0x110000)))
        elif kind == 1:
            pieces.append(chr(rng.randrange(0x80)))
        else:
            pieces.append(rng.choice(QUOTING_PIECES))
    return "".join(pieces)


def random_data(rng: random.Random, depth: int = 0):
    """A value of any kind `dumps` takes (and a few it refuses), nested up to three deep."""
    kind = rng.randrange(12 if depth < 3 else 8)
    if kind <= 2:
        return random_text(rng)
    if kind == 3:
        return rng.choice([None, True, False, 0, -3, 2014, Count(7), 0.28, -0.3, 1e-05, 1.5e20, -0.0, 12.0, 1e16,
                           float("inf"), float("-inf"), float("nan"), 5e-324])
    if kind == 4:
        return Text(random_text(rng))
    if kind == 5:
        return rng.choice([{}, [], (), {1, 2}, b"x", 1j])
    if kind == 6:
        return rng.uniform(-1e6, 1e6) if rng.randrange(2) else rng.randrange(-10**20, 10**20)
    if kind == 7:
        return rng.choice(QUOTING_PIECES)
    if kind <= 9:
        return [random_data(rng, depth + 1) for _ in range(rng.randrange(0, 4))]
    return {rng.choice(["k", "a b", " lead", "", 1, None, "key"]) if rng.randrange(4) == 0 else f"k{i}":
            random_data(rng, depth + 1) for i in range(rng.randrange(0, 4))}


def test_dumps_writes_what_the_reference_wrote_for_random_data():
    rng = random.Random(2024)
    for _ in range(6000):
        data = {f"key{i}": random_data(rng) for i in range(rng.randrange(1, 5))}
        assert outcome(yamlio.dumps, data) == outcome(reference_dumps, data), data


def every_scalar_text_of(text: str):
    """How the emitter may write one str: the cached and uncached decision, and within a dump."""
    yield yamlio.text_scalar.__wrapped__(text)
    yield yamlio.text_scalar(text)
    yield yamlio.scalar(text)
    yield yamlio.value_text(text)[1:-1]
    yield yamlio.dumps({"k": [text]})[len("k:\n- "):-1]


# Code points checked in every position: Latin, the C0 and C1 controls, general punctuation (the
# line and paragraph separators), the surrogates, the byte-order mark and U+FFFE/U+FFFF, and a
# sample of the rest of Unicode.
CODE_POINTS = [*range(0x3000), *range(0xD7F0, 0xE010), *range(0xFE00, 0x10000), *range(0x10000, 0x110000, 251)]


def test_text_is_written_as_the_reference_wrote_it_for_each_character():
    """Code points alone and at the start, middle and end of a word."""
    for point in CODE_POINTS:
        char = chr(point)
        for text in (char, "A" + char, char + "a", f"Ab{char}c"):
            expected = reference_scalar(text)
            assert all(written == expected for written in every_scalar_text_of(text)), (hex(point), text)


def test_printable_text_needs_no_yaml_escapes():
    """text_scalar skips the UNSAFE escapes for printable text: no UNSAFE character is printable."""
    printable = "".join(char for char in map(chr, range(0x110000)) if char.isprintable())
    assert REFERENCE_UNSAFE.search(printable) is None and yamlio.UNSAFE.search(printable) is None


def test_ascii_text_is_written_as_the_reference_wrote_it():
    """Every one- and two-character ASCII text, and each ASCII character around a space."""
    chars = [chr(point) for point in range(0x80)]
    texts = chars + [a + b for a in chars for b in chars] + [f"a {c} b" for c in chars] + [f"{c} a" for c in chars]
    for text in texts:
        expected = reference_scalar(text)
        assert all(written == expected for written in every_scalar_text_of(text)), repr(text)


def test_random_text_is_written_as_the_reference_wrote_it():
    rng = random.Random(99)
    for _ in range(20000):
        text = random_text(rng)
        expected = reference_scalar(text)
        assert all(written == expected for written in every_scalar_text_of(text)), repr(text)


@pytest.mark.parametrize("value", [None, True, False, 0, -1, Count(3), 0.5, -0.0, 1e-05, 1e16, float("nan"),
                                   float("inf"), Text("yes"), Text("a"), Text(" a"), [], {}, ["a", 1], {"a": [1]},
                                   [[["deep"]]], [{}], [{"a": None, "b": []}], (), {1}])
def test_value_text_is_what_dumps_writes_after_a_key(value):
    for indent in ("", "  ", "    "):
        written = outcome(lambda: indent + "k:" + yamlio.value_text(value, indent))
        nested = outcome(lambda: reference_dumps({"k": value}) if not indent else
                         reference_dumps({"o": {"k": value}} if indent == "  " else {"o": {"p": {"k": value}}}
                                         ).split("\n", indent.count("  "))[-1])
        assert written == nested, (value, indent)
