"""Twelfth review of the PubMed page-text reader: what real people paste.

Pages quoted in e-mails ("> ", "> > "), dumped by lynx ("[4]Lancet Neurol" and a link list), printed
to PDF or OCR'd (wrapped title and abstract, "meta-" / "analysis", ligatures, the printout's footer),
machine-translated ("Résumé", "Mots-clés :", "PMID :"), copied twice.
Fixtures: tests/data/pubmed_text_blind12/ (written for this round)."""
from __future__ import annotations

from pathlib import Path

import citeport
from citeport.formats import pubmed_text_paste as T
from citeport.formats.pubmed_text_item import unwrap_paragraphs

DATA = Path(__file__).parent / "data" / "pubmed_text_blind12"


def read(name: str):
    return citeport.read(DATA / name)


def names(people) -> list[str]:
    out = []
    for p in people:
        family = " ".join(x for x in (p.get("non-dropping-particle"), p["family"]) if x)
        out.append(f"{family}, {p.get('given', '')}")
    return out


def warnings(result) -> list[str]:
    return [d.message for d in result.diagnostics if d.level == "warning"]


def test_forwarded_email_quoted_page():
    (it,) = read("01-email-forwarded-quoted.txt")
    assert it["title"] == ("High-flow nasal oxygen versus non-invasive ventilation in acute hypoxaemic "
                           "respiratory failure: a multicentre randomised trial")
    assert names(it["author"]) == ["Lemaire, Pierre", "Marques, Sofia", "van der Berg, Jan-Willem"]
    assert (it["container-title-short"], it["volume"], it["issue"], it["page"]) == ("Lancet Respir Med", "11", "6",
                                                                                   "512-523")
    assert (it["PMID"], it["DOI"]) == ("36870301", "10.1016/S2213-2600(23)00041-2")
    assert it["abstract"].startswith("Background: Which oxygen strategy")
    assert it["keyword"] == "acute respiratory failure; high-flow oxygen; non-invasive ventilation"
    assert "Karin Holm, MD PhD" in it["note"]  # the signature: kept, not lost


def test_reply_of_a_reply_double_quoted_legacy_page():
    (it,) = read("21-gmail-reply-double-quoted.txt")
    assert it["title"] == "Physical activity and all cause mortality in older women: cohort study"
    assert names(it["author"]) == ["Ruiz-Castell, M.", "Kandala, N. B.", "Kuemmerle, A."]
    assert (it["container-title"], it["volume"], it["page"]) == ("BMJ", "356", "j1060")
    assert it["issued"] == {"date-parts": [[2017, 3, 22]]}
    assert it["abstract"].split("\n")[1].startswith("RESULTS: Higher activity")


def test_quoting_needs_many_quoted_lines():
    lines = ["Abstract", "> 65 years old were included.", "Keywords: a; b."]
    assert T.unquote(lines) == lines
    assert T.unquote(["> a", ">> b", "> > c", ">d", "> e", "x"]) == ["a", "b", "c", "d", "e", "x"]


def test_lynx_dump_link_numbers_and_link_list():
    (it,) = read("14-lynx-dump.txt")
    assert it["container-title-short"] == "Lancet Neurol"
    assert names(it["author"]) == ["Ashina, Messoud", "Reuter, Uwe", "Smith, Tim"]
    assert it["custom"]["author-details"][1] == {"affiliation": ["Department of Neurology, Charité, Berlin, Germany."]}
    assert it["DOI"] == "10.1016/S1474-4422(21)00152-3"
    assert "note" not in it  # the link list is the browser's, not the record's
    (old,) = read("15-lynx-legacy.txt")
    assert names(old["author"]) == ["Schöll, M.", "Ossenkoppele, R.", "Strandberg, O."]
    assert old["keyword"] == "Alzheimer's disease; amyloid; tau"


def test_bracketed_numbers_stay_without_a_link_list():
    lines = ["Abstract", "As shown before [1]and [2]."]
    assert T.unlynx(lines) == lines


