"""Where the feature apps plug into the shared core's pages.

``home`` never imports ``consultations`` or ``volunteers``. Where one of its pages
shows what a feature app knows — a unit profile's answer rate and volunteer
hours, the residents' feedback under a pledge — the feature app registers a
provider here from its ``AppConfig.ready()``, and the page asks the registry.

A provider is a plain function returning a dict that is merged into the page's
context; it reads through the app's selectors and never receives ``request``
(it gets the viewing user instead).
"""

from collections.abc import Callable

UnitFiguresProvider = Callable[..., dict]  # (*, unit) -> dict
PledgeContextProvider = Callable[..., dict]  # (*, pledge, items, viewer) -> dict

_unit_figures: list[UnitFiguresProvider] = []
_pledge_context: list[PledgeContextProvider] = []


def register_unit_figures(provider: UnitFiguresProvider) -> UnitFiguresProvider:
    """Add figures to every unit's public profile (``provider(unit=...)``)."""
    if provider not in _unit_figures:
        _unit_figures.append(provider)
    return provider


def register_pledge_context(provider: PledgeContextProvider) -> PledgeContextProvider:
    """Add to a published pledge page's context
    (``provider(pledge=..., items=..., viewer=...)``)."""
    if provider not in _pledge_context:
        _pledge_context.append(provider)
    return provider


def unit_figures(*, unit) -> dict:
    figures: dict = {}
    for provider in _unit_figures:
        figures.update(provider(unit=unit))
    return figures


def pledge_context(*, pledge, items, viewer) -> dict:
    context: dict = {}
    for provider in _pledge_context:
        context.update(provider(pledge=pledge, items=items, viewer=viewer))
    return context
