"""What waits for an editor or moderator, on the Wagtail admin's dashboard (/cms/).

Each app's wagtail_hooks.py adds a WaitingPanel through Wagtail's
`construct_homepage_panels` hook, with the items the signed-in person may act on
(a label, a count and the list where she acts); an item counting nothing is
left out. A panel with items she may act on but nothing waiting says so, rather
than leave her an empty dashboard; a panel with none she may act on is not shown."""

from dataclasses import dataclass

from laces.components import Component


@dataclass(frozen=True)
class Waiting:
    label: str
    count: int
    url: str


class WaitingPanel(Component):
    template_name = "admin_home/waiting_panel.html"
    # Before Wagtail's own panels (its workflow panels start at 210).
    order = 90

    def __init__(self, name, heading, items):
        self.name = name
        self.heading = heading
        items = list(items)
        self.permitted = bool(items)
        self.items = [item for item in items if item.count]

    def render_html(self, parent_context=None):
        return super().render_html(parent_context) if self.permitted else ""

    def get_context_data(self, parent_context=None):
        return {"panel": self}
