"""Hand-written news texts for the dedupe tests: one story, its copies, and another story on the same topic."""

STORY = """Wind farm approved off the northern coast

The government approved on Wednesday the construction of a 1.2 gigawatt wind farm off the northern coast, the largest renewable energy project in the country so far.

The project, led by a consortium of two utilities and a pension fund, will have 80 turbines and is expected to supply power to about one million homes from 2028.

Fishermen's associations had opposed the plan, saying it would close traditional fishing grounds. The ministry said compensation would be paid to affected crews and that shipping lanes would remain open.

Construction of the foundations is due to start next spring. The consortium said it would hire about 600 workers during the building phase, most of them from the coastal towns.

Environmental groups welcomed the decision but asked the government to speed up grid connections, which they said remained the main bottleneck for new projects.
"""

SAME_STORY_OTHER_WRITER = """Coastal wind project gets green light

Ministers gave the go-ahead on Wednesday for a large offshore wind park in the north, the biggest clean-power scheme yet.

Eighty turbines will be built by a group of utilities backed by a pension fund, and they should power roughly a million households by 2028.

Local fishing crews fought the project, arguing it would cost them their best grounds; the government promised payments and said ships could still pass.

Work at sea begins next year, with hundreds of jobs expected in nearby ports. Green groups said the real problem was still the slow connection of new plants to the grid.
"""


def with_junk(text: str, junk: str) -> str:
    return text + "\n" + junk


def syndicated(text: str) -> str:
    """The same story with another headline, a dateline and an editor's note."""
    body = text.split("\n", 2)[2]
    return (
        "Government backs giant offshore wind farm\n\nOSLO (Wire) - "
        + body
        + "\nThis story has been corrected to show the number of turbines.\n"
    )


def truncated(text: str, share: float = 0.75) -> str:
    cut = int(len(text) * share)
    return text[: text.rfind(".", 0, cut) + 1]
