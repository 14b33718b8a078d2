"""The staff roles as groups. Idempotent (rerunning leaves each group with exactly these
permissions) and reversible (the groups are removed).

The rules are frozen here, not imported, so this migration means the same thing forever;
a later change of roles is a new migration.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT_APPS = ("people", "organizations", "cases")
# Written by database triggers only: nobody edits them (nameword: cases 0010, later than
# this migration; listed so that rerunning it on a newer schema means the same). The
# search rebuild's progress (cases 0029) is written by rebuild_search_documents only.
NOT_EDITED = {"casesearch", "nameword", "searchrebuild"}
EDITOR_ACTIONS = ("add", "change", "view")  # no delete: deleting is archiving

PUBLISH = ("cases", "publish_case")
VIEW_CONFIDENTIAL = ("cases", "view_confidential")
RESTORE = ("cases", "restore_archived")


def ensure_permissions(apps, using):
    """Permissions are normally created after migrate; these groups need them now."""
    for label in (*CONTENT_APPS, "auth"):
        config = apps.get_app_config(label)
        config.models_module = True
        create_permissions(config, apps=apps, verbosity=0, using=using)
        config.models_module = None


def role_permissions(Permission, using):
    perms = Permission.objects.using(using).select_related("content_type")
    content = perms.filter(content_type__app_label__in=CONTENT_APPS)

    def named(*keys):
        found = [p for p in content if (p.content_type.app_label, p.codename) in keys]
        assert len(found) == len(keys), f"missing permissions among {keys}"
        return found

    editor = [
        p
        for p in content
        if p.content_type.model not in NOT_EDITED
        and p.codename in {f"{action}_{p.content_type.model}" for action in EDITOR_ACTIONS}
    ]
    accounts = perms.filter(content_type__app_label="auth", content_type__model__in=["user", "group"])
    return {
        "Editor": editor,
        "Publisher": [*editor, *named(PUBLISH)],
        "Confidential access": named(VIEW_CONFIDENTIAL),
        "Administrator": [*content, *accounts],
    }


def create_roles(apps, schema_editor):
    using = schema_editor.connection.alias
    ensure_permissions(apps, using)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    roles = role_permissions(Permission, using)
    assert any(p.codename == RESTORE[1] for p in roles["Administrator"])
    for name, permissions in roles.items():
        group, _ = Group.objects.using(using).get_or_create(name=name)
        group.permissions.set(permissions)


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    names = ["Editor", "Publisher", "Confidential access", "Administrator"]
    Group.objects.using(schema_editor.connection.alias).filter(name__in=names).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("people", "0003_archiving"),
        ("organizations", "0002_archiving"),
        ("cases", "0008_publication_workflow"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
