"""The words of datelines: months, weekdays, their abbreviations, times of day, time zones,
years, and the labels that introduce a date, in English, German, French, Spanish,
Portuguese and Russian.

Each word is listed once, in the first language that has it ("mai" is German and French,
"mars" French, "mar" an English abbreviation). `karabakh_corpus.cleaner.features.is_dated`
reads them: a line of such words and numbers is a dateline ("Thursday 31 March 2022 05:52
EDT", "Publié le 3 mars 2021", "3 марта 2021 г.").
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = ["DATE_LABELS", "DATE_NAMES", "DATE_WORDS", "NAMED_DATE_WORDS"]

DATE_NAMES: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        language: frozenset(words.split())
        for language, words in {
            "English": (
                "january february march april may june july august september october"
                " november december jan feb mar apr jun jul aug sep sept oct nov dec"
                " monday tuesday wednesday thursday friday saturday sunday"
                " mon tue tues wed thu thur thurs fri sat sun"
                " am pm gmt utc bst cet cest edt est pdt pst cdt cst msk ist"
            ),
            "German": (
                "januar februar märz mai juni juli oktober dezember"
                " montag dienstag mittwoch donnerstag freitag samstag sonntag"
            ),
            "French": (
                "janvier février mars avril juin juillet août septembre octobre novembre"
                " décembre lundi mardi mercredi jeudi vendredi samedi dimanche"
            ),
            "Spanish": (
                "enero febrero marzo abril mayo junio julio agosto septiembre octubre"
                " noviembre diciembre lunes martes miércoles jueves viernes sábado domingo"
            ),
            "Portuguese": (
                "janeiro fevereiro março maio junho julho setembro outubro novembro dezembro"
            ),
            "Russian": (
                "января февраля марта апреля мая июня июля августа сентября октября"
                " ноября декабря г года"
            ),
        }.items()
    }
)
"""Words that name a date or a time, by language: months, weekdays, their abbreviations,
"am" and "pm", time zones, and the Russian year ("г", "года")."""

DATE_LABELS = frozenset(
    {
        "published",
        "updated",
        "posted",
        "date",
        "last",
        "modified",
        "first",
        "on",
        "at",
        "de",
        "del",
        "el",
        "le",
        "la",
        "à",
        "um",
    }
)
"""Words that introduce a date without naming one ("Published on", "Last updated at", "le",
"um")."""

NAMED_DATE_WORDS = frozenset().union(*DATE_NAMES.values())
"""The words that name a date or a time, in every language: a line without one (or a
clock time) is no dateline."""

DATE_WORDS = NAMED_DATE_WORDS | DATE_LABELS
"""Every word of a dateline: the names and the labels."""
