#!/usr/bin/env python3
"""Generates bench/run.sh's large corpus: the real content/ folder plus N-1 synthetic countries.

Usage: bench/gen-corpus.py <content folder> <output folder> [countries=1000]

Every synthetic country c0001 … c0999 gets a country guide (countries/c0001.<culture>.md) and a safety assessment
(safety/c0001-safety.<culture>.md) in the six cultures, made from the real Guinea files of the same culture so that
front matter shape, body length, script and the eight `##` sections match: the keys, slugs and guide link become
c0001 / c0001-safety, the country's name becomes "Testland 0001" and the country code a synthetic one.
Translations keep the templates' `translated_from: 1` and `human_reviewed: false`.

Country codes group a country's content (guide, safety, stories share ContentItem.CountryCode; the country page loads
every published text with that code). There are 26*26 = 676 two-letter codes; GN and IQ stay with the real countries,
so the first 674 synthetic countries get a code of their own and the rest reuse codes from the start (c0675 shares
with c0001, …). The code assignment is printed as `shared-code pairs: <key>=<key>` lines for the benchmark to check.
"""
import re
import shutil
import string
import sys
from pathlib import Path

CULTURES = ["nl", "en", "fr", "ar", "fa", "ckb"]
RESERVED = {"GN", "IQ"}  # the real countries' codes


def country_codes():
    return [a + b for a in string.ascii_uppercase for b in string.ascii_uppercase if a + b not in RESERVED]


def title_of(text):
    m = re.search(r'^title: "?(.*?)"?$', text, re.M)
    return m.group(1)


def main():
    src, dst = Path(sys.argv[1]), Path(sys.argv[2])
    total = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
    if dst.exists():
        shutil.rmtree(dst)
    shutil.copytree(src, dst)

    guides = {c: (src / "countries" / f"guinea.{c}.md").read_text(encoding="utf-8") for c in CULTURES}
    safety = {c: (src / "safety" / f"guinea-safety.{c}.md").read_text(encoding="utf-8") for c in CULTURES}
    names = {c: title_of(guides[c]) for c in CULTURES}  # "Guinee", "غينيا", …: the country's name in that language

    codes = country_codes()
    owners = {}
    files = 0
    for i in range(1, total):
        key = f"c{i:04d}"
        code = codes[(i - 1) % len(codes)]
        if code in owners:
            print(f"shared-code pairs: {key}={owners[code]} ({code})")
        else:
            owners[code] = key
        for c in CULTURES:
            for template, folder, name in ((guides[c], "countries", key), (safety[c], "safety", f"{key}-safety")):
                text = re.sub(r"\bguinea\b", key, template)           # key, slug, guide: and any link
                text = re.sub(r"^country: GN$", f"country: {code}", text, flags=re.M)
                text = text.replace(names[c], f"Testland {i:04d}")   # title, summary, body
                (dst / folder / f"{name}.{c}.md").write_text(text, encoding="utf-8")
                files += 1
    print(f"generated {files} files for {total - 1} synthetic countries in {dst} ({len(codes)} unique codes)")


if __name__ == "__main__":
    main()
