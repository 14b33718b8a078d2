"""A change to published data that waits for a publisher (cases/proposals.py)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from .case import Case


class ProposalState(models.TextChoices):
    OPEN = "open", _("Waiting for review")
    APPROVED = "approved", _("Approved")
    SENT_BACK = "sent_back", _("Sent back")
    SUPERSEDED = "superseded", _("Superseded")


class ChangeProposal(models.Model):
    """One staff member's save of a page (a case, a person, an organization) whose public
    part changed, kept here instead of in the live tables until a publisher approves it.

    `data` is the page's POST as submitted, replayed through the same admin forms on
    approval; its hidden row_state fields are the optimistic-lock tokens of every row it
    touches (core.locking), so a base changed meanwhile refuses the approval with what
    changed. `diff` lists the public fields it changes, computed when it was proposed.
    """

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("kind"), on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("row"))
    # The case itself for a case page, so a case's proposals are one index read away.
    case = models.ForeignKey(
        Case,
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="proposals",
    )
    object_repr = models.CharField(_("changed"), max_length=300)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last edited at"), auto_now=True)
    state = models.CharField(
        _("state"), max_length=12, choices=ProposalState.choices, default=ProposalState.OPEN
    )
    data = models.JSONField(_("submitted form"), default=dict)
    diff = models.JSONField(_("public changes"), default=list)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_comment = models.TextField(_("comment"), blank=True)

    objects = models.Manager()

    PUBLIC_FIELDS = ()
    INTERNAL_FIELDS = (
        "id", "content_type", "object_id", "case", "object_repr", "proposed_by", "created_at",
        "updated_at", "state", "data", "diff", "reviewed_by", "reviewed_at", "review_comment",
    )  # fmt: skip
    CONFIDENTIAL_FIELDS = ()

    class Meta:
        verbose_name_plural = _("change proposals")
        ordering = ["created_at", "id"]
        verbose_name = _("proposed change")
        # Written by cases.proposals only, never through a model admin.
        default_permissions = ()
        constraints = [
            # The editor editing again edits their open proposal.
            models.UniqueConstraint(
                fields=["content_type", "object_id", "proposed_by"],
                condition=models.Q(state="open"),
                name="changeproposal_one_open_per_editor",
            )
        ]
        indexes = [
            # The review queue, the longest-waiting first.
            models.Index(
                fields=["created_at", "id"],
                name="changeproposal_queue",
                condition=models.Q(state="open"),
            ),
            models.Index(fields=["content_type", "object_id"], name="changeproposal_target"),
        ]

    def __str__(self):
        return str(self.object_repr)

    @property
    def is_open(self) -> bool:
        return self.state == ProposalState.OPEN
