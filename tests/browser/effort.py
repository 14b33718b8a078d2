"""Counting what a task costs a person in the browser: page loads, clicks, typing, choices.

A test drives the page through an Effort instead of the page itself, so every click, typed
field and dropdown choice is counted where it happens; page loads and popup windows are
counted from the browser's own events, so none can be missed.
"""

from dataclasses import dataclass, field

from playwright.sync_api import Page


@dataclass
class Effort:
    page: Page
    page_loads: int = 0
    clicks: int = 0
    typed: int = 0
    choices: int = 0
    popups: int = 0
    steps: list[str] = field(default_factory=list)

    def __post_init__(self):
        self.page.on("load", self._loaded)
        self.page.context.on("page", self._popup)

    def _loaded(self, _page) -> None:
        self.page_loads += 1

    def _popup(self, _page) -> None:
        self.popups += 1

    def goto(self, url: str) -> None:
        """Opening an address (a bookmark or typed URL): counted as the page load it is."""
        self.page.goto(url)

    def click(self, locator) -> None:
        self.clicks += 1
        self.steps.append(f"click {locator}")
        locator.click()

    def type(self, locator, text: str) -> None:
        self.typed += 1
        locator.fill(text)

    def choose(self, locator, value: str | None = None, *, label: str | None = None) -> None:
        """A choice in a native dropdown: one, however the browser shows the list."""
        self.choices += 1
        if label is not None:
            locator.select_option(label=label)
        else:
            locator.select_option(value)

    def pick(self, widget, text: str, option_text: str) -> None:
        """An autocomplete (select2) choice: open it, type, pick the option. Counted as a
        native dropdown is (opening and choosing are one choice) plus the typing."""
        self.choices += 1
        widget.click()
        search = self.page.locator(".select2-container--open .select2-search__field")
        self.typed += 1
        search.fill(text)
        self.page.locator(".select2-results__option", has_text=option_text).first.click()

    def line(self, name: str) -> str:
        return (
            f"{name}: {self.page_loads} page loads, {self.clicks} clicks, {self.typed} typed "
            f"fields, {self.choices} choices, {self.popups} popups"
        )
