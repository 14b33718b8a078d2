"""Trigger-written history of every row of people, organizations and cases.

Each tracked model gets a proxy here, so that the triggers' migrations live in this app
rather than in the apps that own the tables, and an event model: one row per insert,
update and delete, written by PostgreSQL triggers whatever wrote the data (admin,
QuerySet.update, bulk_create, raw SQL). The context of the change (the user and URL of
the request, or the management command) is copied into the event row, which no one may
update or delete (migration 0002).

When a tracked model changes, run `makemigrations history` too: its event model mirrors it.
A RemoveField there would drop that field's history: keep the column (state-only removal,
made nullable) unless dropping the history is intended.
"""

import pghistory
from django.db import models
from django.db.models.fields.json import KeyTransform

from cases.models import (
    RECORD_MODELS,
    Acknowledgement,
    Case,
    CaseSource,
    CaseSubject,
    ChangeProposal,
    Hiding,
    Source,
)
from organizations.models import Affiliation, Organization
from people.models import ContactDetail, NameVariant, Person, Relation

TRACKED_MODELS = (
    Person,
    NameVariant,
    Relation,
    ContactDetail,
    Organization,
    Affiliation,
    Case,
    CaseSubject,
    CaseSource,
    Source,
    *RECORD_MODELS,
    # What a publisher let through on a case's checklist (cases/checklist.py).
    Acknowledgement,
    # What was taken off the public site at once, by whom and why (cases/hiding.py).
    Hiding,
    # Each proposed change, its approval or sending back, with users, comment and diff.
    ChangeProposal,
)
# Columns kept out of the history: a proposal's submitted form holds whatever its author
# could see (confidential fields included), and its diff is what the history shows.
EXCLUDED = {ChangeProposal: ["data"]}
# The many-to-many links of every record: which people it concerns, which sources it cites.
TRACKED_LINKS = tuple(
    getattr(record, name).through for record in RECORD_MODELS for name in ("people", "sources")
)

# Tracked model (concrete, e.g. people.Person or cases.Detention_people) → its event model.
EVENT_MODELS: dict[type[models.Model], type[pghistory.models.Event]] = {}


def _class_name(model) -> str:
    """Detention_people → DetentionPeople."""
    return "".join(part[:1].upper() + part[1:] for part in model._meta.object_name.split("_"))


# The staff home's "My drafts" starts from the acting user's own case events
# (config/staff_home.py), not from every draft.
EVENT_INDEXES = {
    Case: [models.Index(KeyTransform("user", "pgh_context"), name="history_caseevent_user")]
}


def _track(model):
    name = _class_name(model)
    proxy = type(
        f"Tracked{name}",
        (model,),
        {
            "__module__": __name__,
            "Meta": type("Meta", (), {"proxy": True, "default_permissions": ()}),
        },
    )
    globals()[proxy.__name__] = proxy
    is_link = bool(model._meta.auto_created)
    event_model = pghistory.create_event_model(
        proxy,
        pghistory.InsertEvent(),
        # Saving without changing anything but the updated_at stamp is no event.
        pghistory.UpdateEvent(condition=pghistory.AnyChange(exclude_auto=True)),
        pghistory.DeleteEvent(),
        # Generated columns (search keys) are derived from tracked ones.
        exclude=[
            *(f.name for f in model._meta.fields if isinstance(f, models.GeneratedField)),
            *EXCLUDED.get(model, ()),
        ],
        # Django allows no foreign key to an auto-created through model.
        obj_field=None if is_link else pghistory.ObjForeignKey(related_name="+"),
        # The context is copied into each (protected) event row, not shared in a table.
        context_field=pghistory.ContextJSONField(),
        model_name=f"{name}Event",
        app_label="history",
        meta={"default_permissions": (), "indexes": EVENT_INDEXES.get(model, [])},
        abstract=False,
    )
    EVENT_MODELS[model] = event_model


for _model in (*TRACKED_MODELS, *TRACKED_LINKS):
    _track(_model)
