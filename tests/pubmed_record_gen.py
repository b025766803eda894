"""Seeded generator of realistic PubMed XML records, for the generated differential test of ``pubmed-text``.

Each record is a ``<PubmedArticle>`` as efetch returns it, with the variety real records show: journals whose
MedlineTA has digits or parentheses, PubDate as Year/Month/Day, Season or MedlineDate range, every PubModel
(ahead of print, eCollection), supplements, "Pt 2", e-locators and article numbers, 0-120 authors of real name
shapes (particles, hyphens, apostrophes, suffixes, romanised CJK, single names, initials only, collective names
anywhere, 0-n affiliations, equal contribution), titles with brackets, translations, Greek and formulas,
structured and plain abstracts, keywords, publication types, comments/corrections, ids, MeSH, grants, COI.

The values are invented (no real record is reproduced); :func:`generate` is deterministic for a seed.
"""
from __future__ import annotations

import random
from xml.sax.saxutils import escape

# (Title, MedlineTA, ISSN): MedlineTA with digits, parentheses, one word, many words.
JOURNALS = [
    ("The Journal of physical chemistry. A", "J Phys Chem A", "1089-5639"),
    ("BMJ open", "BMJ Open", "2044-6055"),
    ("Lancet (London, England)", "Lancet", "0140-6736"),
    ("MMWR. Morbidity and mortality weekly report", "MMWR Morb Mortal Wkly Rep", "0149-2195"),
    ("3 Biotech", "3 Biotech", "2190-572X"),
    ("Proceedings of the National Academy of Sciences of the United States of America",
     "Proc Natl Acad Sci U S A", "0027-8424"),
    ("Zhonghua yi xue za zhi", "Zhonghua Yi Xue Za Zhi", "0376-2491"),
    ("Medicine", "Medicine (Baltimore)", "0025-7974"),
    ("Praxis", "Praxis (Bern 1994)", "1661-8157"),
    ("Cochrane database of systematic reviews", "Cochrane Database Syst Rev", "1469-493X"),
    ("PloS one", "PLoS One", "1932-6203"),
    ("Nucleic acids research", "Nucleic Acids Res", "0305-1048"),
    ("Deutsche medizinische Wochenschrift (1946)", "Dtsch Med Wochenschr", "0012-0472"),
    ("Revista medica de Chile", "Rev Med Chil", "0034-9887"),
    ("Annals of the New York Academy of Sciences", "Ann N Y Acad Sci", "0077-8923"),
    ("European journal of nuclear medicine and molecular imaging", "Eur J Nucl Med Mol Imaging", "1619-7070"),
    ("Frontiers in immunology", "Front Immunol", "1664-3224"),
    ("International journal of molecular sciences", "Int J Mol Sci", "1422-0067"),
    ("The New England journal of medicine", "N Engl J Med", "0028-4793"),
    ("JAMA", "JAMA", "0098-7484"),
    ("Nature", "Nature", "0028-0836"),
    ("Cell", "Cell", "0092-8674"),
    ("Biochimica et biophysica acta. Molecular basis of disease", "Biochim Biophys Acta Mol Basis Dis",
     "0925-4439"),
    ("Zeitschrift fur Naturforschung. C, Journal of biosciences", "Z Naturforsch C J Biosci", "0939-5075"),
    ("The Journal of biological chemistry", "J Biol Chem", "0021-9258"),
    ("Methods in molecular biology (Clifton, N.J.)", "Methods Mol Biol", "1064-3745"),
    ("Cureus", "Cureus", "2168-8184"),
    ("eLife", "Elife", "2050-084X"),
    ("The Journal of bone and joint surgery. British volume", "J Bone Joint Surg Br", "0301-620X"),
    ("Hinyokika kiyo. Acta urologica Japonica", "Hinyokika Kiyo", "0018-1994"),
    ("Bulletin of the World Health Organization", "Bull World Health Organ", "0042-9686"),
    ("American journal of physiology. Heart and circulatory physiology", "Am J Physiol Heart Circ Physiol",
     "0363-6135"),
    ("Revista espanola de enfermedades digestivas", "Rev Esp Enferm Dig", "1130-0108"),
    ("Acta paediatrica (Oslo, Norway : 1992). Supplement", "Acta Paediatr Suppl", "0803-5326"),
    ("Scientific reports", "Sci Rep", "2045-2322"),
    ("Journal of the American College of Cardiology", "J Am Coll Cardiol", "0735-1097"),
    ("Clinical infectious diseases : an official publication of the Infectious Diseases Society of America",
     "Clin Infect Dis", "1058-4838"),
    ("Sheng li xue bao : [Acta physiologica Sinica]", "Sheng Li Xue Bao", "0371-0874"),
    ("Journal of medical Internet research", "J Med Internet Res", "1438-8871"),
    ("Archives of disease in childhood. Fetal and neonatal edition", "Arch Dis Child Fetal Neonatal Ed",
     "1359-2998"),
    ("Nihon Shokakibyo Gakkai zasshi = The Japanese journal of gastro-enterology", "Nihon Shokakibyo Gakkai Zasshi",
     "0446-6586"),
    ("Radiology. Artificial intelligence", "Radiol Artif Intell", "2638-6100"),
    ("Molecules (Basel, Switzerland)", "Molecules", "1420-3049"),
    ("Journal of clinical oncology : official journal of the American Society of Clinical Oncology",
     "J Clin Oncol", "0732-183X"),
]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
SEASONS = ["Spring", "Summer", "Fall", "Winter"]

