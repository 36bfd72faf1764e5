from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "gonghui.members"
    label = "members"
    verbose_name = "会员"

    def ready(self) -> None:
        from gonghui.orgs.signals import org_merged

        from . import jobs  # noqa: F401  (registers the import job handler)
        from .receivers import on_org_merged

        org_merged.connect(on_org_merged, dispatch_uid="members.follow_merge")
