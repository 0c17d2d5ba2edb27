"""The command-line pages match the real `heygen` parser: its exit codes, commands and options."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from heygen._cli._errors import EXIT_CODES
from heygen._cli._main import build_parser

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "guide"
PAGES = ("cli.md", "cli-avatars.md", "cli-photo-avatar.md", "webhooks.md")


def _subparser(parser: argparse.ArgumentParser, words: list[str]) -> tuple[argparse.ArgumentParser, int]:
    """The deepest command the words name, and how many words named it."""
    used = 0
    for word in words:
        actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not actions or word not in actions[0].choices:
            break
        parser = actions[0].choices[word]
        used += 1
    return parser, used


def _command_lines() -> list[tuple[str, str]]:
    """Every `heygen ...` line in the pages' console and sh blocks (continuations joined)."""
    found = []
    for name in PAGES:
        text = (GUIDE / name).read_text(encoding="utf-8")
        for block in re.findall(r"```(?:console|sh)\n(.*?)```", text, re.S):
            joined = re.sub(r"\n\s{4,}(?=\S)", " ", block)
            for line in joined.splitlines():
                command = re.sub(r"#.*", "", line.removeprefix("$ "))
                match = re.search(r"(?:^|\$\()heygen ([^|)]*)", command)
                if match:
                    found.append((name, match.group(1).strip()))
    return found


def test_the_exit_code_table_is_the_clis() -> None:
    text = (GUIDE / "cli.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| (\d+) \| (.+?) \|$", text, re.M))
    assert {int(code): meaning for code, meaning in rows.items()} == EXIT_CODES


def test_the_pages_were_found() -> None:
    pages = {name for name, _ in _command_lines()}
    assert pages == set(PAGES)


@pytest.mark.parametrize(("page", "command"), _command_lines())
def test_each_documented_command_and_option_exists(page: str, command: str) -> None:
    words = command.split()
    parser, used = _subparser(build_parser(), words)
    assert used >= 1 or words[0].startswith("-"), f"{page}: `heygen {command}` names no command"
    leaf = not any(isinstance(a, argparse._SubParsersAction) for a in parser._actions)
    rest = [w for w in words[used:] if not w.startswith("-")]
    assert leaf or not rest, f"{page}: `heygen {command}`: {parser.prog} has no command {rest[0]!r}"
    known = {option for action in parser._actions for option in action.option_strings}
    for option in re.findall(r"(?<![\w-])--[a-z][a-z-]*", command):
        assert option in known, f"{page}: `heygen {command}`: {parser.prog} has no {option}"
