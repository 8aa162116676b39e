"""Load the demo rewards, points ledger, redemptions and certificates (after
seed_volunteers and its service records; seed_demo runs this command). See
volunteers/demo/points.py."""

from home.demo.seeding import DemoSeedCommand
from volunteers.demo.points import PointsDemo


class Command(DemoSeedCommand):
    help = "Create the demo rewards, points ledger, redemptions and certificates."
    loader = PointsDemo