# Name shapes: (LastName, ForeName).
WESTERN_FAMILIES = ["Smith", "Okafor", "Larsen", "Müller", "Novak", "Johansson", "Kowalski", "Rossi", "Dubois",
                    "Fernández", "Nguyen", "Haddad", "Petrov", "Andersen", "Schneider", "Silva", "Cohen", "Brown",
                    "Ivanova", "Kaplan", "Öztürk", "Łukasik", "Šimek", "Papadopoulos", "Mbeki", "Ahmed"]
COMPOUND_FAMILIES = ["Smith-Jones", "García-Márquez", "O'Brien", "D'Angelo", "Ní Bhriain", "McAllister",
                     "Lloyd-Williams", "Al-Rashid", "Ben-David", "Abu-Ghazaleh", "St-Pierre", "Mac Giolla Phádraig",
                     "Kim-Lee", "Jean-Baptiste", "Ó Súilleabháin"]
PARTICLE_FAMILIES = ["van der Berg", "de Vries", "von Hippel", "van den Broek", "de la Cruz", "da Silva",
                     "Van Dyke", "De Luca", "dos Santos", "van Gogh", "du Plessis", "Le Roux", "La Torre", "di Stefano"]
DOUBLE_FAMILIES = ["García Sánchez", "Pérez López", "Fernández de Córdoba", "Beane Freeman", "Martins Costa"]
CJK = [("Wang", "Xiaoming"), ("Li", "Jing"), ("Zhang", "Wei"), ("Liu", "Yang"), ("Chen", "Hui-Ling"),
       ("Kim", "Min-Jun"), ("Park", "Seo-Yeon"), ("Tanaka", "Hiroshi"), ("Suzuki", "Yuki"), ("Nguyen", "Van Anh"),
       ("Lee", "Jae Hyun"), ("Huang", "Zhi-Qiang"), ("Sato", "Kenji"), ("Xu", "Q")]
GIVENS = ["John", "Maria", "Anne-Marie", "Peter O", "Jean-Pierre", "A", "J M", "Karen L", "Mohammed",
          "Olga", "Sven", "Emily R", "Francesca", "Luis Miguel", "Ana", "Giuseppe", "Ingrid", "Chidi", "Priya",
          "R Scott", "Jan", "Zoë", "Élodie", "Björn", "Ewa", "M Carmen", "David", "Thomas J", "Aisha"]
SUFFIXES = ["Jr", "Sr", "2nd", "3rd", "III", "IV"]
COLLECTIVES = ["COVID-19 Genomics UK (COG-UK) Consortium", "Alzheimer's Disease Neuroimaging Initiative",
               "GBD 2019 Diseases and Injuries Collaborators", "EPIC Study Group", "the ARISE Investigators",
               "Writing Committee for the REMAP-CAP Investigators", "NHLBI Trans-Omics for Precision Medicine "
               "(TOPMed) Consortium", "Swiss HIV Cohort Study", "PROSPER Study Group"]
