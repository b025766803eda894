"""Blind review 3: English styles under other locales and styles written for other languages,
compared with citeproc-js (benchmarks/csl_locales.py); each expected string is citeproc-js's output."""
from __future__ import annotations

import pytest

from citeport.render import render
from citeport.render.fixes import sort_text

BOOK1 = {"id": "b1", "type": "book", "title": "Handbuch der Methoden", "author": [{"family": "Weber", "given": "Anna"}],
         "publisher": "Springer", "issued": {"date-parts": [[2014]]}, "edition": "1"}
BOOK2 = dict(BOOK1, id="b2", edition="2", title="Second book", author=[{"family": "Zimmer", "given": "Karl"}])
BROADCAST = {"id": "bc", "type": "broadcast", "title": "Episode one", "genre": "radio broadcast",
             "container-title": "In our time", "issued": {"date-parts": [[2008, 3, 1]]},
             "author": [{"family": "Bragg", "given": "Melvyn"}]}
BROADCAST_EN = dict(BROADCAST, id="bcen", language="en-GB", author=[{"family": "Bragg", "given": "Neil"}])
LAW = {"id": "leg", "type": "legislation", "title": "Data Protection Act 2018", "number": "C. 12",
       "issued": {"date-parts": [[2018]]}}
RUSSIAN = {"id": "ru", "type": "book", "title": "Война и мир", "author": [{"family": "Толстой", "given": "Лев"}],
           "issued": {"date-parts": [[2015]]}, "publisher": "Эксмо"}
ENGLISH = {"id": "en", "type": "book", "title": "Anna Karenina", "author": [{"family": "Adams", "given": "Ann"}],
           "issued": {"date-parts": [[2015]]}, "publisher": "Penguin"}
EDITED = {"id": "ed", "type": "book", "title": "Handbook of qualitative research", "edition": "3", "publisher": "SAGE",
          "editor": [{"family": "Denzin", "given": "Norman K."}, {"family": "Lincoln", "given": "Yvonna S."}],
          "issued": {"date-parts": [[2005]]}}


def lines(items, style, locale):
    return render(items, style, locale).splitlines()


@pytest.mark.parametrize("locale, first, second", [
    ("de-DE", "(1. Aufl.)", "(2. Aufl.)"),   # apa's in-style <locale xml:lang="de"> hid de-DE's ordinal: "2nd"
    ("fr-FR", "(1ʳᵉ éd.)", "(2ᵉ éd.)"),      # "édition" is feminine in fr-FR: 1ʳᵉ, not 1ᵉʳ or 1st
    ("es-ES", "(1.ª ed.)", "(2.ª ed.)"),
    ("ru-RU", "(1-е изд.)", "(2-е изд.)"),
    ("nl-NL", "(1ste dr.)", "(2de dr.)"),    # ordinal-NN terms with match= rules
    ("zh-CN", "(1 版)", "(2 版)"),            # zh-CN's ordinal term is empty: no en-US "st"
    ("en-US", "(1st ed.)", "(2nd ed.)"),
])
def test_edition_ordinals_follow_the_output_locale(locale, first, second):
    out = lines([BOOK1, BOOK2], "apa", locale)
    assert first in out[0] and second in out[1]


def test_short_term_falls_back_to_the_long_form_of_the_same_locale():
    # de-DE has no short "legislation": citeproc-js prints the German long form, not en-US "legis."
    assert lines([LAW], "apa", "de-DE") == ["Data Protection Act 2018, Gesetz Nr. C. 12 (2018)."]
    assert lines([LAW], "apa", "fr-FR") == ["Data Protection Act 2018, Acte jurid. Nᵒ C. 12 (2018)."]
    assert lines([LAW], "apa", "en-US") == ["Data Protection Act 2018, Pub. L. No. C. 12 (2018)."]


def test_title_case_only_for_english_items_or_an_english_locale():
    assert lines([BROADCAST, BROADCAST_EN], "chicago-author-date", "fr-FR") == [
        "Bragg, Melvyn. 2008. «\u00a0Episode one\u00a0». Radio broadcast. In our time. Aired mars 1.",
        "Bragg, Neil. 2008. «\u00a0Episode One\u00a0». Radio broadcast. In Our Time. Aired mars 1.",
    ]
    # under en-US the same item (no language) is English and title-cased
    assert lines([BROADCAST], "chicago-author-date", "en-US") == [
        "Bragg, Melvyn. 2008. “Episode One.” Radio broadcast. In Our Time. Aired March 1."]


