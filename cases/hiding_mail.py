"""The email that tells publishers something was taken off the public site."""

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cases.models import Hiding


def admin_url(hiding: Hiding) -> str:
    """The staff page of the hidden row (absolute when SITE_URL is set), or ""."""
    ct = hiding.content_type
    try:
        path = reverse(f"admin:{ct.app_label}_{ct.model}_change", args=[hiding.object_id])
    except NoReverseMatch:
        return ""
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def kind_of(hiding: Hiding) -> str:
    model = hiding.content_type.model_class()
    return str(model._meta.verbose_name) if model is not None else hiding.content_type.model


def loaded(hidings: list[Hiding]) -> list[Hiding]:
    """The hidings again, with what their messages name, in one query."""
    return list(
        Hiding.objects.select_related("hidden_by", "case", "content_type")
        .filter(pk__in=[h.pk for h in hidings])
        .order_by("pk")
    )


def message_for(hidings: list[Hiding]) -> tuple[str, str]:
    """(subject, body) of the message about `hidings` (made together, by one user,
    loaded()); no query."""
    paragraphs = [_paragraph(hiding) for hiding in hidings]
    if len(hidings) == 1:
        subject = _("Taken off the public site: %(what)s") % {"what": hidings[0].what}
    else:
        subject = ngettext(
            "Taken off the public site: %(count)d row",
            "Taken off the public site: %(count)d rows",
            len(hidings),
        ) % {"count": len(hidings)}
    return str(subject), "\n\n".join(paragraphs) + "\n"


def _paragraph(hiding: Hiding) -> str:
    who = hiding.hidden_by.get_username() if hiding.hidden_by else _("someone")
    values = {
        "what": hiding.what,
        "kind": kind_of(hiding),
        "how": hiding.get_how_display(),
        "who": who,
        "when": timezone.localtime(hiding.hidden_at).strftime("%Y-%m-%d %H:%M"),
    }
    whole_case = hiding.content_type.model == "case"
    gone = (
        _(
            "The case is withdrawn: it is gone from every public page, search, feed, export "
            "and the API, and goes through review again to come back."
        )
        if whole_case
        else _("It is gone from every public page, search, feed, export and the API.")
    )
    lines = [
        _("%(who)s took the %(kind)s “%(what)s” off the public site at %(when)s (%(how)s).")
        % values,
        gone,
    ]
    if hiding.case is not None and not whole_case:
        lines.append(_("Case: %(case)s") % {"case": hiding.case.title})
    lines.append(_("Reason: %(reason)s") % {"reason": hiding.reason or _("(none given)")})
    url = admin_url(hiding)
    if url:
        lines.append(_("Review it: %(url)s") % {"url": url})
    return "\n".join(str(line) for line in lines)