AFFIL_PARTS = [("Department of Medicine", "University of Oslo", "Oslo, Norway"),
               ("Division of Cardiology", "Massachusetts General Hospital", "Boston, MA 02114, USA"),
               ("School of Public Health", "Peking University", "Beijing 100191, China"),
               ("Institut Pasteur", "Unité de Virologie", "Paris, France"),
               ("Department of Chemistry", "Universität Heidelberg", "69120 Heidelberg, Germany"),
               ("Servicio de Neumología", "Hospital Universitario La Paz", "Madrid, Spain"),
               ("Graduate School of Medicine", "Kyoto University", "Kyoto, Japan"),
               ("Faculty of Health Sciences", "University of Cape Town", "Cape Town, South Africa"),
               ("Wellcome Sanger Institute", "Hinxton", "Cambridge CB10 1SA, UK")]

TITLE_SUBJECTS = ["tumour necrosis factor-α signalling", "CO2 fixation in C4 plants", "Ca2+ handling in β-cells",
                  "long-term outcomes after hip fracture", "SARS-CoV-2 infection in children",
                  "the (18)F-FDG PET/CT response", "IL-6 and CRP levels", "gut microbiota composition",
                  "maternal smoking during pregnancy", "the H2O2-induced stress response", "p53 mutations",
                  "type 2 diabetes mellitus", "antimicrobial resistance in Escherichia coli", "Na+/K+-ATPase activity",
                  "the 5-HT(2A) receptor", "telomere length", "anxiety and depression in adolescents",
                  "γ-aminobutyric acid transport", "HbA1c variability", "cognitive decline in the elderly"]
TITLE_FORMS = ["{S}: a randomized controlled trial", "Effect of {s} on mortality in patients with sepsis",
               "Is {s} associated with outcome?", "Role of {s} in disease progression",
               "{S} and its determinants: a systematic review and meta-analysis",
               "Association between {s} and {t}: results from the HUNT study",
               "A novel approach to {s}", "{S} revisited", "Why does {s} matter? A narrative review",
               "Correction: {S}", "Retraction: {S}", "Comment on \"{S}\"", "{S} (a case report)",
               "{S} - a 10-year follow-up", "Reply to: {S}", "{S} in 2,345 patients [corrected]",
               "Cost-effectiveness of {s}: evidence from 12 countries", "[(18)F]FDG uptake and {s}",
               "p53 and {s}: a cohort study", "12-month outcomes of {s}", "β-Blockers and {s}", "{S}. Part 2",
               "Erratum: {S}", "mRNA vaccines and {s}", "\"{S}\": a qualitative study",
               "{S} in Abstract form: Author information and Copyright issues", "Keywords of {s}"]
SENTENCES = ["We studied {n} patients (mean age, {a} years; {p}% women) between {y0} and {y1}.",
             "The primary outcome was all-cause mortality at 30 days.",
             "Mortality was lower in the intervention group (hazard ratio, 0.{d}; 95% CI, 0.5-0.9; P = .0{d}).",
             "{S} was measured by ELISA; values >{a} ng/mL were considered elevated.",
             "In total, {n} of {m} participants (n = {m}) completed follow-up.",
             "Three themes emerged: trust, access and cost.",
             "These findings suggest that {s} may be a therapeutic target.",
             "Data were analysed with Cox regression (adjusted for age, sex and BMI).",
             "No significant difference was found (p > 0.05).",
             "The odds ratio was {a}.{d} [95% CI {d}.1-{a}.3] for the highest vs. lowest quartile.",
             "We performed a search of MEDLINE, Embase and CENTRAL up to March {y1}.",
             "Further studies are needed.",
             "The mean difference was -{d}.{d} mmHg (SD {d}.{d}).",
             "Expression of {s} increased {d}-fold after 24 h (Fig. 2).",
             "Results were consistent across subgroups, i.e. men and women.",
             "Patients were classified as follows: group A (n = {a}), group B (n = {n}).",
             "Conclusion: {s} remains unclear.", "Smith et al. (20{d}{d}) reported {a}% fewer events.",
             "See also PMID: 2{n} and doi: 10.1000/xyz{n}.", "Keywords were extracted by two reviewers.",
             "Author information was not available for {d} trials.", "ISRCTN{n}{m}; NCT0{m}{n}."]
