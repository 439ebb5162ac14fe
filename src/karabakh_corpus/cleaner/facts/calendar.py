"""The calendar words the date reader knows, per language: month names and the words that
mark a printed date as the publication or the update date. Data only; `dates` reads it.

Each month form is written in lower case, without a final full stop (the reader allows
one after any form: "Dec. 17"); a form means one month in every language listed, which
`tests/test_facts.py` checks. Forms come from the languages' standard calendars (the
genitive, in which a day is written, where a language declines month names) and their
common abbreviations.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = ["MONTHS", "MONTH_FORMS", "PUBLISHED_MARKERS", "UPDATED_MARKERS", "YEAR_RANGE"]


def _months(*forms: str) -> Mapping[str, int]:
    """Twelve space-separated groups of forms, January to December."""
    table: dict[str, int] = {}
    assert len(forms) == 12, forms
    for month, group in enumerate(forms, start=1):
        for form in group.split():
            table[form] = month
    return MappingProxyType(table)


MONTHS: Mapping[str, Mapping[str, int]] = MappingProxyType(
    {
        "en": _months(
            "january jan", "february feb", "march mar", "april apr", "may", "june jun",
            "july jul", "august aug", "september sep sept", "october oct",
            "november nov", "december dec",
        ),
        "de": _months(
            "januar jänner jän", "februar feber", "märz mär mrz", "april", "mai", "juni",
            "juli", "august", "september", "oktober okt", "november", "dezember dez",
        ),
        "fr": _months(
            "janvier janv", "février févr fév fevrier", "mars", "avril avr", "mai",
            "juin", "juillet juil", "août aout", "septembre", "octobre", "novembre",
            "décembre déc decembre",
        ),
        "es": _months(
            "enero ene", "febrero", "marzo", "abril abr", "mayo", "junio", "julio",
            "agosto ago", "septiembre setiembre", "octubre", "noviembre", "diciembre dic",
        ),
        "it": _months(
            "gennaio gen", "febbraio", "marzo", "aprile", "maggio mag", "giugno giu",
            "luglio lug", "agosto", "settembre set", "ottobre ott", "novembre",
            "dicembre",
        ),
        "pt": _months(
            "janeiro", "fevereiro fev", "março marco", "abril", "maio", "junho",
            "julho", "agosto", "setembro", "outubro out", "novembro", "dezembro",
        ),
        "nl": _months(
            "januari", "februari", "maart mrt", "april", "mei", "juni", "juli",
            "augustus", "september", "oktober", "november", "december",
        ),
        "da-no": _months(
            "januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
            "september", "oktober", "november", "desember des",
        ),
        "sv": _months(
            "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
            "september", "oktober", "november", "december",
        ),
        "fi": _months(
            "tammikuuta tammikuu", "helmikuuta helmikuu", "maaliskuuta maaliskuu",
            "huhtikuuta huhtikuu", "toukokuuta toukokuu", "kesäkuuta kesäkuu",
            "heinäkuuta heinäkuu", "elokuuta elokuu", "syyskuuta syyskuu",
            "lokakuuta lokakuu", "marraskuuta marraskuu", "joulukuuta joulukuu",
        ),
        "pl": _months(
            "stycznia styczeń sty", "lutego luty lut", "marca marzec",
            "kwietnia kwiecień kwi", "maja maj", "czerwca czerwiec cze",
            "lipca lipiec lip", "sierpnia sierpień sie", "września wrzesień wrz",
            "października październik paź", "listopada listopad lis",
            "grudnia grudzień gru",
        ),
        "cs": _months(
            "ledna leden", "února únor", "března březen", "dubna duben", "května květen",
            "června červen", "července červenec", "srpna srpen", "září", "října říjen",
            "listopadu", "prosince prosinec",
        ),
        "tr": _months(
            "ocak", "şubat", "mart", "nisan", "mayıs", "haziran", "temmuz", "ağustos",
            "eylül", "ekim", "kasım", "aralık",
        ),
        "ru": _months(
            "января январь янв", "февраля февраль фев", "марта март", "апреля апрель апр",
            "мая май", "июня июнь", "июля июль", "августа август авг",
            "сентября сентябрь сен сент", "октября октябрь окт", "ноября ноябрь ноя нояб",
            "декабря декабрь дек",
        ),
        "uk": _months(
            "січня", "лютого", "березня", "квітня", "травня", "червня", "липня",
            "серпня", "вересня", "жовтня", "листопада", "грудня",
        ),
        "lt": _months(
            "sausio", "vasario", "kovo", "balandžio", "gegužės", "birželio", "liepos",
            "rugpjūčio", "rugsėjo", "spalio", "lapkričio", "gruodžio",
        ),
        "id": _months(
            "januari", "februari", "maret", "april", "mei", "juni", "juli",
            "agustus agu agt", "september", "oktober", "november", "desember",
        ),
        "is": _months(
            "janúar", "febrúar", "mars", "apríl", "maí", "júní", "júlí", "ágúst",
            "september", "október", "nóvember", "desember",
        ),
        "hu": _months(
            "január", "február", "március", "április", "május", "június", "július",
            "augusztus", "szeptember", "október", "november", "december",
        ),
        "ro": _months(
            "ianuarie", "februarie", "martie", "aprilie", "mai", "iunie", "iulie",
            "august", "septembrie", "octombrie", "noiembrie", "decembrie",
        ),
        "ca": _months(
            "gener", "febrer", "març", "abril", "maig", "juny", "juliol", "agost",
            "setembre", "octubre", "novembre", "desembre",
        ),
    }
)  # fmt: skip
"""Month names and abbreviations per language (a language code, or two that share forms)."""


def _merged() -> Mapping[str, int]:
    merged: dict[str, int] = {}
    for forms in MONTHS.values():
        for form, month in forms.items():
            merged.setdefault(form, month)
    return MappingProxyType(merged)


MONTH_FORMS: Mapping[str, int] = _merged()
"""Every month form of every language, with its month (1 to 12)."""

PUBLISHED_MARKERS: tuple[str, ...] = (
    # en
    "published", "first published", "posted", "posted on", "date published",
    "publication date", "released", "created", "written on", "dated", "date",
    # de
    "veröffentlicht", "veröffentlicht am", "erschienen", "erschienen am", "publiziert",
    "publiziert am", "erstellt", "erstellt am", "datum", "online seit", "verfasst am",
    # fr
    "publié", "publié le", "publiée le", "mis en ligne", "mis en ligne le", "paru le",
    "date de publication", "créé le",
    # es, pt, it, ca
    "publicado", "publicado el", "publicado em", "publicada", "publicado a las",
    "fecha de publicación", "data de publicação", "pubblicato", "pubblicato il",
    "pubblicata", "data di pubblicazione", "publicat",
    # nl, nordic
    "gepubliceerd", "gepubliceerd op", "geplaatst", "geplaatst op", "publicerad",
    "publiceret", "publisert", "julkaistu",
    # pl, cs, ru, uk, tr
    "opublikowano", "data publikacji", "publikováno", "zveřejněno", "опубликовано",
    "дата публикации", "опубліковано", "yayınlanma", "yayınlanma tarihi", "yayın tarihi",
)  # fmt: skip
"""Words that say the date after them is the publication date (matched case-insensitively,
as whole words, before the date on its line)."""

UPDATED_MARKERS: tuple[str, ...] = (
    # en
    "updated", "last updated", "update", "modified", "last modified", "revised",
    "last revised", "edited", "last edited",
    # de
    "aktualisiert", "aktualisiert am", "zuletzt aktualisiert", "geändert",
    "zuletzt geändert", "letzte änderung", "letzte aktualisierung", "stand", "akt",
    # fr
    "mis à jour", "mis à jour le", "mise à jour", "modifié le", "actualisé le",
    "dernière mise à jour",
    # es, pt, it, ca
    "actualizado", "actualizado el", "actualizada", "atualizado", "atualizado em",
    "atualização", "última actualización", "aggiornato", "aggiornato il",
    "ultimo aggiornamento", "actualitzat",
    # nl, nordic
    "bijgewerkt", "laatst bijgewerkt", "gewijzigd", "uppdaterad", "opdateret",
    "oppdatert", "päivitetty",
    # pl, cs, ru, uk, tr
    "aktualizacja", "zaktualizowano", "aktualizováno", "обновлено", "оновлено",
    "güncelleme", "güncellenme", "son güncelleme",
)  # fmt: skip
"""Words that say the date after them is the date of the last update."""

YEAR_RANGE: tuple[int, int] = (1991, 2099)
"""The years a page's own date can have: the web began in 1991; a printed date outside
these years (a year 0, a year 9999) is not read as the page's date."""
