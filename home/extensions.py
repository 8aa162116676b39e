"""Where the feature apps plug into the shared core's pages.

``home`` never imports ``consultations`` or ``volunteers``. Where one of its pages
shows what a feature app knows — a unit profile's answer rate and volunteer
hours, the residents' feedback under a pledge — the feature app registers a
provider here from its ``AppConfig.ready()``, and the page asks the registry.

A person's workspace (/me/) asks the same way for each role's queues and tools
(``register_workspace_panels``): a provider there returns a list of
``WorkspacePanel``.

A provider is a plain function returning a dict that is merged into the page's
context; it reads through the app's selectors and never receives ``request``
(it gets the viewing user instead).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

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


# The person's workspace (/me/) ----------------------------------------------------


@dataclass
class WorkspaceLink:
    """One tool or queue on the workspace: where it is and, for a queue, how many
    items wait there (the same count as the list it opens)."""

    label: str
    url: str
    count: int | None = None
    # Shown under the link's unit heading; None for a link across units.
    unit: object = None
    # A short explanation after the count ("overdue" …), optional.
    note: str = ""
    # The badge tone of a non-zero count (info, warning, danger).
    tone: str = "info"


@dataclass
class WorkspacePanel:
    """One role's queues and tools. Panels with the same ``key`` from several
    providers are merged (their links joined), so that a role's panel can hold
    both the shared core's tools and a feature app's."""

    key: str
    title: str
    order: int = 100
    links: list[WorkspaceLink] = field(default_factory=list)
    # An extra include after the links (the organisers' shifts) and its context.
    template: str = ""
    context: dict = field(default_factory=dict)

    @property
    def general_links(self) -> list[WorkspaceLink]:
        return [link for link in self.links if link.unit is None]

    @property
    def unit_groups(self) -> list[tuple[object, list[WorkspaceLink]]]:
        groups: dict = {}
        for link in self.links:
            if link.unit is not None:
                groups.setdefault(link.unit, []).append(link)
        return sorted(groups.items(), key=lambda item: str(item[0]))


WorkspacePanelsProvider = Callable[..., list]  # (*, user, memberships) -> panels
_workspace_panels: list[WorkspacePanelsProvider] = []


def register_workspace_panels(
    provider: WorkspacePanelsProvider,
) -> WorkspacePanelsProvider:
    """Add panels to a person's workspace (``provider(user=..., memberships=...)``
    returning a list of ``WorkspacePanel``; ``memberships`` is the list of the
    person's ``UnitMembership`` rows with their units). A provider returns nothing
    for a person without the power it serves, and runs a fixed number of queries."""
    if provider not in _workspace_panels:
        _workspace_panels.append(provider)
    return provider


def workspace_panels(*, user, memberships) -> list[WorkspacePanel]:
    """Every provider's panels, merged by key, in their order."""
    merged: dict[str, WorkspacePanel] = {}
    for provider in _workspace_panels:
        for panel in provider(user=user, memberships=memberships):
            existing = merged.get(panel.key)
            if existing is None:
                merged[panel.key] = panel
                continue
            existing.links.extend(panel.links)
            existing.order = min(existing.order, panel.order)
            if panel.template and not existing.template:
                existing.template, existing.context = panel.template, panel.context
    return sorted(merged.values(), key=lambda panel: panel.order)
