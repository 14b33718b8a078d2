"""Synthetic cases with the model case's shape, bulk-loaded in chunks of bounded memory.

Each case has 1-4 people (name variants in Cyrillic and Latin, by several transliteration
conventions), 5-15 records of every kind, statements by a pool of organizations, and
1-3 sources cited by its records. Every visibility and publication state occurs.
Triggers are switched off while loading (session_replication_role = replica, which needs
a superuser, as the project-local cluster is) and the search documents are built after.
"""

import datetime
import multiprocessing
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from django.db import connection, connections, transaction

from bench import names, texts
from cases.models import (
    Appeal,
    AsylumDecision,
    Case,
    CaseSubject,
    Detention,
    Event,
    Extradition,
    Source,
    Statement,
)
from core.models import DatePrecision
from organizations.models import Organization
from people.models import NameVariant, Person

CHUNK = 1000
GENERATION_FILE = Path(__file__).resolve().parent / "generation.json"
REFRESH_BATCH = 2000
STATES = (("published", 70), ("draft", 10), ("in_review", 10), ("withdrawn", 5), ("archived", 5))
VISIBILITIES = (("public", 80), ("internal", 15), ("confidential", 5))
STATUSES = ("at_risk", "detained", "extradited", "released", "protected", "disappeared")
NGOS = [
    ("Human Rights Watch", "HRW"), ("Amnesty International", "AI"),
    ("International Federation for Human Rights", "FIDH"), ("ACAT-France", "ACAT"),
    ("Association for Human Rights in Central Asia", "AHRCA"), ("Memorial", ""),
    ("Civic Assistance Committee", ""), ("Norwegian Helsinki Committee", "NHC"),
]  # fmt: skip


def pick(rng, weighted):
    return rng.choices([v for v, _ in weighted], [w for _, w in weighted])[0]


def day(rng, start: datetime.date, max_days: int) -> datetime.date:
    return start + datetime.timedelta(days=rng.randrange(max_days))


def precision(rng) -> str:
    return rng.choices(
        [DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR, DatePrecision.APPROXIMATE],
        [80, 12, 6, 2],
    )[0]


@dataclass
class Pools:
    ngos: list
    courts: dict
    authorities: dict


def make_organizations(prefix: str) -> None:
    orgs = [
        Organization(name=name, acronym=acronym, slug=f"{prefix}ngo-{i}", kind="ngo",
                     visibility="public")
        for i, (name, acronym) in enumerate(NGOS)
    ]  # fmt: skip
    for country, cities in texts.CITIES.items():
        for city in cities:
            orgs.append(
                Organization(
                    name=f"{city} City Court",
                    slug=f"{prefix}court-{city}".lower().replace(" ", "-"),
                    kind="court",
                    country=country,
                    visibility="public",
                )
            )
            orgs.append(Organization(name=f"{city} migration service", kind="migration_authority",
                        slug=f"{prefix}migration-{city}".lower().replace(" ", "-"),
                        country=country, visibility="public"))  # fmt: skip
    Organization.objects.bulk_create(orgs)


def load_pools(prefix: str) -> Pools:
    orgs = list(Organization.objects.filter(slug__startswith=prefix).order_by("pk"))
    courts = {o.country: [] for o in orgs if o.country}
    authorities = {o.country: [] for o in orgs if o.country}
    for org in orgs:
        if org.kind == "court":
            courts[org.country].append(org)
        elif org.kind == "migration_authority":
            authorities[org.country].append(org)
    return Pools([o for o in orgs if o.kind == "ngo"], courts, authorities)


