"""Translations are complete: every message of the sources, in every catalog and language,
translated, not fuzzy, with its placeholders (tests/i18n/catalogs.py)."""

import shutil

import pytest
from django.conf import settings

from tests.i18n import catalogs

ROOT = settings.BASE_DIR
pytestmark = pytest.mark.skipif(
    not shutil.which("msgmerge"), reason="gettext is missing: scripts/ensure-gettext"
)


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    """A copy of the tree after makemessages: its catalogs hold every message."""
    tree = catalogs.copy_tree(ROOT, tmp_path_factory.mktemp("tree"))
    catalogs.run_makemessages(tree)
    return tree


def test_the_project_and_the_apps_with_messages_have_catalogs(fresh):
    dirs = [path.relative_to(fresh) for path in catalogs.catalog_dirs(fresh)]
    assert "locale" in {d.as_posix() for d in dirs}  # the project's, from LOCALE_PATHS
    for directory in dirs:
        for code in catalogs.LANGUAGES:
            path = ROOT / directory / code / "LC_MESSAGES" / "django.po"
            assert path.exists(), f"no catalog {path.relative_to(ROOT)}"


def test_every_message_is_translated_in_every_language(fresh):
    found = {}
    for directory in catalogs.catalog_dirs(fresh):
        for code in catalogs.LANGUAGES:
            path = directory / code / "LC_MESSAGES" / "django.po"
            if issues := catalogs.problems(path):
                found[str(path.relative_to(fresh))] = issues
    summary = {name: f"{len(issues)}: {issues[:5]}" for name, issues in found.items()}
    assert not found, f"make the catalogs complete (makemessages, then translate): {summary}"


def test_a_new_message_nobody_translated_is_caught(tmp_path):
    tree = catalogs.copy_tree(ROOT, tmp_path)
    models = tree / "accounts" / "models.py"
    models.write_text(models.read_text() + '\nNEW = _("A message nobody translated")\n')
    catalogs.run_makemessages(tree)
    for code in catalogs.LANGUAGES:
        path = tree / "accounts" / "locale" / code / "LC_MESSAGES" / "django.po"
        assert "untranslated: 'A message nobody translated'" in catalogs.problems(path)


def test_placeholders_tags_and_fuzzy_entries_are_caught(tmp_path):
    path = tmp_path / "django.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n"Language: ru\\n"\n\n'
        'msgid "%(count)s cases"\nmsgstr "%(число)s дел"\n\n'
        'msgid "Read <a>more</a>"\nmsgstr "Читать дальше"\n\n'
        '#, fuzzy\nmsgid "Cases"\nmsgstr "Дела"\n\n'
        'msgid "One {name}"\nmsgid_plural "Many {name}"\n'
        'msgstr[0] "Один {name}"\nmsgstr[1] ""\n',
        encoding="utf-8",
    )
    found = catalogs.problems(path)
    assert any(issue.startswith("placeholders") and "%(count)s" in issue for issue in found)
    assert any(issue.startswith("HTML tags") for issue in found)
    assert "fuzzy: 'Cases'" in found
    assert "untranslated: 'One {name}'" in found
