"""Load residents' feedback on the demo pledges, with the units' replies (after
seed_pledges; seed_demo runs this command). See
consultations/demo/pledge_feedback.py."""

from consultations.demo.pledge_feedback import PledgeFeedbackDemo
from home.demo.seeding import DemoSeedCommand


class Command(DemoSeedCommand):
    help = "Create residents' feedback on the demo pledges (after seed_pledges)."
    loader = PledgeFeedbackDemo
