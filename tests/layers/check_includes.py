#!/usr/bin/env python3
"""Layers include one way only: core <- codec <- storage, adapters, documents <- engine <- http <- abi.

Scans every source and header of each layer's folder and fails, naming file and line, on an
include of a layer the folder may not see, or on a relative include ("../") that would step
around the rule. The build enforces the same through each target's include root; this check
also covers headers that no translation unit reaches yet.

    check_includes.py ROOT              check the tree at ROOT
    check_includes.py --selftest ROOT   prove the check fails on an upward include
"""
import pathlib
import re
import shutil
import sys
import tempfile

# Folder -> (its layer, the layers it may include besides its own).
LAYERS = {
    "plugin/core": ("core", set()),
    "plugin/codec": ("codec", {"core"}),
    "plugin/documents": ("documents", {"core", "codec"}),
    "plugin/storage": ("storage", {"core", "codec"}),
    "adapters": ("adapters", {"core", "codec"}),
    "plugin/engine": ("engine", {"core", "codec", "documents", "storage", "adapters"}),
    "plugin/http": ("http", {"core", "codec", "documents", "storage", "adapters", "engine"}),
    "plugin/abi": ("abi", {"core", "codec", "documents", "storage", "adapters", "engine", "http",
                           "reclaim"}),
    # The SDK uses the public header only.
    "sdk": ("sdk", {"reclaim"}),
}
KNOWN = {layer for layer, _ in LAYERS.values()} | {"reclaim"}
INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]')
SUFFIXES = {".c", ".cc", ".cpp", ".h", ".hpp"}


def violations(root: pathlib.Path):
    found = []
    for folder, (layer, allowed) in LAYERS.items():
        base = root / folder
        if not base.is_dir():
            found.append(f"{folder}: missing")
            continue
        for path in sorted(base.rglob("*")):
            if path.suffix not in SUFFIXES or not path.is_file():
                continue
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
            for number, line in enumerate(lines, 1):
                match = INCLUDE.match(line)
                if not match:
                    continue
                target = match.group(1)
                where = f"{path.relative_to(root)}:{number}"
                if target.startswith("../") or "/../" in target:
                    found.append(f"{where}: relative include \"{target}\" steps out of {layer}")
                    continue
                head = target.split("/", 1)[0]
                if "/" in target and head in KNOWN and head != layer and head not in allowed:
                    found.append(f"{where}: {layer} may not include \"{target}\" ({head} is "
                                 f"above it or beside it)")
    return found


def check(root: pathlib.Path) -> int:
    found = violations(root)
    for line in found:
        print(line)
    if found:
        print(f"{len(found)} upward or sideways include(s)")
        return 1
    print("layers include one way only")
    return 0


def selftest(root: pathlib.Path) -> int:
    """The check passes on a copy of the tree and fails once an upward include is added."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = pathlib.Path(scratch)
        for folder in LAYERS:
            shutil.copytree(root / folder, copy / folder)
        if violations(copy):
            print("selftest: the unmodified copy already fails")
            return 1
        cases = [("plugin/core/error.hpp", '#include "engine/engine.hpp"'),
                 ("plugin/codec/reader.hpp", '#include "storage/store.hpp"'),
                 ("plugin/storage/store.hpp", '#include "adapters/registry.hpp"'),
                 ("plugin/documents/pdf.hpp", '#include "engine/engine.hpp"'),
                 ("plugin/codec/mail.hpp", '#include "documents/pdf.hpp"'),
                 ("adapters/registry.hpp", "#include <http/app.hpp>"),
                 ("plugin/engine/engine.hpp", '#include "../http/app.hpp"'),
                 ("sdk/reclaimctl/cli.hpp", '#include "engine/engine.hpp"')]
        for file, line in cases:
            target = copy / file
            original = target.read_text(encoding="utf-8")
            target.write_text(original + "\n" + line + "\n", encoding="utf-8")
            if not violations(copy):
                print(f"selftest: {line} in {file} went unnoticed")
                return 1
            target.write_text(original, encoding="utf-8")
    print("selftest: every upward include was caught")
    return 0


def main(argv):
    if len(argv) == 3 and argv[1] == "--selftest":
        return selftest(pathlib.Path(argv[2]))
    if len(argv) == 2:
        return check(pathlib.Path(argv[1]))
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
