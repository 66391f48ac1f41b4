"""The documentation holds together: every relative link resolves, every command the README
tells a new user to run exists, and .ci/run runs exactly the README's test command."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wfltext.cli import build_parser

from .conftest import ROOT

DOCS = sorted((ROOT / "docs").glob("*.md")) + [ROOT / "README.md", ROOT / "corpus" / "gold" / "README.md"]
_LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


@pytest.mark.parametrize("page", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_resolve(page: Path) -> None:
    for target in _LINK.findall(page.read_text(encoding="utf-8")):
        if "://" in target or target.startswith("mailto:"):
            continue
        assert (page.parent / target).exists(), f"{page.name} links to missing {target}"


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```bash\n(.*?)```", text, re.S)
    return [line.strip() for b in blocks for line in b.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def test_readme_has_the_two_commands_and_ci_runs_the_second() -> None:
    commands = _readme_commands()
    install, tests = commands[0], commands[1]
    assert install.startswith("python -m pip install -e ") and "wfltext run corpus/reports" in install
    assert "pytest" in tests
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert tests in ci.splitlines(), ".ci/run must run the README's test command exactly"


def test_every_wfltext_command_in_the_readme_exists() -> None:
    parser = build_parser()
    subcommands = set(parser._subparsers._group_actions[0].choices)  # noqa: SLF001 - argparse keeps them here
    for line in _readme_commands():
        for part in line.split("&&"):
            words = part.split()
            if words and words[0] == "wfltext":
                assert words[1] in subcommands, line


def test_the_readme_python_example_prints_what_the_readme_says(capsys: pytest.CaptureFixture) -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## In Python") :]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    expected = re.search(r"prints\n\n```text\n(.*?)```", section, re.S).group(1)
    exec(compile(code, "README.md", "exec"), {})  # noqa: S102 - the README's own example
    assert capsys.readouterr().out == expected
