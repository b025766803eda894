"""Language names and codes: MEDLINE's ISO 639-2 ('eng'), English names ('Japanese') -> BCP 47 ('en', 'ja')."""
from __future__ import annotations

import re

# ISO 639-2 (bibliographic and terminologic) -> (ISO 639-1, English name)
LANGUAGES: dict[str, tuple[str, str]] = {
    "afr": ("af", "Afrikaans"), "alb": ("sq", "Albanian"), "sqi": ("sq", "Albanian"), "ara": ("ar", "Arabic"),
    "arm": ("hy", "Armenian"), "hye": ("hy", "Armenian"), "aze": ("az", "Azerbaijani"), "bel": ("be", "Belarusian"),
    "ben": ("bn", "Bengali"), "bos": ("bs", "Bosnian"), "bul": ("bg", "Bulgarian"), "cat": ("ca", "Catalan"),
    "chi": ("zh", "Chinese"), "zho": ("zh", "Chinese"), "hrv": ("hr", "Croatian"), "scr": ("hr", "Croatian"),
    "cze": ("cs", "Czech"), "ces": ("cs", "Czech"), "dan": ("da", "Danish"), "dut": ("nl", "Dutch"),
    "nld": ("nl", "Dutch"), "eng": ("en", "English"), "epo": ("eo", "Esperanto"), "est": ("et", "Estonian"),
    "fin": ("fi", "Finnish"), "fre": ("fr", "French"), "fra": ("fr", "French"), "geo": ("ka", "Georgian"),
    "kat": ("ka", "Georgian"), "ger": ("de", "German"), "deu": ("de", "German"), "gre": ("el", "Greek"),
    "ell": ("el", "Greek"), "heb": ("he", "Hebrew"), "hin": ("hi", "Hindi"), "hun": ("hu", "Hungarian"),
    "ice": ("is", "Icelandic"), "isl": ("is", "Icelandic"), "ind": ("id", "Indonesian"), "gle": ("ga", "Irish"),
    "ita": ("it", "Italian"), "jpn": ("ja", "Japanese"), "kaz": ("kk", "Kazakh"), "kor": ("ko", "Korean"),
    "lat": ("la", "Latin"), "lav": ("lv", "Latvian"), "lit": ("lt", "Lithuanian"), "mac": ("mk", "Macedonian"),
    "mkd": ("mk", "Macedonian"), "may": ("ms", "Malay"), "msa": ("ms", "Malay"), "mal": ("ml", "Malayalam"),
    "mao": ("mi", "Maori"), "mri": ("mi", "Maori"), "mar": ("mr", "Marathi"), "mon": ("mn", "Mongolian"),
    "nep": ("ne", "Nepali"), "nor": ("no", "Norwegian"), "per": ("fa", "Persian"), "fas": ("fa", "Persian"),
    "pol": ("pl", "Polish"), "por": ("pt", "Portuguese"), "pus": ("ps", "Pushto"), "rum": ("ro", "Romanian"),
    "ron": ("ro", "Romanian"), "rus": ("ru", "Russian"), "srp": ("sr", "Serbian"), "scc": ("sr", "Serbian"),
    "slo": ("sk", "Slovak"), "slk": ("sk", "Slovak"), "slv": ("sl", "Slovenian"), "spa": ("es", "Spanish"),
    "swa": ("sw", "Swahili"), "swe": ("sv", "Swedish"), "tam": ("ta", "Tamil"), "tha": ("th", "Thai"),
    "tur": ("tr", "Turkish"), "ukr": ("uk", "Ukrainian"), "urd": ("ur", "Urdu"), "uzb": ("uz", "Uzbek"),
    "vie": ("vi", "Vietnamese"), "wel": ("cy", "Welsh"), "cym": ("cy", "Welsh"),
}
_BY_NAME = {name.lower(): code for code, (_two, name) in LANGUAGES.items()}
_BY_TWO = {two: code for code, (two, _n) in reversed(list(LANGUAGES.items()))}


def to_bcp47(value: str | None) -> str | None:
    """'eng' / 'ENG' / 'English' / 'en' / 'en-GB' -> BCP 47 ('en', 'en-GB'); unknown values are kept."""
    if not value:
        return None
    v = value.strip()
    low = v.lower()
    if low in LANGUAGES:
        return LANGUAGES[low][0]
    if low in _BY_NAME:
        return LANGUAGES[_BY_NAME[low]][0]
    if _TAG_SHAPE.match(v):  # a tag in another case ('EN', 'en-us', 'zh-hans-cn'): BCP 47's case
        return "-".join(_tag_case(i, p) for i, p in enumerate(v.split("-")))
    return v


#: A BCP 47-shaped tag: a 2-3 letter language, then subtags.
_TAG_SHAPE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


def _tag_case(index: int, part: str) -> str:
    """Language lower case, script title case, region upper case (RFC 5646 section 2.1.1)."""
    if index and len(part) == 4 and part.isalpha():
        return part.title()
    if index and len(part) == 2 and part.isalpha():
        return part.upper()
    return part.lower()


def to_iso639_2(value: str | None) -> str | None:
    """'en' / 'en-US' / 'English' -> 'eng' (MEDLINE LA); unknown values are kept."""
    if not value:
        return None
    low = value.strip().lower()
    if low in LANGUAGES:
        return low
    if low in _BY_NAME:
        return _BY_NAME[low]
    return _BY_TWO.get(low.split("-")[0], value.strip())


def english_name(value: str | None) -> str | None:
    code = to_iso639_2(value)
    return LANGUAGES[code][1] if code in LANGUAGES else value