# (Label, NlmCategory): labels from NLM's structured-abstract list, in the order they are used.
LABEL_SETS = [
    [("BACKGROUND", "BACKGROUND"), ("METHODS", "METHODS"), ("RESULTS", "RESULTS"), ("CONCLUSIONS", "CONCLUSIONS")],
    [("OBJECTIVE", "OBJECTIVE"), ("DESIGN", "METHODS"), ("SETTING", "METHODS"), ("PARTICIPANTS", "METHODS"),
     ("MAIN OUTCOME MEASURES", "METHODS"), ("RESULTS", "RESULTS"), ("CONCLUSION", "CONCLUSIONS")],
    [("IMPORTANCE", "BACKGROUND"), ("OBJECTIVE", "OBJECTIVE"), ("DESIGN, SETTING, AND PARTICIPANTS", "METHODS"),
     ("EXPOSURES", "METHODS"), ("MAIN OUTCOMES AND MEASURES", "METHODS"), ("RESULTS", "RESULTS"),
     ("CONCLUSIONS AND RELEVANCE", "CONCLUSIONS"), ("TRIAL REGISTRATION", "BACKGROUND")],
    [("Aims", "OBJECTIVE"), ("Methods and results", "RESULTS"), ("Conclusion", "CONCLUSIONS")],
    [("PURPOSE", "OBJECTIVE"), ("MATERIALS AND METHODS", "METHODS"), ("RESULTS", "RESULTS"),
     ("CONCLUSION", "CONCLUSIONS"), ("LEVEL OF EVIDENCE", "UNASSIGNED")],
    [("INTRODUCTION", "BACKGROUND"), ("AREAS COVERED", "METHODS"), ("EXPERT OPINION", "CONCLUSIONS")],
    [("Background", "BACKGROUND"), ("Objectives", "OBJECTIVE"), ("Search methods", "METHODS"),
     ("Selection criteria", "METHODS"), ("Data collection and analysis", "METHODS"), ("Main results", "RESULTS"),
     ("Authors' conclusions", "CONCLUSIONS")],
    [("CONTEXT", "BACKGROUND"), ("EVIDENCE ACQUISITION", "METHODS"), ("EVIDENCE SYNTHESIS", "RESULTS"),
     ("CONCLUSIONS", "CONCLUSIONS"), ("PATIENT SUMMARY", "CONCLUSIONS")],
]
KEYWORDS = ["COVID-19", "Meta-analysis", "Mortality", "β-cell", "Inflammation", "Machine learning", "CRISPR/Cas9",
            "Quality of life", "Children", "IL-6", "Randomized controlled trial", "Oxidative stress", "HbA1c",
            "Public health", "Zebrafish", "Hip fracture", "microRNA", "NF-κB", "Primary care", "Nursing"]
MESH = [("Humans", []), ("Female", []), ("Male", []), ("Middle Aged", []), ("Adult", []), ("Aged", []),
        ("Mice", []), ("Animals", []), ("Diabetes Mellitus, Type 2", ["drug therapy", "epidemiology"]),
        ("Neoplasms", ["genetics", "pathology"]), ("Risk Factors", []), ("Hip Fractures", ["surgery"]),
        ("Tumor Necrosis Factor-alpha", ["metabolism"]), ("Calcium", ["metabolism"]), ("Retrospective Studies", [])]
PUB_TYPES = ["Review", "Comment", "Published Erratum", "Retraction of Publication", "Clinical Trial",
             "Randomized Controlled Trial", "Letter", "Editorial", "Case Reports", "Meta-Analysis",
             "Systematic Review", "Multicenter Study", "Research Support, Non-U.S. Gov't",
             "Research Support, N.I.H., Extramural", "Observational Study", "English Abstract"]