class ChunkBuilder:
    """Objects of one chunk of cases, then bulk-created table by table."""

    def __init__(self, rng: random.Random, pools: Pools, prefix: str):
        self.rng, self.pools, self.prefix = rng, pools, prefix
        self.people, self.variants, self.cases, self.subjects, self.sources = [], [], [], [], []
        self.records = {
            m: [] for m in (Detention, AsylumDecision, Appeal, Extradition, Statement, Event)
        }
        self.links = []  # (record, [people], [sources])

    def case(self, number: int) -> None:
        rng = self.rng
        host = rng.choice(list(texts.CITIES))
        city = rng.choice(texts.CITIES[host])
        origin = rng.choice(texts.ORIGINS)
        state = pick(rng, STATES)
        lang = texts.language(rng)
        start = datetime.date(2005, 1, 1) + datetime.timedelta(days=rng.randrange(7000))
        people = [self.person(number, i) for i in range(rng.choice((1, 1, 2, 2, 3, 4)))]
        first = people[0][1]
        shown = (
            first
            if lang in ("ru", "kk")
            else names.transliterate(first, rng.choice(names.MATCHABLE))
        )
        case = Case(
            title=f"{shown}: {rng.choice(['detention', 'extradition', 'asylum'])} in {city}",
            slug=f"{self.prefix}case-{number}",
            summary=texts.summary(rng, lang, shown, city, origin),
            internal_notes="Synthetic case for benchmarks.",
            status=rng.choice(STATUSES), host_country=host, origin_country=origin,
            people_count=rng.choice((1, 1, 2, 3, 5, 12, 29)),
            charges=rng.choice(texts.CHARGES), tags=rng.sample(texts.CHARGES, 2),
            publication_state="published" if state == "archived" else state,
        )  # fmt: skip
        if state == "archived":
            case.archived_at = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
        self.cases.append(case)
        for person, _ in people:
            self.subjects.append((case, person, rng.choice(["detainee", "asylum_seeker"])))
        sources = [self.source(case, start, lang) for _ in range(rng.randint(1, 3))]
        for _ in range(rng.randint(5, 15)):
            self.record(case, host, origin, start, [p for p, _ in people], sources)

    def person(self, number: int, index: int):
        rng = self.rng
        sex = "female" if rng.random() < 0.2 else "male"
        cyrillic = names.person_name(rng, sex)
        conventions = rng.sample(names.MATCHABLE, 2)
        display = names.transliterate(cyrillic, conventions[0])
        person = Person(display_name=display, slug=f"{self.prefix}p-{number}-{index}", sex=sex,
                        visibility=pick(rng, VISIBILITIES))  # fmt: skip
        self.people.append(person)
        self.variants.append(
            NameVariant(
                person=person,
                text=cyrillic,
                script="cyrillic",
                kind="official",
                language="ru",
                visibility="public",
            )
        )
        other = names.transliterate(cyrillic, conventions[1])
        if other != display:
            self.variants.append(
                NameVariant(
                    person=person,
                    text=other,
                    script="latin",
                    kind="transliteration",
                    visibility="public",
                )
            )
        return person, cyrillic

    def source(self, case, start, lang):
        source = Source(
            title=f"{case.title} – report", url=f"https://example.org/{case.slug}/{len(self.sources)}",
            published_on=day(self.rng, start, 900), language=lang,
            visibility=pick(self.rng, VISIBILITIES),
        )  # fmt: skip
        self.sources.append(source)
        return source

    def record(self, case, host, origin, start, people, sources):
        rng = self.rng
        model = rng.choice(list(self.records))
        when = day(rng, start, 1500)
        common = {"case": case, "visibility": pick(rng, VISIBILITIES),
                  "summary": rng.choice(texts.SUMMARIES["en"]).format(
                      name="the applicant", city=case.title.split(" in ")[-1],
                      origin=texts.ORIGIN_NAMES[origin][0], origin_ru="", term="extradition",
                      charge=case.charges)}  # fmt: skip
        courts, authorities = self.pools.courts[host], self.pools.authorities[host]
        if model is Detention:
            record = Detention(
                started_on=when,
                started_on_precision=precision(rng),
                place=f"pre-trial detention centre of {host}",
                **common,
            )
        elif model is AsylumDecision:
            record = AsylumDecision(
                authority=rng.choice(authorities),
                decided_on=when,
                outcome=rng.choice(["refused", "granted", "refused"]),
                **common,
            )
        elif model is Appeal:
            record = Appeal(
                body=rng.choice(courts),
                level="domestic_court",
                filed_on=when,
                decided_on=when + datetime.timedelta(days=30),
                outcome=rng.choice(["rejected", "upheld"]),
                **common,
            )
        elif model is Extradition:
            record = Extradition(
                from_country=host,
                to_country=origin,
                requesting_state=origin,
                ordered_on=when,
                status="ordered",
                charges=case.charges,
                **common,
            )
        elif model is Statement:
            record = Statement(
                organization=rng.choice(self.pools.ngos),
                made_on=when,
                quote="They must not be sent back to torture.",
                language="en",
                **common,
            )
        else:
            record = Event(kind=rng.choice(["protest", "hearing", "arrest"]), started_on=when,
                           title=rng.choice(["Protest by relatives", "Court hearing", "Raid"]),
                           **common)  # fmt: skip
        self.records[model].append(record)
        self.links.append((record, rng.sample(people, min(len(people), 2)), rng.sample(sources, 1)))

    def save(self) -> int:
        Person.objects.bulk_create(self.people)
        NameVariant.objects.bulk_create(self.variants)
        Case.objects.bulk_create(self.cases)
        CaseSubject.objects.bulk_create(
            CaseSubject(case=c, person=p, role=r, visibility=pick(self.rng, VISIBILITIES))
            for c, p, r in self.subjects
        )
        Source.objects.bulk_create(self.sources)
        for model, rows in self.records.items():
            model.objects.bulk_create(rows)
        through_rows = {}
        for record, people, sources in self.links:
            model = type(record)
            for field, related in (("people", people), ("sources", sources)):
                through = getattr(model, field).through
                own, other = (
                    f"{model._meta.model_name}_id",
                    f"{'person' if field == 'people' else 'source'}_id",
                )
                through_rows.setdefault(through, []).extend(
                    through(**{own: record.pk, other: obj.pk}) for obj in related
                )
        for through, rows in through_rows.items():
            through.objects.bulk_create(rows)
        return len(self.cases)


