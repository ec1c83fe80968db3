#!/usr/bin/env python3
"""Writes the fuzz targets' seed inputs, from Surveys/, Fuzz/Definitions/, the README and the tests' literals.

usage: Fuzz/seeds.py OUT   (writes OUT/reading/ and OUT/definitions/; framing as in ReadingInput.swift and
FuzzDefinitions/main.swift)
"""
import codecs
import hashlib
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = pathlib.Path(sys.argv[1])
DEFINITIONS = ["Fuzz/Definitions/compact.yaml", "Surveys/shimin/2023/survey.yaml", "Surveys/shimin/2018/survey.yaml"]
ENCODINGS = ["auto", "utf-8", "cp932", "utf-16", "utf-16le", "utf-16be", "shift_jis", "utf-8-sig"]
PARALLEL, TWO_FILES, REFERENCE, RENDERS = 1, 2, 4, 8


def put(target, data):
    folder = OUT / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)


def reading(definition, encoding, flags, payload):
    put("reading", bytes([definition, ENCODINGS.index(encoding), flags]) + payload)


def head(path, lines):
    return b"".join(path.read_bytes().splitlines(keepends=True)[:lines])


def text_forms(text):
    """The same text as each encoding the tool reads, with and without a BOM."""
    return [
        ("utf-8", text.encode("utf-8")),
        ("auto", codecs.BOM_UTF8 + text.encode("utf-8")),
        ("cp932", text.encode("cp932", errors="replace")),
        ("auto", text.encode("cp932", errors="replace")),
        ("utf-16", codecs.BOM_UTF16_LE + text.encode("utf-16-le")),
        ("utf-16", codecs.BOM_UTF16_BE + text.encode("utf-16-be")),
        ("utf-16", text.encode("utf-16-le")),
        ("utf-16le", text.encode("utf-16-le")),
        ("utf-16be", text.encode("utf-16-be")),
        ("shift_jis", text.encode("cp932", errors="replace")),
        ("utf-8-sig", codecs.BOM_UTF8 + text.encode("utf-8")),
        ("auto", codecs.BOM_UTF16_LE + text.encode("utf-16-le")),
    ]


def swift_literals(source):
    """Swift string literals of the tests: one-line "…" ones and multi-line \"\"\" blocks, unescaped."""
    def unescape(s):
        s = re.sub(r"\\u\{([0-9A-Fa-f]+)\}", lambda m: chr(int(m.group(1), 16)), s)
        return s.replace("\\n", "\n").replace("\\r", "\r").replace("\\t", "\t").replace('\\"', '"').replace("\\\\", "\\")
    for block in re.finditer(r'"""\n(.*?)\n( *)"""', source, re.S):
        indent = len(block.group(2))
        yield unescape("\n".join(line[indent:] for line in block.group(1).split("\n")) + "\n")
    for literal in re.finditer(r'"((?:[^"\\\n]|\\.)*)"', source):
        yield unescape(literal.group(1))


# Reading: the compact definition's data in every encoding and mode; the example's files against their waves.
compact = (ROOT / "Fuzz/Definitions/compact.csv").read_text()
for encoding, payload in text_forms(compact):
    for flags in (0, PARALLEL, REFERENCE, RENDERS):
        reading(0, encoding, flags, payload)
reading(0, "auto", TWO_FILES, compact.encode() + b"\0" + compact.encode())
reading(0, "auto", 0, compact.replace("\n", "\r\n").encode())
reading(0, "auto", 0, compact.replace("\n", "\r").encode())
reading(0, "auto", 0, compact.replace(",", "\t").encode())
for index, wave in ((1, "2023"), (2, "2018")):
    folder = ROOT / "Surveys/shimin" / wave
    paper, web = head(folder / "paper.csv", 25), head(folder / "web.csv", 25)
    reading(index, "cp932", 0, paper)
    reading(index, "auto", PARALLEL, paper)
    reading(index, "auto", 0, web)
    reading(index, "auto", RENDERS, web)
    reading(index, "utf-8", PARALLEL, web)
    reading(index, "auto", TWO_FILES, paper + b"\0" + web)
    for data in (paper, web):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp932", errors="replace")
        reading(index, "utf-16", 0, codecs.BOM_UTF16_LE + text.encode("utf-16-le"))

# Definitions: every survey.yaml and series.yaml we have, and the README's examples.
SERIES, DATA_2018 = 1, 2
put("definitions", bytes([0]) + (ROOT / "Surveys/shimin/2023/survey.yaml").read_bytes())
put("definitions", bytes([DATA_2018]) + (ROOT / "Surveys/shimin/2018/survey.yaml").read_bytes())
put("definitions", bytes([0]) + (ROOT / "Fuzz/Definitions/compact.yaml").read_bytes())
put("definitions", bytes([SERIES]) + (ROOT / "Surveys/shimin/series.yaml").read_bytes())
for block in re.findall(r"```yaml\n(.*?)```", (ROOT / "README.md").read_text(), re.S):
    put("definitions", bytes([SERIES if "indicators:" in block else 0]) + block.encode())

# The tests' literals: definitions, series and CSV text.
for path in sorted(ROOT.glob("Tests/**/*.swift")):
    for literal in swift_literals(path.read_text()):
        if "questions:" in literal or "title:" in literal:
            put("definitions", bytes([0]) + literal.encode())
        elif "indicators:" in literal or "match:" in literal:
            put("definitions", bytes([SERIES]) + literal.encode())
        elif literal.count(",") >= 2 and "\n" in literal and ":" not in literal.split("\n")[0]:
            reading(0, "auto", 0, literal.encode())

for target in ("reading", "definitions"):
    print(f"{target}: {len(list((OUT / target).iterdir()))} seeds in {OUT / target}")
