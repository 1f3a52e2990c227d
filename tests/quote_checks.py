"""Checks shared by the test files (imported as a plain module: pytest puts tests/ on the path)."""


def check_offsets(quotes, text: str) -> None:
    """Every span of every quote indexes ``text``: the quote, its cue, its speaker's mention."""
    for q in quotes:
        assert text[q.start : q.end] == q.text
        if q.cue is not None:
            assert text[q.cue.start : q.cue.end] == q.cue.text
        if q.speaker is not None and q.speaker.mention is not None:
            m = q.speaker.mention
            assert text[m.start : m.end] == m.text