def test_print_to_pdf_wrapped_title_and_abstract():
    (it,) = read("08-print-to-pdf-current.txt")
    assert it["title"] == "Antibiotic duration for community-acquired pneumonia in children: the SCOUT-CAP trial"
    assert names(it["author"]) == ["Williams, Derek J.", "Grijalva, Carlos G.", "Edwards, Kathryn M."]
    assert it["abstract"].split("\n") == [
        "Importance: The optimal treatment duration for community-acquired pneumonia in children is unknown.",
        "Objective: To compare short-course with standard-course therapy.",
        "Conclusions and relevance: Short-course therapy was superior to standard-course therapy."]
    assert it["keyword"] == "antibiotics; children; pneumonia"


def test_ocr_printout_hyphenation_ligatures_footer():
    (it,) = read("07-ocr-legacy-printout.txt")
    assert it["title"] == ("Effectiveness of cognitive behavioural therapy for insomnia in people with depression: "
                           "a meta-analysis of randomised controlled trials")
    assert "benefit of cognitive" in it["abstract"] and "the effect on sleep" in it["abstract"]
    assert "\ufb01" not in it["abstract"]
    assert it["note"] == "[PubMed - indexed for MEDLINE]"  # the printout's address-and-date footer is gone


def test_unwrap_paragraphs_keeps_page_paragraphs():
    assert unwrap_paragraphs(["Results: it", "worked.", "Conclusion: yes."]) == ["Results: it worked.",
                                                                                 "Conclusion: yes."]
    assert unwrap_paragraphs(["A system-", "atic review."]) == ["A system-atic review."]
    assert unwrap_paragraphs(["First paragraph.", "second starts low"]) == ["First paragraph.", "second starts low"]


def test_google_translated_current_page_french():
    (it,) = read("12-google-translate-french.txt")
    assert it["PMID"] == "31535829" and it["DOI"] == "10.1016/S0140-6736(19)31149-3"
    assert it["abstract"].split("\n")[0] == "Contexte : Les patients atteints d'insuffisance cardiaque présentent un risque élevé."
    assert "Articles similaires" not in it["abstract"] and "Résumé" not in it["abstract"]
    assert it["keyword"] == "dapagliflozine; insuffisance cardiaque"


def test_google_translated_pages_spanish():
    (legacy,) = read("13-google-translate-spanish-legacy.txt")
    assert legacy["abstract"].split("\n") == [
        "INTRODUCCIÓN Y OBJETIVOS: La fibrilación auricular es la arritmia más frecuente.",
        "RESULTADOS: La prevalencia fue del 4,4%."]
    assert legacy["custom"]["author-details"][0] == {
        "affiliation": ["Servicio de Cardiología, Hospital Universitario Virgen de la Victoria, Málaga, España."]}
    assert legacy["keyword"] == "Fibrilación auricular; Prevalencia"
    (cur,) = read("26-spanish-ui-current.txt")
    assert cur["abstract"].startswith("Antecedentes: Los estudios") and "Dietary fat" not in cur["abstract"]
    assert cur["keyword"] == "dieta mediterránea; prevención"
    assert "note" not in cur


def test_english_page_keeps_a_spanish_resumen_heading():
    lines = ["Abstract", "in English, Spanish", "Resumen", "Texto."]
    assert T.untranslate(lines) == lines


def test_page_copied_twice_is_one_record():
    result = read("10-copied-twice.txt")
    (it,) = result
    assert it["PMID"] == "28751392"
    assert any("repeats record 1" in w for w in warnings(result))
    (cur,) = read("25-current-copied-twice-with-ui.txt")
    assert cur["title"] == "Early mobilisation in the intensive care unit: a multicentre observational study"


def test_already_right_notes_slack_outlook_zero_width():
    (notes,) = read("03-notes-above-below.txt")
    # round 13: the note typed above the page comes first (it was lost before)
    assert notes["note"].split("\n")[1].startswith("my notes: good forest plot")
    (slack,) = read("23-slack-codeblock.txt")
    assert names(slack["author"])[-1] == "Mo, Y." and slack["PMID"] == "31177185"
    (outlook,) = read("29-outlook-forward-header.txt")
    assert (outlook["PMCID"], outlook["page"]) == ("PMC6513063", "e0216789")
    (zw,) = read("28-zero-width-nbsp.txt")
    assert zw["title"] == "Screen time and language delay in toddlers: a cohort study"
    assert (zw["PMID"], names(zw["author"])[0]) == ("31964759", "Madigan, Sheri")