def test_title_case_raises_accented_latin_initials_not_greek_symbols():
    assert lines([EDITED], "apa", "fr-FR") == [
        "Denzin, N. K., & Lincoln, Y. S. (Éds.). (2005). Handbook of qualitative research (3ᵉ éd.). SAGE."]
    assert "β-Lactamases" in render([dict(ENGLISH, title="a study of β-lactamases")], "chicago-author-date")


def test_sort_puts_the_locales_own_script_first():
    # Intl.Collator("ru") sorts Cyrillic before Latin; en (and de, fr...) Latin first
    assert [ln[:6] for ln in lines([ENGLISH, RUSSIAN], "apa", "ru-RU")] == ["Толсто", "Adams,"]
    assert [ln[:6] for ln in lines([ENGLISH, RUSSIAN], "apa", "de-DE")] == ["Adams,", "Толсто"]
    assert [ln[:3] for ln in lines([ENGLISH, RUSSIAN], "gost-r-7-0-5-2008", None)] == ["1. ", "2. "]
    assert lines([ENGLISH, RUSSIAN], "gost-r-7-0-5-2008", None)[0].startswith("1. Толстой")


def test_sort_key_script_order():
    # ICU root order: Latin < Cyrillic < Hangul < kana < Han; zh and ko put their own scripts first
    words = ["王", "김", "やま", "Иванов", "Wang"]
    assert sorted(words, key=sort_text) == ["Wang", "Иванов", "김", "やま", "王"]
    assert sorted(words, key=lambda w: sort_text(w, "zh"))[0] == "王"
    assert sorted(words, key=lambda w: sort_text(w, "ko"))[:2] == ["김", "王"]
    # Intl.Collator with ignorePunctuation (citeproc-js) weighs spaces as nothing: "dela" < "de la Cruz"
    assert sort_text("Smith") < sort_text("Smithson") and sort_text("dela") < sort_text("de la Cruz")



def test_term_apostrophes_are_typeset():
    page = {"id": "w", "type": "webpage", "title": "How to cite software", "URL": "https://example.org/cite",
            "container-title": "Example Institute", "accessed": {"date-parts": [[2024, 1, 15]]}}
    assert lines([page], "apa", "fr-FR") == [
        "How to cite software. (s.\u00a0d.). Example Institute. Consulté 15 janvier 2024, à l’adresse https://example.org/cite"]


def test_particle_tied_to_family_in_french_inverted_names():
    item = {"id": "p", "type": "article-journal", "title": "Fluid dynamics", "container-title": "J. Fluid Mech.",
            "issued": {"date-parts": [[2008]]}, "volume": "600", "page": "1-30",
            "author": [{"family": "Fontaine", "given": "Jean", "non-dropping-particle": "de la"},
                       {"family": "Braun", "given": "Wernher", "dropping-particle": "von"}]}
    assert lines([item], "apa", "fr-FR")[0].startswith("de la\u00a0Fontaine, J., & Braun, W. von. (2008).")
    assert lines([item], "apa", "de-DE")[0].startswith("de la Fontaine, J., & Braun, W. von. (2008).")
    assert render([{**item, "author": [{"family": "von Humboldt", "given": "Wilhelm"}]}],
                  "iso690-author-date-fr").startswith("VON\u00a0HUMBOLDT, Wilhelm, 2008.")


def test_particles_tied_in_plain_and_short_french_names():
    item = {"id": "p", "type": "article-journal", "title": "Fluid dynamics", "container-title": "J. Fluid Mech.",
            "issued": {"date-parts": [[2008]]},
            "author": [{"family": "Fontaine", "given": "Jean", "non-dropping-particle": "de la"},
                       {"family": "Braun", "given": "Wernher", "dropping-particle": "von"}]}
    assert render([item], "apa", "fr-FR", citations=True) == "(de la\u00a0Fontaine & Braun, 2008)\n"
    note = render([item], "chicago-notes-bibliography", "fr-FR", citations=True)
    assert note.startswith("Jean de la\u00a0Fontaine et Wernher von\u00a0Braun, «\u00a0Fluid dynamics\u00a0»")
    assert render([item], "apa", "en-US", citations=True) == "(de la Fontaine & Braun, 2008)\n"


def test_volume_title_is_title_cased_whatever_the_language():
    item = {"id": "mv", "type": "book", "title": "science and civilisation", "language": "de", "volume": "5",
            "volume-title": "chemistry and chemical technology", "publisher": "Cambridge University Press",
            "author": [{"family": "Needham", "given": "Joseph"}], "issued": {"date-parts": [[1974]]}}
    expected = ("Needham, Joseph. science and civilisation. Vol. 5, Chemistry and Chemical Technology. "
                "Cambridge University Press, 1974.")
    assert lines([item], "chicago-notes-bibliography", "en-US") == [expected]
    assert lines([{k: v for k, v in item.items() if k != "language"}], "chicago-notes-bibliography", "fr-FR") == [
        "Needham, Joseph. science and civilisation. Vol. 5, Chemistry and Chemical Technology. "
        "Cambridge University Press, 1974."]


