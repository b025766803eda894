"""RTF output: non-ASCII is encoded only at the end, so names and text-case see real characters."""
import citeport

ITEM = {"id": "o", "type": "article-journal", "title": "Ölçüm of naïve β-cells",
        "author": [{"family": "O'Brien", "given": "Siobhán"}, {"family": "Müller", "given": "Jürgen"}],
        "container-title": "Café", "issued": {"date-parts": [[2021]]}}


def test_rtf_initials_of_accented_given_names_are_not_split():
    out = citeport.render([ITEM], "apa", output="rtf")
    assert out.startswith("{\\rtf1")
    assert "O\\u8217?Brien, S., & M\\u252?ller, J. (2021)" in out
    assert all(ord(c) < 128 for c in out)


def test_rtf_astral_characters_become_surrogate_pairs():
    item = dict(ITEM, title="Emoji \U0001F600 in titles")
    out = citeport.render([item], "apa", output="rtf")
    assert "\\u-10179?\\u-8704?" in out
