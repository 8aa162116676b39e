"""Load the demo consultations (after seed_demo's units and people; seed_demo runs
this command). See consultations/demo/loader.py."""

from consultations.demo.loader import ConsultationsDemo
from home.demo.seeding import DemoSeedCommand


class Command(DemoSeedCommand):
    help = "Create or update the demo consultations (after seed_demo)."
    loader = ConsultationsDemo