LANGS = [("ger", "Deutsche Übersetzung des Titels"), ("fre", "Une étude de cohorte"), ("spa", "Estudio de casos"),
         ("chi", ""), ("jpn", ""), ("rus", ""), ("por", "Estudo transversal")]
GRANT_AGENCIES = [("R01 HL123456", "HL", "NHLBI NIH HHS", "United States"),
                  ("MR/N003284/1", "", "Medical Research Council", "United Kingdom"),
                  ("81970123", "", "National Natural Science Foundation of China", ""),
                  ("P30 CA008748", "CA", "NCI NIH HHS", "United States"),
                  ("", "", "Wellcome Trust", "United Kingdom")]


def _x(text: str) -> str:
    return escape(text, {'"': "&quot;"})


class _Gen:
    def __init__(self, rng: random.Random):
        self.r = rng

    def chance(self, p: float) -> bool:
        return self.r.random() < p

    # ------------------------------------------------------------------------------------------ names
    def person(self) -> tuple[str, str, str, str]:
        """(LastName, ForeName, Initials, Suffix)."""
        r = self.r
        kind = r.random()
        if kind < 0.18:
            last, fore = r.choice(CJK)
        elif kind < 0.3:
            last, fore = r.choice(COMPOUND_FAMILIES), r.choice(GIVENS)
        elif kind < 0.38:
            last, fore = r.choice(PARTICLE_FAMILIES), r.choice(GIVENS)
        elif kind < 0.42:
            last, fore = r.choice(DOUBLE_FAMILIES), r.choice(GIVENS)
        elif kind < 0.44:
            last, fore = r.choice(["Suharto", "Aung", "Madonna", "Ronaldinho"]), ""  # a single name
        else:
            last, fore = r.choice(WESTERN_FAMILIES), r.choice(GIVENS)
        initials = "".join(w[0] for w in fore.replace("-", " ").split() if w[:1].isalpha())
        if fore and self.chance(0.06):  # an old record: initials only
            fore = ""
        suffix = r.choice(SUFFIXES) if fore and self.chance(0.03) else ""  # (not after a single name)
        return last, fore, initials, suffix

    def authors(self) -> str:
        r = self.r
        n = r.choice([0] * 3 + [1] * 6 + list(range(2, 9)) * 6 + list(range(9, 30)) * 1 + [45, 80, 120])
        if n == 0:
            return ""
        affs = [", ".join(r.sample(AFFIL_PARTS, 1)[0]) + (f". {r.choice(['a', 'b', 'k'])}.author@example.org."
                                                          if self.chance(0.2) else ".")
                for _ in range(max(1, min(n, r.randint(1, 6))))]
        with_affs = self.chance(0.8)
        out = []
        for i in range(n):
            if self.chance(0.04) or (i == n - 1 and n > 20 and self.chance(0.5)):
                out.append(f'<Author ValidYN="Y"><CollectiveName>{_x(r.choice(COLLECTIVES))}</CollectiveName>'
                           "</Author>")
                continue
            last, fore, ini, suffix = self.person()
            eq = ' EqualContrib="Y"' if i < 2 and self.chance(0.1) else ""
            parts = [f"<LastName>{_x(last)}</LastName>"]
            if fore:
                parts.append(f"<ForeName>{_x(fore)}</ForeName>")
            if ini:
                parts.append(f"<Initials>{ini}</Initials>")
            if suffix:
                parts.append(f"<Suffix>{suffix}</Suffix>")
            if with_affs:
                for aff in r.sample(affs, min(len(affs), r.choice([0, 1, 1, 1, 2, 3]))):
                    parts.append(f"<AffiliationInfo><Affiliation>{_x(aff)}</Affiliation></AffiliationInfo>")
            out.append(f'<Author ValidYN="Y"{eq}>' + "".join(parts) + "</Author>")
        return '<AuthorList CompleteYN="Y">' + "".join(out) + "</AuthorList>"

    # ------------------------------------------------------------------------------------------ text
    def fill(self, template: str) -> str:
        r = self.r
        s = r.choice(TITLE_SUBJECTS)
        y0 = r.randint(1980, 2015)
        return template.format(s=s, S=s[:1].upper() + s[1:], t=r.choice(TITLE_SUBJECTS), n=r.randint(12, 9000),
                               m=r.randint(9001, 20000), a=r.randint(2, 79), p=r.randint(10, 90), d=r.randint(1, 9),
                               y0=y0, y1=y0 + r.randint(1, 8))

    def title(self) -> str:
        return self.fill(self.r.choice(TITLE_FORMS))

    def paragraph(self, k: int) -> str:
        return " ".join(self.fill(self.r.choice(SENTENCES)) for _ in range(k))

    def abstract(self, copyright_: bool) -> str:
        r = self.r
        if self.chance(0.5):
            labels = r.choice(LABEL_SETS)
            body = "".join(f'<AbstractText Label="{_x(lab)}" NlmCategory="{cat}">{_x(self.paragraph(r.randint(1, 3)))}'
                           "</AbstractText>" for lab, cat in labels)
        else:
            body = "".join(f"<AbstractText>{_x(self.paragraph(r.randint(2, 6)))}</AbstractText>"
                           for _ in range(r.choice([1, 1, 1, 2])))
        if copyright_:
            body += "<CopyrightInformation>" + _x(r.choice([
                "© 2021 The Authors. Published by Elsevier Inc.", "Copyright © 2019 Wiley Periodicals, Inc.",
                "© The Author(s) 2020. Published by Oxford University Press. All rights reserved.",
                "Copyright © 2018 the American Physiological Society."])) + "</CopyrightInformation>"
        return f"<Abstract>{body}</Abstract>"

    # ------------------------------------------------------------------------------------------ dates
    def pub_date(self, year: int) -> str:
        r, k = self.r, self.r.random()
        if k < 0.15:
            return f"<Year>{year}</Year>"
        if k < 0.55:
            return f"<Year>{year}</Year><Month>{r.choice(MONTHS)}</Month>"
        if k < 0.82:
            return f"<Year>{year}</Year><Month>{r.choice(MONTHS)}</Month><Day>{r.randint(1, 28)}</Day>"
        if k < 0.87:
            return f"<Year>{year}</Year><Season>{r.choice(SEASONS)}</Season>"
        m = r.randint(0, 10)
        return "<MedlineDate>" + r.choice([
            f"{year} {MONTHS[m]}-{MONTHS[m + 1]}", f"{year} Dec-{year + 1} Jan", f"{year}-{year + 1}",
            f"{year} {r.choice(SEASONS)}", f"{year} {MONTHS[m]} {r.randint(1, 14)}-{r.randint(15, 28)}",
            f"{year} {MONTHS[m]} {r.randint(15, 28)}-{MONTHS[m + 1]} {r.randint(1, 14)}"]) \
            + "</MedlineDate>"

    @staticmethod
    def ymd(tag: str, year: int, month: int, day: int, attrs: str = "") -> str:
        return f"<{tag}{attrs}><Year>{year}</Year><Month>{month:02}</Month><Day>{day:02}</Day></{tag}>"

    # ------------------------------------------------------------------------------------------ record
    def record(self, pmid: int) -> str:
        r = self.r
        title_j, ta, issn = r.choice(JOURNALS)
        year = r.randint(1950, 2026)
        modern = year >= 1998
        model = r.choice(["Print", "Print-Electronic", "Electronic", "Electronic-eCollection", "Electronic-Print"]) \
            if modern else "Print"
        ahead = modern and year >= 2010 and self.chance(0.07)
        if ahead and model == "Print":  # ahead of print: published electronically, with its ArticleDate
            model = "Print-Electronic"
        status = "aheadofprint" if ahead else ("epublish" if model in ("Electronic", "Electronic-eCollection")
                                               else "ppublish")
        vol = iss = page = eloc_pii = ""
        if not ahead:
            vol = r.choice([str(r.randint(1, 400)), str(r.randint(1, 40)), f"{r.randint(1, 80)} Suppl 1"]) \
                if self.chance(0.97) else ""
            if vol.endswith("Suppl 1") and self.chance(0.5):  # both forms: Volume "12 Suppl 1" or Issue "Suppl 1"
                vol, iss = vol.split(" ", 1)[0], "Suppl 1"
            elif vol.endswith("Suppl 1"):
                pass
            elif self.chance(0.85):
                iss = r.choice([str(r.randint(1, 12)), str(r.randint(1, 52)), f"{r.randint(1, 6)} Pt 2",
                                f"Suppl {r.randint(1, 3)}", f"{r.randint(1, 4)}-{r.randint(5, 8)}", "Pt 1"])
            start = r.randint(1, 2400)
            page = r.choice([f"{start}-{start + r.randint(1, 9)}", f"{start}-{str(start + r.randint(10, 30))[-2:]}",
                             str(start), f"S{start % 90 + 1}-S{start % 90 + 9}", f"e{r.randint(100000, 9999999)}",
                             f"{start}-{start + 6}; discussion {start + 7}-{start + 8}", f"iii{start % 50 + 1}-8",
                             f"{r.randint(1000, 99999)}"])
            if model.startswith("Electronic") and self.chance(0.6):
                page = ""  # an article number only as ELocationID pii
                eloc_pii = r.choice([f"e{r.randint(10000, 999999)}", str(r.randint(100, 9999)),
                                     f"CD{r.randint(1000, 15000):06}"])
        doi = f"10.{r.randint(1000, 9999)}/{r.choice(['j.', 's', 'jama.', ''])}{r.randint(10**5, 10**9)}" \
              + r.choice(["", "-x", ".2020.01.001", "(19)30123-4"]) if modern or self.chance(0.2) else ""
        pmc = f"PMC{r.randint(100000, 11000000)}" if self.chance(0.3) else ""
        edate = ""
        e_year, e_month, e_day = year - (1 if self.chance(0.2) else 0), r.randint(1, 12), r.randint(1, 28)
        if model != "Print" and modern:
            edate = self.ymd("ArticleDate", e_year, e_month, e_day, ' DateType="Electronic"')
        lang, vern = ("eng", "")
        if self.chance(0.12):
            lang, vern = r.choice(LANGS)
        title = self.title()
        if lang != "eng":
            title = f"[{title}]"
        title += "" if title.endswith(("?", "!")) else "."
        pts = ["Journal Article"] + r.sample(PUB_TYPES, r.choice([0, 0, 0, 1, 1, 2]))
        parts = [f'<PubmedArticle><MedlineCitation Status="{r.choice(["MEDLINE", "MEDLINE", "PubMed-not-MEDLINE", "In-Process", "Publisher"])}" Owner="NLM">',
                 f'<PMID Version="1">{pmid}</PMID>', f'<Article PubModel="{model}">',
                 f'<Journal><ISSN IssnType="{r.choice(["Print", "Electronic"])}">{issn}</ISSN>',
                 f'<JournalIssue CitedMedium="{"Internet" if model.startswith("Electronic") else "Print"}">',
                 f"<Volume>{vol}</Volume>" if vol else "", f"<Issue>{iss}</Issue>" if iss else "",
                 # ahead of print: PubMed's PubDate is the electronic date until the issue comes out
                 "<PubDate>" + (self.pub_date(year) if not ahead else
                                f"<Year>{e_year}</Year><Month>{MONTHS[e_month - 1]}</Month><Day>{e_day}</Day>")
                 + "</PubDate></JournalIssue>",
                 f"<Title>{_x(title_j)}</Title><ISOAbbreviation>{_x(ta.replace(' (', '. ('))}</ISOAbbreviation>"
                 "</Journal>",
                 f"<ArticleTitle>{_x(title)}</ArticleTitle>",
                 f"<Pagination><MedlinePgn>{page}</MedlinePgn></Pagination>" if page else "",
                 f'<ELocationID EIdType="pii" ValidYN="Y">{eloc_pii}</ELocationID>' if eloc_pii else "",
                 f'<ELocationID EIdType="doi" ValidYN="Y">{doi}</ELocationID>' if doi and modern else ""]
        if self.chance(0.8 if year >= 1975 else 0.15):
            parts.append(self.abstract(copyright_=modern and self.chance(0.3)))
        parts.append(self.authors())
        parts.append(f"<Language>{lang}</Language>")
        if self.chance(0.2):
            grants = r.sample(GRANT_AGENCIES, r.randint(1, 3))
            parts.append('<GrantList CompleteYN="Y">' + "".join(
                "<Grant>" + (f"<GrantID>{g[0]}</GrantID>" if g[0] else "") + (f"<Acronym>{g[1]}</Acronym>" if g[1]
                                                                            else "")
                + f"<Agency>{_x(g[2])}</Agency>" + (f"<Country>{g[3]}</Country>" if g[3] else "") + "</Grant>"
                for g in grants) + "</GrantList>")
        parts.append("<PublicationTypeList>" + "".join(f"<PublicationType>{_x(t)}</PublicationType>" for t in pts)
                     + "</PublicationTypeList>")
        if vern:
            parts.append(f"<VernacularTitle>{_x(vern)}</VernacularTitle>")
        parts.append(edate + "</Article>")
        parts.append(f"<MedlineJournalInfo><Country>United States</Country><MedlineTA>{_x(ta)}</MedlineTA>"
                     f"<NlmUniqueID>{r.randint(7500000, 101000000)}</NlmUniqueID></MedlineJournalInfo>")
        if self.chance(0.15):
            kinds = r.sample(["CommentIn", "CommentOn", "ErratumIn", "ErratumFor", "UpdateOf", "RetractionIn",
                              "Cites"], r.randint(1, 2))
            parts.append("<CommentsCorrectionsList>" + "".join(
                f'<CommentsCorrections RefType="{k}"><RefSource>{_x(r.choice(JOURNALS)[1])}. {year + 1};'
                f"{r.randint(1, 99)}({r.randint(1, 12)}):{r.randint(1, 900)}</RefSource>"
                f'<PMID Version="1">{r.randint(10**7, 4 * 10**7)}</PMID></CommentsCorrections>' for k in kinds)
                + "</CommentsCorrectionsList>")
        if self.chance(0.6):
            parts.append("<MeshHeadingList>" + "".join(
                f'<MeshHeading><DescriptorName MajorTopicYN="{r.choice("NY")}">{_x(d)}</DescriptorName>'
                + "".join(f'<QualifierName MajorTopicYN="{r.choice("NNY")}">{q}</QualifierName>' for q in qs)
                + "</MeshHeading>" for d, qs in r.sample(MESH, r.randint(1, 8))) + "</MeshHeadingList>")
        if self.chance(0.4 if modern else 0.05):
            parts.append('<KeywordList Owner="NOTNLM">' + "".join(
                f'<Keyword MajorTopicYN="N">{_x(k)}</Keyword>' for k in r.sample(KEYWORDS, r.randint(1, 7)))
                + "</KeywordList>")
        if modern and self.chance(0.2):
            parts.append("<CoiStatement>" + _x(r.choice([
                "The authors declare no competing interests.",
                "Conflict of interest: none declared.",
                "Dr. Smith reports grants from Pfizer; no other disclosures were reported."])) + "</CoiStatement>")
        parts.append("</MedlineCitation><PubmedData><History>")
        parts.append(self.ymd("PubMedPubDate", e_year, e_month, e_day, ' PubStatus="pubmed"'))
        parts.append(f"</History><PublicationStatus>{status}</PublicationStatus><ArticleIdList>"
                     f'<ArticleId IdType="pubmed">{pmid}</ArticleId>'
                     + (f'<ArticleId IdType="doi">{doi}</ArticleId>' if doi else "")
                     + (f'<ArticleId IdType="pmc">{pmc}</ArticleId>' if pmc else "")
                     + "</ArticleIdList></PubmedData></PubmedArticle>")
        return "".join(parts)


def generate(n: int, seed: int = 1) -> str:
    """A PubmedArticleSet of *n* generated records (PMIDs from 30000000 up), deterministic for *seed*."""
    gen = _Gen(random.Random(seed))
    body = "\n".join(gen.record(30000000 + seed * 100000 + i) for i in range(n))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, '
            '1st January 2019//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_190101.dtd">\n'
            f"<PubmedArticleSet>\n{body}\n</PubmedArticleSet>\n")
