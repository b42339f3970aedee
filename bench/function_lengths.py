#!/usr/bin/env python3
"""Lists the longest functions in C and C++ sources, for the house rule
"no function over about 60 lines".

    python3 bench/function_lengths.py [--top N] [--over L] DIR_OR_FILE...

A function is a brace block outside any other function whose header (the
text since the previous ';', '{' or '}') has a parameter list and is not a
namespace, class, struct, union, enum or initializer.  Its length counts
the lines from the first line of its header to its closing brace, blank
and comment lines included.  Comments, strings and character literals are
blanked first, so braces inside them do not count.  Lambdas and local
classes count as part of the function that holds them.

Prints "LINES FILE:LINE NAME", longest first; exits 1 when --over L is
given and some function is longer than L lines.
"""

import argparse
import os
import re
import sys

SOURCE_EXTS = (".c", ".h", ".cpp", ".hpp", ".cc")
NOT_FUNCTION = re.compile(r"^\s*(template\s*<.*>\s*)?"
                          r"(namespace|class|struct|union|enum|extern\s+\"C\")\b",
                          re.S)
LITERAL_OR_COMMENT = re.compile(
    r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'', re.S)


def blank(match):
    """Keeps a comment's or literal's newlines, so line numbers hold."""
    text = match.group(0)
    return "".join("\n" if ch == "\n" else " " for ch in text)


def strip_preprocessor(text):
    """Blanks preprocessor lines (with their continuations)."""
    out, skipping = [], False
    for line in text.split("\n"):
        if skipping or line.lstrip().startswith("#"):
            skipping = line.rstrip().endswith("\\")
            out.append("")
        else:
            out.append(line)
    return "\n".join(out)


MACRO_LINE = re.compile(r"[ \t]*[A-Z_][A-Z0-9_]*\([^;{}]*?\)[ \t]*\n")


def skip_macro_lines(header):
    """How far the header's leading macro invocations reach: a line such
    as `REGISTER_MAP_WITH_PROGRAMSTATE(M, K, V)` ends without ';'."""
    pos = 0
    while True:
        lead = len(header[pos:]) - len(header[pos:].lstrip())
        m = MACRO_LINE.match(header, pos + lead)
        if not m:
            return pos
        pos = m.end()


def function_name(header):
    """The identifier before the parameter list's opening parenthesis."""
    depth = 0
    close = header.rfind(")")
    for i in range(close, -1, -1):
        if header[i] == ")":
            depth += 1
        elif header[i] == "(":
            depth -= 1
            if depth == 0:
                m = re.search(r"([\w:~]+(?:\s*<[^()]*>)?|operator\s*\S+)\s*$",
                              header[:i])
                return m.group(1) if m else "?"
    return "?"


def is_function_header(header):
    if "(" not in header or ")" not in header:
        return False
    if NOT_FUNCTION.match(header):
        return False
    before_paren = header[: header.find("(")]
    if "=" in before_paren and "operator" not in before_paren:
        return False  # an initializer: `T x[] = {`, `auto f = [] {`
    tail = header[header.rfind(")") + 1:]
    # After the parameters: qualifiers, a trailing return type, or a
    # constructor's initializer list.
    return re.fullmatch(r"[\s\w:&*<>,\->]*|\s*:.*", tail, re.S) is not None


def functions_in(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    text = strip_preprocessor(LITERAL_OR_COMMENT.sub(blank, text))
    found = []
    stack = []  # for each open brace: True when it opens a function body
    start = 0   # where the current header begins
    for i, ch in enumerate(text):
        if ch in ";{}" and any(stack):
            if ch == "{":
                stack.append(False)
            elif ch == "}":
                opened = stack.pop()
                if opened and not any(stack):
                    first, name = opened
                    last = text.count("\n", 0, i) + 1
                    found.append((last - first + 1, path, first, name))
                    start = i + 1
            continue
        if ch == "{":
            start += skip_macro_lines(text[start:i])
            header = text[start:i]
            if is_function_header(header):
                lead = len(header) - len(header.lstrip())
                first = text.count("\n", 0, start + lead) + 1
                stack.append((first, function_name(header)))
            else:
                stack.append(False)
            start = i + 1
        elif ch in ";}":
            if ch == "}" and stack:
                stack.pop()
            start = i + 1
    return found


def sources(paths):
    for p in paths:
        if os.path.isfile(p):
            yield p
            continue
        for root, _, files in os.walk(p):
            for name in sorted(files):
                if name.endswith(SOURCE_EXTS):
                    yield os.path.join(root, name)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--top", type=int, default=10)
    ap.add_argument("--over", type=int, default=None)
    args = ap.parse_args()
    found = []
    for path in sources(args.paths):
        found.extend(functions_in(path))
    found.sort(key=lambda f: (-f[0], f[1], f[2]))
    for lines, path, first, name in found[: args.top]:
        print(f"{lines:5d} {path}:{first} {name}")
    if args.over is not None:
        over = [f for f in found if f[0] > args.over]
        print(f"{len(over)} of {len(found)} functions over {args.over} lines")
        return 1 if over else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
