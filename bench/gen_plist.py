#!/usr/bin/env python3
"""gen_plist.py OUT SIZE_MB: a clang plist of about SIZE_MB megabytes.

The diagnostics of testdata/store/clang14-b.plist (clang 14's own output,
control edges, events, ranges and all) repeated with a distinct issue hash
and description each, so that every copy is a finding of its own."""
import os
import re
import sys

out, size_mb = sys.argv[1], float(sys.argv[2])
src = os.path.join(os.path.dirname(__file__), "..", "testdata", "store", "clang14-b.plist")
text = open(src, encoding="utf-8").read()
head, rest = text.split("<key>diagnostics</key>", 1)
body, tail = rest.split("<key>files</key>", 1)
diags = body[body.index("<array>") + len("<array>"):body.rindex("</array>")]
want = int(size_mb * 1e6)
with open(out, "w", encoding="utf-8") as f:
    f.write(head + "<key>diagnostics</key>\n <array>")
    k = 0
    while f.tell() < want:
        k += 1
        d = re.sub(r"<string>[0-9a-f]{32}</string>", "<string>%032x</string>" % k, diags)
        d = d.replace("<key>description</key><string>", "<key>description</key><string>#%d " % k)
        f.write(d)
    f.write("</array>\n <key>files</key>" + tail)
