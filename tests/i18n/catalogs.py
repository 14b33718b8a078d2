"""Reading the project's gettext catalogs, and what makemessages would make of the sources.

`fresh_catalogs(tree)` runs makemessages on a copy of the tree, so that the catalogs it
leaves hold every message of the sources, with the translations the real catalogs have:
a message nobody translated is there, empty (or fuzzy, when gettext guessed).
"""

import ast
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

LANGUAGES = ("ru", "kk", "uz")
MAKEMESSAGES = [
    "makemessages",
    *(f"-l{code}" for code in LANGUAGES),
    "--no-obsolete",
    "--ignore=.venv",
    "--ignore=node_modules",
    "--ignore=staticfiles",
]
# %(name)s, %s, {name}: each must come back in the translation, as often.
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")
TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*")


@dataclass
class Entry:
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstrs: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)

    def __str__(self):
        context = f"[{self.msgctxt}] " if self.msgctxt else ""
        return f"{context}{self.msgid!r}"


def _unquote(text: str) -> str:
    return ast.literal_eval(text.strip())


def entries(path: Path) -> list[Entry]:
    """The messages of a .po file (the header and obsolete entries left out)."""
    found = []
    for block in re.split(r"\n[ \t]*\n", path.read_text(encoding="utf-8")):
        entry, key, parts = Entry(), None, {}
        for line in block.splitlines():
            if line.startswith("#,"):
                entry.flags |= {flag.strip() for flag in line[2:].split(",")}
            elif line.startswith("#") or not line.strip():
                continue
            elif line.startswith('"'):
                parts[key] += _unquote(line)
            else:
                key, _, rest = line.partition(" ")
                parts[key] = _unquote(rest)
        if not parts.get("msgid"):
            continue
        entry.msgid = parts["msgid"]
        entry.msgctxt = parts.get("msgctxt")
        entry.msgid_plural = parts.get("msgid_plural")
        entry.msgstrs = [value for name, value in parts.items() if name.startswith("msgstr")]
        found.append(entry)
    return found


def problems(path: Path) -> list[str]:
    """What keeps a catalog from being complete: empty or fuzzy translations, and
    placeholders or HTML tags that the translation does not keep exactly."""
    found = []
    for entry in entries(path):
        if "fuzzy" in entry.flags:
            found.append(f"fuzzy: {entry}")
        if not entry.msgstrs or not all(entry.msgstrs):
            found.append(f"untranslated: {entry}")
            continue
        source = entry.msgid + (entry.msgid_plural or "")
        wanted = sorted(set(PLACEHOLDER.findall(source)))
        tags = sorted(TAG.findall(entry.msgid_plural or entry.msgid))
        for text in entry.msgstrs:
            if sorted(set(PLACEHOLDER.findall(text))) != wanted:
                found.append(f"placeholders {wanted} not kept: {entry} -> {text!r}")
            if sorted(TAG.findall(text)) != tags:
                found.append(f"HTML tags {tags} not kept: {entry} -> {text!r}")
    return found


def catalog_dirs(tree: Path) -> list[Path]:
    """Every locale/ directory of the tree (the project's and each app's)."""
    return sorted(
        path
        for path in tree.glob("**/locale")
        if path.is_dir() and not {".venv", "node_modules", "staticfiles"} & set(path.parts)
    )


def source_files(tree: Path) -> list[str]:
    """The files git knows or would add (committed, staged, or new and not ignored)."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=tree,
        capture_output=True,
        check=True,
    )
    return [name for name in listed.stdout.decode().split("\0") if name]


def copy_tree(tree: Path, into: Path) -> Path:
    for name in source_files(tree):
        source = tree / name
        if source.is_file():
            target = into / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return into


def run_makemessages(tree: Path) -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", *MAKEMESSAGES],
        cwd=tree,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
