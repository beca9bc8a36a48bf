"""Per-string memory: a repeated short text is looked up once, a long one every time and never kept."""

from __future__ import annotations

from calcguide.memo import LONGEST_REMEMBERED, remembered


def test_short_texts_are_remembered_and_long_ones_never_kept() -> None:
    calls: list[object] = []

    @remembered(16)
    def shout(text: str) -> str:
        calls.append(text)
        return text.upper()

    short, long = "a" * LONGEST_REMEMBERED, "a" * (LONGEST_REMEMBERED + 1)
    assert [shout(short), shout(short)] == [short.upper()] * 2
    assert [shout(long), shout(long)] == [long.upper()] * 2
    assert calls == [short, long, long]  # the 200-character text once; the 201-character one each time


def test_a_tuple_of_texts_counts_its_characters_together() -> None:
    calls: list[object] = []

    @remembered(16, longest=10)
    def joined(texts: tuple[str, ...]) -> str:
        calls.append(texts)
        return "".join(texts)

    joined(("12345", "67890"))
    joined(("12345", "67890"))
    joined(("12345", "678901"))
    joined(("12345", "678901"))
    assert calls == [("12345", "67890"), ("12345", "678901"), ("12345", "678901")]
