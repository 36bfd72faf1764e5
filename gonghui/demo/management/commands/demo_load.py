from django.core.management.base import BaseCommand

from gonghui.activities.demo import activities_demo_load
from gonghui.assistance.demo import assistance_demo_load
from gonghui.core.demo import figures_demo_load
from gonghui.demo.loader import demo_load, demo_loaded
from gonghui.honours.demo import honours_demo_load
from gonghui.jobfairs.demo import jobfairs_demo_load
from gonghui.meetings.demo import meetings_demo_load
from gonghui.members.demo import members_demo_load
from gonghui.mutualaid.demo import mutualaid_demo_load
from gonghui.portal.demo import portal_demo_load
from gonghui.services.demo import services_demo_load
from gonghui.targets.demo import targets_demo_load
from gonghui.training.demo import training_demo_load
from gonghui.units.tally import tally_rebuild


class Command(BaseCommand):
    help = "载入广东演示数据（已载入时不做任何改动）。"

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--grassroots", type=int, default=2000, help="基层工会数量（约）")
        parser.add_argument("--members", type=int, default=3000, help="会员人数")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        if demo_loaded():
            self.stdout.write("演示数据已存在，保留现有数据。")
            return
        self.stdout.write("正在载入广东演示数据……")
        demo_load(grassroots_target=options["grassroots"], progress=self.stdout.write)
        # Members go in through the real import (its own transaction), after the tree exists.
        members_demo_load(count=options["members"], progress=self.stdout.write)
        services_demo_load(progress=self.stdout.write)
        assistance_demo_load(progress=self.stdout.write)
        meetings_demo_load(progress=self.stdout.write)
        honours_demo_load(progress=self.stdout.write)
        targets_demo_load(progress=self.stdout.write)
        mutualaid_demo_load(progress=self.stdout.write)
        activities_demo_load(progress=self.stdout.write)
        training_demo_load(progress=self.stdout.write)
        jobfairs_demo_load(progress=self.stdout.write)
        portal_demo_load(progress=self.stdout.write)
        # Today's per-union tallies, so that the first "两个普遍" report is answered from them.
        tally_rebuild()
        # Last month's key figures (after the tallies they read), for the homes' change since then.
        figures_demo_load(progress=self.stdout.write)
        self.stdout.write(self.style.SUCCESS("演示数据载入完成。"))
