"""Load the hotline's demo (after seed_demo's units and people; seed_demo runs
this command). See consultations/hotline/demo/loader.py."""

from consultations.hotline.demo.loader import HotlineDemo
from home.demo.seeding import DemoSeedCommand


class Command(DemoSeedCommand):
    help = "Create the demo 12319 hotline requests (after seed_demo)."
    loader = HotlineDemo
