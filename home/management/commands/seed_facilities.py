"""Load the demo open facilities and their bookings (after seed_demo's units and
people; seed_demo runs this command). See home/demo/facilities.py."""

from home.demo.facilities import FacilitiesDemo
from home.demo.seeding import DemoSeedCommand


class Command(DemoSeedCommand):
    help = "Create or update the demo open facilities and bookings (after seed_demo)."
    loader = FacilitiesDemo
