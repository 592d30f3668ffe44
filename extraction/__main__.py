"""python -m extraction PATH --published YYYY-MM-DD  -> the contract JSON on stdout."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import extract


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m extraction", description=__doc__)
    ap.add_argument("path", help="a UTF-8 text file (first line: headline) or an .html page")
    ap.add_argument("--published", default=None, help="publication date, YYYY-MM-DD")
    args = ap.parse_args(argv)
    path = Path(args.path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        print(f"error: cannot read {path}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    try:
        content = raw.decode("utf-8")
    except UnicodeDecodeError:
        content = raw.decode("latin-1")
    body = None
    if path.suffix.lower() in (".html", ".htm"):
        from .text import main_text

        title, body = main_text(content)
        text = (title + "\n" + body) if title and not body.startswith(title) else body
    else:
        text = content
    result = extract(text, args.published)
    if body is not None:
        result.text = body  # for HTML the contract's "text" is the extracted body
    print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
