"""The search SQL frozen into migrations (makesearchmigration) and rebuilt at scale."""

import importlib
import io
import re
import shutil
import uuid
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from cases.models import CaseSearch, SearchRebuild
from cases.search import document_sql
from cases.search.frozen import frozen_sql, leaf
from cases.search.rebuild import rebuild_documents

ROOT = Path(django_settings.BASE_DIR)
MARK = "-- changed by a test"


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def copies(tmp_path, settings, monkeypatch):
    """The cases and people migrations copied into packages of their own, which the
    migration loader and writer then use: nothing is written into the repository."""
    folders = {}
    for app in ("cases", "people"):
        package = f"m{uuid.uuid4().hex}_{app}"
        source = Path(apps.get_app_config(app).path) / "migrations"
        shutil.copytree(source, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
        folders[app] = tmp_path / package
        settings.MIGRATION_MODULES = {**settings.MIGRATION_MODULES, app: package}
    monkeypatch.syspath_prepend(str(tmp_path))
    return folders


@pytest.fixture
def touch_changed(monkeypatch):
    """As if a model change had changed the generated touch function."""
    changed = document_sql.TOUCH_FUNCTION_SQL.replace("RETURN NULL;", f"RETURN NULL; {MARK}")
    monkeypatch.setattr(document_sql, "TOUCH_FUNCTION_SQL", changed)
    return changed


def settings_module(app: str) -> str:
    return django_settings.MIGRATION_MODULES[app]


def new_files(folder: Path, before: set[str]) -> list[Path]:
    return [path for path in folder.glob("0*.py") if path.name not in before]


def test_no_migration_imports_another():
    """Each migration that freezes search SQL holds what reversing it needs: an old one
    never changes with another."""
    ours = "|".join(path.parent.parent.name for path in ROOT.glob("*/migrations/__init__.py"))
    for path in [*ROOT.glob("cases/migrations/0*.py"), *ROOT.glob("people/migrations/0*.py")]:
        text = path.read_text()
        assert "import_module" not in text, path
        assert not re.search(rf"^\s*(from|import) ({ours})\.migrations\b", text, re.M), path


def test_no_changes_writes_nothing(copies):
    before = {app: {p.name for p in folder.iterdir()} for app, folder in copies.items()}
    assert run("makesearchmigration").strip() == "No changes in the search SQL."
    assert run("makesearchmigration", "--check").strip() == "No changes in the search SQL."
    assert {app: {p.name for p in folder.iterdir()} for app, folder in copies.items()} == before


def test_check_exits_1_and_writes_nothing_when_the_sql_changed(copies, touch_changed):
    before = {p.name for p in copies["cases"].iterdir()}
    with pytest.raises(SystemExit) as exit:
        run("makesearchmigration", "--check")
    assert exit.value.code == 1
    assert {p.name for p in copies["cases"].iterdir()} == before


def test_a_change_writes_the_next_self_contained_migration(copies, touch_changed):
    loader = MigrationLoader(None, ignore_no_migrations=True)
    old = frozen_sql(loader, "cases")
    leaves = {app: leaf(loader, app) for app in ("cases", "people", "organizations")}
    before = {p.name for p in copies["cases"].glob("0*.py")}
    people_before = {p.name for p in copies["people"].glob("0*.py")}

    output = run("makesearchmigration", "--name", "search_trial")

    assert "cases: TOUCH_FUNCTION changed" in output
    (path,) = new_files(copies["cases"], before)
    number = int(leaves["cases"][1][:4]) + 1
    assert path.name == f"{number:04d}_search_trial.py"
    assert not new_files(copies["people"], people_before)  # the folds did not change
    text = path.read_text()
    assert "import_module" not in text and "cases.migrations" not in text
    module = importlib.import_module(f"{settings_module('cases')}.{path.stem}")
    assert touch_changed == module.TOUCH_FUNCTION
    assert document_sql.refresh_function_sql() == module.REFRESH_FUNCTION
    # Reversing puts back, from literal text, what the latest frozen migration installed.
    assert old["TOUCH_FUNCTION"].sql == module.PREVIOUS_TOUCH_FUNCTION
    assert old["REFRESH_FUNCTION"].sql == module.PREVIOUS_REFRESH_FUNCTION
    assert old["TRIGGERS"].sql == module.PREVIOUS_TRIGGERS
    assert sorted(module.Migration.dependencies) == sorted(leaves.values())
    # Found through the graph now: the SQL is frozen, nothing more to write.
    assert run("makesearchmigration", "--check").strip() == "No changes in the search SQL."


def test_a_fold_change_writes_a_people_migration(copies, monkeypatch):
    from people import names

    monkeypatch.setattr(names, "LATIN_FOLDS", [*names.LATIN_FOLDS, ("zz", "z")])
    people_before = {p.name for p in copies["people"].glob("0*.py")}
    loader = MigrationLoader(None, ignore_no_migrations=True)
    old = frozen_sql(loader, "people")

    run("makesearchmigration")

    (path,) = new_files(copies["people"], people_before)
    module = importlib.import_module(f"{settings_module('people')}.{path.stem}")
    assert "'zz', 'z'" in module.FOLD_WORD
    assert old["FOLD_WORD"].sql == module.PREVIOUS_FOLD_WORD
    assert old["FOLD_NAME"].sql == module.PREVIOUS_FOLD_NAME
    assert module.Migration.dependencies == [leaf(loader, "people")]


def triggers() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'case_search_%%'")
        return cursor.fetchone()[0]


def function(name: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT prosrc FROM pg_proc WHERE proname = %s", [name])
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_a_written_migration_applies_defers_and_reverses(
    copies, touch_changed, monkeypatch, capsys
):
    """Forward with the rebuild left for later, backward past two frozen migrations (each
    puts its predecessor's functions and triggers back), and forward again."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    current = leaf(loader, "cases")[1]
    run("makesearchmigration", "--name", "search_trial")
    monkeypatch.setenv("SEARCH_REBUILD", "later")
    try:
        run("migrate", "cases")
        assert "python manage.py rebuild_search_documents" in capsys.readouterr().out
        assert MARK in function("case_search_touch")
        assert SearchRebuild.objects.filter(finished_at=None).count() == 1
        with_triggers = triggers()

        run("migrate", "cases", "0022_casesearch_shown")
        assert MARK not in function("case_search_touch")
        # 0014's refresh, which knew nothing of the people a case shows; and its triggers.
        assert "shown_people" not in function("case_search_refresh")
        assert triggers() == with_triggers
    finally:
        run("migrate")
        run("migrate", "cases", current)
    assert MARK not in function("case_search_touch")
    assert function("case_search_refresh") in document_sql.refresh_function_sql()
    assert triggers() == with_triggers


def test_rebuild_resumes_where_it_stopped_in_batches(make_case, capsys):
    cases = [make_case(f"Case {n}") for n in range(4)]
    CaseSearch.objects.update(body="stale")
    SearchRebuild.objects.create(migration="cases.0099_test", next_case_id=cases[1].pk)

    class Stop(Exception):
        pass

    def stop_after_one(done, total, last):
        raise Stop

    with pytest.raises(Stop):  # stopped after its first committed batch
        rebuild_documents(batch=1, progress=stop_after_one)
    bodies = dict(CaseSearch.objects.values_list("case_id", "body"))
    assert [bodies[case.pk] == "stale" for case in cases] == [True, False, True, True]
    assert SearchRebuild.objects.get().next_case_id == cases[1].pk + 1

    seen = []
    assert rebuild_documents(batch=2, progress=lambda *args: seen.append(args)) == 2
    assert seen == [(2, 2, cases[3].pk)]  # one batch of two: cases 2 and 3
    bodies = dict(CaseSearch.objects.values_list("case_id", "body"))
    assert [bodies[case.pk] == "stale" for case in cases] == [True, False, False, False]
    assert SearchRebuild.objects.get().finished_at is not None

    # Nothing pending: the command rebuilds every document.
    output = run("rebuild_search_documents", "--batch", "3")
    assert "4 of 4 cases (100%)" in output and "rebuilt: 4 cases" in output
    assert not CaseSearch.objects.filter(body="stale").exists()


def test_check_says_a_rebuild_is_pending(db):
    from cases.checks import check_search_rebuild

    assert check_search_rebuild(databases=["default"]) == []
    SearchRebuild.objects.create(migration="cases.0099_test", next_case_id=42)
    (message,) = check_search_rebuild(databases=["default"])
    assert message.id == "cases.I001" and "cases.0099_test" in message.msg
    assert "rebuild_search_documents" in message.hint


@pytest.mark.django_db(transaction=True)
def test_one_rebuild_at_a_time(make_case):
    from django.db import connections

    from cases.search.rebuild import LOCK, RebuildRunning

    make_case()
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(hashtext(%s))", [LOCK])
        with pytest.raises(RebuildRunning):
            rebuild_documents()
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(hashtext(%s))", [LOCK])
    finally:
        other.close()
    assert rebuild_documents() == 1