def test_title_case_raises_cyrillic_but_not_greek():
    from citeport.render.fixes import apply_case

    assert str(apply_case("история и ред.", "title")) == "История и Ред."
    assert str(apply_case("β cells and γ rays", "title")) == "β Cells and γ Rays"
    assert lines([EDITED], "apa", "ru-RU") == [
        "Denzin, N. K., & Lincoln, Y. S. (Ред.). (2005). Handbook of qualitative research (3-е изд.). SAGE."]


SEASON = {"id": "s1", "type": "article-journal", "title": "The end of history?", "container-title": "The National Interest",
          "author": [{"family": "Fukuyama", "given": "Francis"}], "issue": "16", "page": "3-18",
          "issued": {"date-parts": [[1989]], "season": 3}}


def test_no_period_after_a_question_mark_inside_locale_quotes():
    # de-DE closes quotes with “ and has no punctuation-in-quote: "?“" takes no "."
    assert lines([SEASON], "chicago-author-date", "de-DE") == [
        "Fukuyama, Francis. 1989. „The end of history?“ The National Interest, Nr. 16 (Herbst): 3–18."]


def test_locale_quotes_do_not_count_in_sort_keys():
    # chicago sorts same author+year by title; a chapter title rendered in „…“ sorts under its first letter
    book = {"id": "y2", "type": "book", "title": "Cognitive load theory", "author": [{"family": "Sweller", "given": "John"}],
            "publisher": "Springer", "issued": {"date-parts": [[1988]]}}
    chapter = {"id": "y3", "type": "chapter", "title": "Instructional design", "container-title": "Learning",
               "author": [{"family": "Sweller", "given": "John"}], "publisher": "Erlbaum",
               "issued": {"date-parts": [[1988]]}}
    assert lines([chapter, book], "chicago-author-date", "de-DE") == [
        "Sweller, John. 1988a. Cognitive load theory. Springer.",
        "Sweller, John. 1988b. „Instructional design“. In Learning. Erlbaum."]
    assert sort_text("„Instructional“") == sort_text("Instructional")


def test_non_latin_and_term_joins_names_without_spaces():
    two = {"id": "e2", "type": "book", "title": "Handbook", "edition": "3", "publisher": "SAGE",
           "editor": [{"family": "Denzin", "given": "Norman K."}, {"family": "Lincoln", "given": "Yvonna S."}],
           "issued": {"date-parts": [[2005]]}}
    three = {"id": "a3", "type": "book", "title": "Genomics", "issued": {"date-parts": [[2021]]},
             "author": [{"family": "Dijk", "given": "Pieter"}, {"family": "Berg", "given": "Anneke"},
                        {"family": "Vries", "given": "Klaas"}]}
    assert lines([two, three], "chicago-author-date", "zh-CN") == [
        "Denzin, Norman K., 和Yvonna S. Lincoln, 编. 2005. Handbook. 3 版. SAGE.",
        "Dijk, Pieter, Anneke Berg和Klaas Vries. 2021. Genomics."]
    assert lines([three], "chicago-author-date", "de-DE") == ["Dijk, Pieter, Anneke Berg, und Klaas Vries. 2021. Genomics."]


def test_cjk_et_al_and_quotes():
    many = {"id": "v", "type": "article-journal", "title": "The end of history?", "container-title": "Nature",
            "issued": {"date-parts": [[2017]]}, "volume": "447", "page": "661-678",
            "author": [{"family": f"Aad{n}", "given": "G."} for n in range(8)]}
    out = lines([many], "ieee", "zh-CN")[0]
    assert out == "[1] G. Aad0等, 《The end of history?》, Nature, 卷 447, 页 661～678, 2017."  # a comma stays
    assert lines([SEASON], "chicago-author-date", "zh-CN") == [
        "Fukuyama, Francis. 1989. 《The end of history?》 The National Interest, 期 16 (秋): 3～18."]


def test_cjk_et_al_in_html_has_no_space_or_italics():
    many = {"id": "v", "type": "article-journal", "title": "Attention", "container-title": "Nature",
            "issued": {"date-parts": [[2017]]}, "author": [{"family": f"Aad{n}", "given": "G."} for n in range(8)]}
    html = render([many], "ieee", "zh-CN", output="html")
    assert "G. Aad0等, 《Attention》" in html and "<i>等</i>" not in html
