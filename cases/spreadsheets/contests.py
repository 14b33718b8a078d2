"""Appeals name the decision or extradition order they contest by that record's own key.

contests_decision_authority / _kind / _decided_on pick an asylum decision of the same
case, contests_extradition_from / _to / _ordered_on an extradition; the filled columns
must match exactly one record. Empty columns leave the appeal contesting nothing.
"""

from cases.models import AsylumDecision, AsylumKind, Extradition
from cases.spreadsheets import values as v
from cases.spreadsheets.columns import Column
from cases.spreadsheets.kinds import Kind


class ContestColumn(Column):
    """One part of the key of the contested record; it fills no field by itself."""

    def __init__(self, name, relation: str, lookup: str, parse, export):
        super().__init__(name, relation)
        self.relation, self.lookup = relation, lookup
        self._parse, self._export = parse, export

    def bind(self, model) -> None:
        self.model = model
        self.field = model._meta.get_field(self.relation)
        self.target = self.field.related_model

    def parse(self, cell):
        return self._parse(cell)

    def assign(self, instance, value, resolver, existing) -> None:
        pass  # AppealKind.finish() sets the relation from all its parts

    def filled(self, value) -> bool:
        return bool(value[0] if isinstance(value, tuple) else value)

    def filter_value(self, value):
        return value[0] if isinstance(value, tuple) else value

    def export(self, instance, reveal):
        related = getattr(instance, self.relation)
        if related is None or (not reveal and related.visibility == "confidential"):
            return ""
        return self._export(related)


def _kind(cell):
    lookup = v.choice_lookup(AsylumKind.choices)
    return v.parse_choice(cell, lookup, "kind of asylum decision")


def _date_of(name):
    return lambda record: v.format_date(getattr(record, name), getattr(record, f"{name}_precision"))


def contest_columns() -> list[Column]:
    decision, extradition = "contests_decision", "contests_extradition"
    return [
        ContestColumn(
            f"{decision}_authority",
            decision,
            "authority__slug",
            v.text,
            lambda d: d.authority.slug,
        ),
        ContestColumn(f"{decision}_kind", decision, "kind", _kind, lambda d: d.kind),
        ContestColumn(
            f"{decision}_decided_on", decision, "decided_on", v.parse_date, _date_of("decided_on")
        ),
        ContestColumn(
            f"{extradition}_from",
            extradition,
            "from_country",
            v.parse_country,
            lambda e: str(e.from_country),
        ),
        ContestColumn(
            f"{extradition}_to",
            extradition,
            "to_country",
            v.parse_country,
            lambda e: str(e.to_country),
        ),
        ContestColumn(
            f"{extradition}_ordered_on",
            extradition,
            "ordered_on",
            v.parse_date,
            _date_of("ordered_on"),
        ),
    ]


class AppealKind(Kind):
    RELATIONS = (("contests_decision", AsylumDecision), ("contests_extradition", Extradition))

    def finish(self, instance, values, cells, resolver, existing):
        problems = {}
        for relation, model in self.RELATIONS:
            columns = [
                c
                for c in self.columns
                if isinstance(c, ContestColumn) and c.relation == relation and c.name in values
            ]
            if not columns or instance.case_id is None:
                continue
            filled = [c for c in columns if c.filled(values[c.name])]
            if not filled:
                current = getattr(instance, f"{relation}_id")
                if not (existing and resolver.hidden(model, [current])):
                    setattr(instance, relation, None)
                continue
            filters = {c.lookup: c.filter_value(values[c.name]) for c in filled}
            found = self._contested(resolver, model, instance.case_id, filters)
            said = ", ".join(f"{c.name} {cells.get(c.name)}" for c in filled)
            if len(found) == 1:
                setattr(instance, relation, found[0])
            elif not found:
                problems[filled[0].name] = (
                    f"no {model._meta.verbose_name} of this case matches ({said}); "
                    f"import {model._meta.verbose_name_plural} first, or check the values"
                )
            else:
                problems[filled[0].name] = (
                    f"several {model._meta.verbose_name_plural} of this case match ({said}); "
                    "fill in more of the contests columns to say which"
                )
        return problems

    def _contested(self, resolver, model, case_id, filters) -> list:
        cache = resolver.ids.setdefault(("contested", model), {})
        key = (case_id, tuple(sorted(filters.items())))
        if key not in cache:
            queryset = model.objects.filter(case_id=case_id, **filters).select_related("case")
            cache[key] = list(resolver.visible(queryset)[:2])
        return cache[key]
