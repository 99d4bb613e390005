"""The group of a past event's count, "total in 2004": written by extraction, read by linking.

Kept apart from the parsing modules so that the reader's pages, which read groups, load no
language model.
"""

from __future__ import annotations

import re

# The group of a past event's count ends in its years: "total in 2004", "total in 1983–2005".
PAST_GROUP = re.compile(r" in \d{4}(?:–\d{4})?$")


def dated_group(group: str, years: str) -> str:
    return f"{group} in {years}"
