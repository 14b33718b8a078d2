"""The staff roles, as groups created by accounts/migrations/0001_roles.py.

Give a person one of Editor, Publisher or Administrator, plus Confidential access when
they need to see confidential records and fields. Superusers have every permission.
"""

EDITOR = "Editor"
PUBLISHER = "Publisher"
CONFIDENTIAL_ACCESS = "Confidential access"
ADMINISTRATOR = "Administrator"

ROLES = (EDITOR, PUBLISHER, CONFIDENTIAL_ACCESS, ADMINISTRATOR)
