"""Write items.json: 200+ varied CSL-JSON items for benchmarks/csl_agreement.py (deterministic)."""
import json
import random
from pathlib import Path

R = random.Random(5)
PEOPLE = [
    {"family": "Smith", "given": "John Maria"}, {"family": "Doe", "given": "Ann"},
    {"family": "Beethoven", "given": "Ludwig", "dropping-particle": "van"},
    {"family": "Gogh", "given": "Vincent", "non-dropping-particle": "van"},
    {"family": "La Fontaine", "given": "Jean", "non-dropping-particle": "de"},
    {"family": "King", "given": "Martin Luther", "suffix": "Jr."},
    {"family": "O'Neil", "given": "Cathy"}, {"family": "Müller", "given": "Jörg-Peter"},
    {"family": "García Márquez", "given": "Gabriel"}, {"family": "Nguyen", "given": "T. H."},
    {"family": "李", "given": "小龙"}, {"family": "山田", "given": "太郎"},
    {"family": "Zhang", "given": "Wei"}, {"family": "Østergaard", "given": "Lars"},
    {"family": "Abbott", "given": "E. A."}, {"family": "Brown", "given": "Charles"},
    {"family": "Chen", "given": "Mei-Ling"}, {"family": "Davies", "given": "Rhys"},
    {"family": "Evans", "given": "Sarah Jane"}, {"family": "Fischer", "given": "Hans"},
    {"family": "Gupta", "given": "Anita"}, {"family": "Hernández", "given": "José"},
    {"family": "Ivanov", "given": "Ivan"}, {"family": "Jones", "given": "Peter"},
    {"family": "Kowalski", "given": "Jan"},
]
CORP = [{"literal": "World Health Organization"}, {"literal": "National Academies of Sciences, Engineering, and Medicine"},
        {"literal": "R Core Team"}]
TITLES = [
    "Long-term effects of exercise on adolescents", "A study of β-lactamases in <i>Escherichia coli</i>",
    "The arXiv preprint server: a history", "CO<sub>2</sub> emissions and H<sub>2</sub>O vapour",
    "Why do we sleep?", "Ed. notes on the \"new\" editorial policy", "Machine learning for the social sciences",
    "On the origin of species", "The role of <span class=\"nocase\">mRNA</span> vaccines in COVID-19",
    "Learning, memory, and the brain: an overview", "Don't panic: a guide to crisis management",
    "Climate change 2021: the physical science basis", "E = mc<sup>2</sup> revisited",
    "Data from the 'open' survey", "Attention is all you need", "What the hell happened?",
]
JOURNALS = ["Nature", "The Lancet", "Journal of Applied Physics", "PLOS ONE", "Annals of Internal Medicine",
            "Proceedings of the National Academy of Sciences"]
PUBLISHERS = [("Oxford University Press", "Oxford"), ("MIT Press", "Cambridge, MA"), ("Springer", "Berlin"),
              ("Penguin", "London")]
COUNTS = [1, 2, 3, 7, 8, 21, 25, 1, 2, 3]


def people(n, offset=0):
    return [dict(PEOPLE[(offset + i) % len(PEOPLE)]) for i in range(n)]


def date(i):
    kind = i % 9
    if kind == 0:
        return {"date-parts": [[2019, 4, 15]]}
    if kind == 1:
        return {"date-parts": [[2020, 1]], "season": None} if False else {"date-parts": [[2020, 1]]}
    if kind == 2:
        return {"date-parts": [[2018]], "season": "Spring"}
    if kind == 3:
        return {"date-parts": [[2001, 3], [2002, 5]]}
    if kind == 4:
        return {"literal": "n.d."} if i % 2 else {"date-parts": [[1998]]}
    if kind == 5:
        return {"date-parts": [[2021, 11, 3]]}
    if kind == 6:
        return {"date-parts": [[2015, 6, 1], [2015, 6, 5]]}
    return {"date-parts": [[2010 + i % 12]]}


def make():
    items = []
    for i in range(210):
        t = ["article-journal", "book", "chapter", "paper-conference", "report", "thesis", "webpage",
             "article-newspaper", "dataset", "software", "article-magazine", "book", "article-journal"][i % 13]
        it = {"id": f"item{i:03}", "type": t, "title": TITLES[i % len(TITLES)]}
        n = COUNTS[i % len(COUNTS)]
        if i % 17 == 5:
            pass  # no author
        elif i % 11 == 3:
            it["author"] = [dict(CORP[i % len(CORP)])]
        else:
            it["author"] = people(n, i)
        it["issued"] = date(i)
        if t.startswith("article"):
            it["container-title"] = JOURNALS[i % len(JOURNALS)]
            it["volume"] = str(10 + i % 40)
            if i % 3:
                it["issue"] = str(1 + i % 6)
            it["page"] = ["123-126", "3-26", "1021-1039", "e1002", "45-7", "321-328"][i % 6]
            if i % 2:
                it["DOI"] = f"10.1000/xyz{i}"
            if i % 7 == 0:
                it["status"] = "epub ahead of print"
                it["issued"] = {"date-parts": [[2022, 2, 10]]}
        elif t in ("book", "report", "thesis"):
            pub, place = PUBLISHERS[i % len(PUBLISHERS)]
            it["publisher"] = pub if t != "thesis" else "University of Oxford"
            it["publisher-place"] = place
            if i % 4 == 0:
                it["edition"] = str(2 + i % 3)
            if i % 5 == 0:
                it["number-of-volumes"] = "3"
            if i % 6 == 0:
                it["translator"] = people(1, i + 5)
            if t == "report":
                it["number"] = f"TR-{i}"
            if t == "thesis":
                it["genre"] = "PhD thesis"
            it["ISBN"] = "978-0-19-953556-9"
        elif t in ("chapter", "paper-conference"):
            it["container-title"] = "Proceedings of the Conference on Things" if t == "paper-conference" \
                else "The Handbook of Everything"
            it["editor"] = people(1 + i % 3, i + 7)
            pub, place = PUBLISHERS[i % len(PUBLISHERS)]
            it["publisher"], it["publisher-place"] = pub, place
            it["page"] = "45-67"
            if t == "paper-conference":
                it["event-title"] = "International Conference on Things"
                it["event-place"] = "Lisbon, Portugal"
        elif t in ("webpage", "dataset", "software"):
            it["URL"] = f"https://example.org/resource/{i}"
            it["accessed"] = {"date-parts": [[2023, 5, 2]]}
            it["container-title"] = "Example Site" if t == "webpage" else None
            if t == "software":
                it["version"] = "2.1.0"
                it["publisher"] = "Zenodo"
            if t == "dataset":
                it["publisher"] = "Dryad"
                it["DOI"] = f"10.5061/dryad.{i}"
        else:
            it["container-title"] = "The New York Times" if t == "article-newspaper" else "Wired"
            it["page"] = "A1"
        if i % 19 == 0:
            it["editor"] = people(2, i + 3)
        if i % 23 == 0:
            it["language"] = "de-DE"
        items.append({k: v for k, v in it.items() if v is not None})
    # duplicate author-year pairs for year-suffix disambiguation
    for k in range(4):
        items.append({"id": f"dup{k}", "type": "article-journal", "title": f"Sequel number {k + 1}",
                      "author": people(1, 1), "issued": {"date-parts": [[2019]]},
                      "container-title": "Nature", "volume": "5", "page": f"{k + 1}0-{k + 1}9"})
    return items


if __name__ == "__main__":
    out = Path(__file__).with_name("items.json")
    out.write_text(json.dumps(make(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out}")