def generate(cases: int, seed: int, prefix: str = "gen-", out=sys.stderr, workers: int = 1) -> dict:
    """Load `cases` cases, split between `workers` processes (each its own part, seed and
    transaction), then build their search documents the same way."""
    started = time.monotonic()
    with transaction.atomic():
        make_organizations(prefix)
    bounds = [cases * part // workers for part in range(workers + 1)]
    verbose = out is not None  # forked processes write to their own stderr
    parts = [(bounds[i], bounds[i + 1], seed + i, prefix, verbose) for i in range(workers)]
    _in_processes(_load_part, parts)
    loaded = time.monotonic() - started
    with connection.cursor() as cursor:
        # Without statistics on the freshly loaded tables, the refresh's plans scan whole
        # tables for each batch (minutes per batch at a million cases).
        cursor.execute("ANALYZE")
    ids = list(Case.objects.public().values_list("pk", flat=True).order_by("pk"))
    shares = [(ids[i::workers], verbose) for i in range(workers)]
    _in_processes(refresh_search_documents, shares)
    with connection.cursor() as cursor:
        # VACUUM sets the visibility map, so deep-page scans can read the index only (it
        # cannot run inside a transaction, as under pytest).
        cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
    return {
        "cases": cases, "workers": workers, "load_seconds": loaded,
        "total_seconds": time.monotonic() - started,
    }  # fmt: skip


def _in_processes(function, argument_lists: list[tuple]) -> None:
    """Run function over each argument list: here if there is one, else in forked processes
    with their own database connections."""
    if len(argument_lists) == 1:
        function(*argument_lists[0])
        return
    connections.close_all()  # a forked child must not share the parent's connection
    with multiprocessing.get_context("fork").Pool(len(argument_lists)) as pool:
        pool.starmap(function, argument_lists)


def _load_part(first: int, end: int, seed: int, prefix: str, verbose: bool) -> None:
    rng = random.Random(seed)
    started = time.monotonic()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        pools = load_pools(prefix)
        done = first
        while done < end:
            builder = ChunkBuilder(rng, pools, prefix)
            for number in range(done, min(end, done + CHUNK)):
                builder.case(number)
            done += builder.save()
            rate = (done - first) / (time.monotonic() - started)
            if verbose:
                print(f"  {done - first:,}/{end - first:,} cases loaded ({rate:,.0f}/s)",
                      file=sys.stderr, flush=True)  # fmt: skip


def refresh_search_documents(ids: list[int], verbose: bool = True) -> None:
    """Build the search documents the triggers did not build during the load."""
    for start in range(0, len(ids), REFRESH_BATCH):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT case_search_refresh(%s)", [ids[start : start + REFRESH_BATCH]])
        if verbose:
            done = min(start + REFRESH_BATCH, len(ids))
            print(f"  search documents: {done:,}/{len(ids):,}", file=sys.stderr, flush=True)
