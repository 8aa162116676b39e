"""Load the demo volunteering content (after seed_demo's units and people;
seed_demo runs this command). See volunteers/demo/loader.py."""

from home.demo.seeding import DemoSeedCommand
from volunteers.demo.loader import VolunteersDemo


class Command(DemoSeedCommand):
    help = "Create or update the demo volunteering content (after seed_demo)."
    loader = VolunteersDemo
