from .outbox import OutboundEmail
from .pages import HomePage, StandardPage
from .site_settings import SiteSettings
from .units import District, Unit, UnitMembership
from .users import User

__all__ = [
    "District",
    "HomePage",
    "OutboundEmail",
    "SiteSettings",
    "StandardPage",
    "Unit",
    "UnitMembership",
    "User",
]
