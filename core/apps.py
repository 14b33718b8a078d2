from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Shared pieces"

    def ready(self):
        from core.public_version import install_triggers
        from core.shown import install_functions

        # Once per migrate (sent for each app; core's comes after every migration ran).
        post_migrate.connect(install_triggers, sender=self, dispatch_uid="public-version")
        post_migrate.connect(install_functions, sender=self, dispatch_uid="shown-functions")
