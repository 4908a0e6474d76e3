#!/usr/bin/env python3
"""Seed corpora for the fuzzers, cut at run time from Food.com-format CSVs: the repository's own fixtures
(tests/fixtures) and, when present, the real Food.com rows kept outside the repository (never committed).

Usage: make_seeds.py OUT_DIR DIR [DIR...]
Writes OUT_DIR/csv_reader/* (consecutive raw lines of every CSV under each DIR, header first, <= 4 KiB each) and
OUT_DIR/list_literal/* (the distinct tags/steps/ingredients/nutrition literals of the recipe files).
Every DIR must hold at least one CSV (the caller passes only the folders it has).
"""
import csv
import hashlib
import pathlib
import sys

CHUNK_BYTES = 4096
CHUNKS_PER_FILE = 40
LITERALS_PER_COLUMN = 150
LIST_COLUMNS = ("tags", "steps", "ingredients", "nutrition")


def write_seed(directory: pathlib.Path, data: bytes) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / hashlib.sha1(data).hexdigest()).write_bytes(data)


def csv_chunks(path: pathlib.Path):
    lines = path.read_bytes().splitlines(keepends=True)
    if not lines:
        return
    header, body = lines[0], lines[1:]
    chunk = header
    produced = 0
    for line in body:
        if len(chunk) + len(line) > CHUNK_BYTES and chunk != header:
            yield chunk
            produced += 1
            if produced >= CHUNKS_PER_FILE:
                return
            chunk = header
        chunk += line
    if chunk != header:
        yield chunk


def list_literals(path: pathlib.Path):
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        seen = {column: set() for column in LIST_COLUMNS}
        for row in reader:
            for column in LIST_COLUMNS:
                value = row.get(column)
                if value and len(seen[column]) < LITERALS_PER_COLUMN and value not in seen[column]:
                    seen[column].add(value)
                    yield value.encode("utf-8")


def main(argv):
    if len(argv) < 3:
        print("usage: make_seeds.py OUT_DIR DIR [DIR...]", file=sys.stderr)
        return 2
    out = pathlib.Path(argv[1])
    csv_files = []
    for directory in map(pathlib.Path, argv[2:]):
        found = sorted(directory.rglob("*.csv"))
        if not found:
            print(f"make_seeds: no CSV under {directory}", file=sys.stderr)
            return 1
        csv_files += found
    for path in csv_files:
        for chunk in csv_chunks(path):
            write_seed(out / "csv_reader", chunk)
        if "recipes" in path.name:
            for literal in list_literals(path):
                write_seed(out / "list_literal", literal)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
