"""Validates OSCAL component definitions with compliance-trestle's OSCAL models (offline).

Usage: validate_oscal.py FILE... ; prints one line per file and exits 1 if any file is invalid.
"""
import pathlib
import sys

from trestle.oscal.component import ComponentDefinition


def main(paths):
    failed = False
    for path in paths:
        try:
            ComponentDefinition.oscal_read(pathlib.Path(path))
            print(f"valid: {path}")
        except Exception as error:  # trestle raises pydantic and its own errors; report either, naming the file
            failed = True
            print(f"invalid: {path}: {error}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print("usage: validate_oscal.py FILE...", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1:]))
