#!/usr/bin/env python3
"""Converts a report folder's report.docx to PDF with LibreOffice and checks the pages as a reader sees them.

usage: check_docx_pdf.py REPORT_FOLDER WORK_FOLDER

- every page is A4 (portrait or landscape), from `pdfinfo`;
- every cell of every table of report.md (the same report blocks) appears unbroken on one line of
  `pdftotext -layout`: numbers and percents as whole tokens, labels as whole substrings of a line, each at least
  as often as the tables hold it;
- the 目次 (before the first chapter) lists every chapter (level-2 heading of report.md);
- every table and figure number (表3-5, 図3-1) appears in a caption.
Prints one line per failure and exits 1 if any.
"""
import os
import re
import subprocess
import sys
from collections import Counter

failures = []


def fail(message):
    failures.append(message)
    print("FAIL: " + message)


def markdown_tables(markdown):
    """The cells of every pipe table, unescaped, and the level-2 headings."""
    cells, chapters = [], []
    for line in markdown.splitlines():
        if line.startswith("## "):
            chapters.append(unescape(line[3:]))
        if not line.startswith("|") or line.startswith("|---"):
            continue
        parts = re.split(r"(?<!\\)\|", line.strip())[1:-1]
        cells += [unescape(part.strip()) for part in parts]
    return cells, chapters


def spaced(text):
    """A pattern for text as pdftotext gives it: LibreOffice sets a small gap between Japanese and Latin letters
    (its default autospace), which pdftotext reads as one space; any other break fails to match."""
    pattern = ""
    for index, character in enumerate(text):
        if index > 0 and is_ascii(character) != is_ascii(text[index - 1]) and not character.isspace() and not text[index - 1].isspace():
            pattern += " ?"
        pattern += re.escape(character)
    return re.compile(pattern)


def is_ascii(character):
    return ord(character) < 0x80


def unescape(text):
    return re.sub(r"\\(.)", r"\1", text)


def main():
    folder, work = sys.argv[1], sys.argv[2]
    os.makedirs(work, exist_ok=True)
    profile = "file://" + os.path.abspath(os.path.join(work, "lo-profile"))
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", work, os.path.join(folder, "report.docx")],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)
    pdf = os.path.join(work, "report.pdf")

    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "100000", pdf], capture_output=True, text=True, check=True).stdout
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)
    if not sizes:
        fail("pdfinfo printed no page sizes")
    for number, (width, height) in enumerate(sizes, start=1):
        short, long = sorted((float(width), float(height)))
        if abs(short - 595.3) > 1 or abs(long - 841.9) > 1:
            fail(f"page {number} is {width} x {height} pt, not A4")

    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True, check=True).stdout
    lines = text.splitlines()
    tokens = Counter(token for line in lines for token in line.split())

    with open(os.path.join(folder, "report.md"), encoding="utf-8") as handle:
        cells, chapters = markdown_tables(handle.read())
    wanted = Counter(cell for cell in cells if cell)
    numeric = re.compile(r"^[+\-±]?[\d,]+(\.\d+)?[％]?[▲▼※]?$")
    checked = 0
    for cell, count in wanted.items():
        if numeric.match(cell) or " " not in cell and len(cell) <= 3:
            found = tokens[cell]
            if found < count and not (numeric.match(cell) is None and sum(line.count(cell) for line in lines) >= count):
                fail(f"{cell!r} appears {found} times as a whole token on a line of the PDF, the tables hold it {count} times")
        else:
            pattern = spaced(cell)
            found = sum(len(pattern.findall(line)) for line in lines)
            if found < count:
                fail(f"{cell!r} appears {found} times unbroken on a line of the PDF, the tables hold it {count} times")
        checked += 1

    # The 目次: the text before the first chapter's own page lists every chapter.
    pages = text.split("\f")
    toc_page = next((i for i, page in enumerate(pages) if re.search(r"^\s*目次\s*$", page, re.M)), None)
    if toc_page is None:
        fail("no page carries the heading 目次")
    else:
        first_chapter = next((i for i, page in enumerate(pages) if i > toc_page and chapters and
                              spaced(chapters[0]).match(page.strip())), len(pages))
        toc = "\n".join(pages[toc_page:first_chapter])
        for chapter in chapters:
            if not spaced(chapter).search(toc):
                fail(f"the 目次 does not list the chapter {chapter!r}")

    captions = re.findall(r"(?:表|図) ?\d+-\d+", text)
    if not captions:
        fail("no numbered table or figure (表1-1, 図1-1) in the PDF")

    if failures:
        print(f"{len(failures)} failed")
        sys.exit(1)
    print(f"{folder}/report.docx: {len(sizes)} A4 pages, {checked} distinct table cells unbroken, "
          f"{len(chapters)} chapters in the 目次, {len(set(captions))} numbered tables and figures: 1 passed, 0 failed")


main()
