"""Run by tests/replica/test_streaming_replica.py in a process of its own, with
DATABASE_URL (a primary) and REPLICA_DATABASE_URL (its streaming replica) set: walks
through public and staff reads with the replica current and lagging, and prints what
each request read from which database as one JSON object."""

import json
import time

import django

READ_TIMEOUT = 30  # seconds for the replica to replay what the primary committed


def main() -> None:
    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client's host name, outbox e-mail

    from django.contrib.auth import get_user_model
    from django.db import connections
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from cases.models import Case, PublicationState
    from cases.services import case_transition
    from config.db_router import replica_is_fresh

    def sql(alias: str, query: str):
        with connections[alias].cursor() as cursor:
            cursor.execute(query)
            return cursor.fetchone()[0]

    def wait_until_fresh() -> bool:
        deadline = time.monotonic() + READ_TIMEOUT
        while time.monotonic() < deadline:
            if replica_is_fresh():
                return True
            time.sleep(0.05)
        return False

    def served(client, url: str, **headers) -> dict:
        """The answer, and how many queries each database ran for the page itself (not
        counting reads of the public version, the freshness check's and validators')."""
        with (
            CaptureQueriesContext(connections["default"]) as primary,
            CaptureQueriesContext(connections["replica"]) as replica,
        ):
            response = client.get(url, headers=headers)
            # A streamed body runs its queries as it is read, as the server would.
            content = b"".join(response.streaming_content) if response.streaming else None

        def reads(captured):
            return sum("core_public_version" not in query["sql"] for query in captured)

        return {
            "status": response.status_code,
            "body": (response.content if content is None else content).decode(errors="replace"),
            "primary": reads(primary),
            "replica": reads(replica),
            "replica_total": len(replica),
            "etag": response.get("ETag"),
        }

    result = {}
    result["in_recovery"] = {
        alias: sql(alias, "SELECT pg_is_in_recovery()") for alias in ("default", "replica")
    }
    case = Case.objects.create(
        title="Uzbek asylum seekers in Almaty",
        slug="almaty",
        summary="Twenty-nine men held in Almaty.",
        publication_state=PublicationState.PUBLISHED,
        host_country="KZ",
        origin_country="UZ",
    )
    lead = get_user_model().objects.create_superuser("lead", "lead@example.org", None)
    result["caught_up"] = wait_until_fresh()

    timings = []
    for _ in range(200):
        began = time.perf_counter()
        replica_is_fresh()
        timings.append(time.perf_counter() - began)
    result["freshness_check_ms"] = round(sorted(timings)[len(timings) // 2] * 1000, 3)

    public = Client()
    page, api = case.get_absolute_url(), f"/api/cases/{case.slug}/"
    result["public_page"] = served(public, page)
    result["public_api"] = served(public, api)
    result["public_export"] = served(public, "/cases/export.csv")
    tag = result["public_page"]["etag"]
    result["revalidated"] = served(public, page, if_none_match=tag)

    staff = Client()
    staff.force_login(lead)
    device = TOTPDevice.objects.create(user=lead, name="probe", confirmed=True)
    session = staff.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    result["staff_page"] = served(staff, page)

    # The replica stops replaying: from now on it lags behind every commit.
    sql("replica", "SELECT pg_wal_replay_pause()")
    deadline = time.monotonic() + READ_TIMEOUT
    while sql("replica", "SELECT pg_get_wal_replay_pause_state()") != "paused":
        assert time.monotonic() < deadline, "replay did not pause"
        time.sleep(0.05)

    # A write the public never sees moves the WAL, not the public version.
    get_user_model().objects.create_user("reader", "reader@example.org", None)
    result["paused_private_write"] = served(public, page)

    case.title = "Uzbek asylum seekers held in Almaty"
    case.save()
    result["staff_own_change"] = served(staff, f"/admin/cases/case/{case.pk}/change/")

    case_transition(case=case, to_state=PublicationState.WITHDRAWN, user=lead)
    result["replica_still_shows"] = (
        Case.objects.using("replica").public().filter(pk=case.pk).exists()
    )
    result["lagging_page"] = served(public, page)
    result["lagging_api"] = served(public, api)
    result["lagging_revalidated"] = served(public, page, if_none_match=tag)

    sql("replica", "SELECT pg_wal_replay_resume()")
    result["caught_up_again"] = wait_until_fresh()
    result["replica_still_shows_after"] = (
        Case.objects.using("replica").public().filter(pk=case.pk).exists()
    )
    result["caught_up_page"] = served(public, page)

    for answer in result.values():
        if isinstance(answer, dict) and "body" in answer:
            body = answer.pop("body")
            answer["shows_first_title"] = "seekers in Almaty" in body
            answer["shows_new_title"] = "seekers held in Almaty" in body
    print(json.dumps(result))


if __name__ == "__main__":
    main()
