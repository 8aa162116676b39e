"""Load the demo pledges and reports (after seed_demo's units and people; seed_demo
runs this command, then seed_pledge_feedback). See home/demo/pledges.py."""

from home.demo.pledges import PledgesDemo
from home.demo.seeding import DemoSeedCommand


class Command(DemoSeedCommand):
    help = "Create the demo pledges and reports (after seed_demo)."
    loader = PledgesDemo
