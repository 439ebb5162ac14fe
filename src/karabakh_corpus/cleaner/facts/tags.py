"""The markup the facts are read from: which keys of JSON-LD, ``<meta>`` tags and
``itemprop`` attributes declare which field. Data only; `markup` reads it, `read` ranks by it.

Keys are those of schema.org (JSON-LD and microdata), the Open Graph protocol
(``og:``, ``article:``), Dublin Core (``dc.``, ``dcterms.``) and the tags common news
sites add (``sailthru.date``, ``parsely-pub-date``, ``byl``). Each table lists its keys in
the order the reader trusts them, most trusted first.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = [
    "ARTICLE_TYPES",
    "JSON_LD_KEYS",
    "META_KEYS",
    "MICRODATA_KEYS",
    "PAGE_TYPES",
    "PUBLISHED_CLASSES",
    "PUBLISHED_KEYS",
    "UPDATED_KEYS",
    "WEAK_PUBLISHED_KEYS",
]

ARTICLE_TYPES: frozenset[str] = frozenset(
    {
        "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle",
        "opinionnewsarticle", "backgroundnewsarticle", "reviewnewsarticle",
        "askpublicnewsarticle", "blogposting", "liveblogposting", "socialmediaposting",
        "discussionforumposting", "techarticle", "scholarlyarticle", "report", "review",
        "satiricalarticle", "advertisercontentarticle", "medicalscholarlyarticle", "recipe",
        "howto", "videoobject", "podcastepisode", "creativework",
    }
)  # fmt: skip
"""schema.org types whose object is the page's story (lower case)."""

PAGE_TYPES: frozenset[str] = frozenset(
    {"webpage", "itempage", "aboutpage", "collectionpage", "profilepage", "qapage", "faqpage"}
)
"""schema.org types of the page itself: read after the story's object."""

JSON_LD_KEYS: Mapping[str, str] = MappingProxyType(
    {
        "datePublished": "date",
        "dateCreated": "date",
        "uploadDate": "date",
        "dateModified": "updated",
        "headline": "title",
        "name": "title",
        "author": "authors",
        "creator": "authors",
        "publisher": "outlet",
        "sourceOrganization": "wire",
        "dateline": "dateline",
    }
)
"""JSON-LD keys of a story's (or page's) object, and the field each declares."""

META_KEYS: Mapping[str, str] = MappingProxyType(
    {
        # the publication date
        "article:published_time": "date",
        "og:article:published_time": "date",
        "og:published_time": "date",
        "article:published": "date",
        "published_time": "date",
        "article.published": "date",
        "datepublished": "date",
        "publishdate": "date",
        "publish-date": "date",
        "publish_date": "date",
        "published-date": "date",
        "publication_date": "date",
        "pubdate": "date",
        "og:pubdate": "date",
        "article_date_original": "date",
        "original-publish-date": "date",
        "sailthru.date": "date",
        "parsely-pub-date": "date",
        "cxenseparse:recs:publishtime": "date",
        "citation_publication_date": "date",
        "citation_date": "date",
        "dcterms.issued": "date",
        "dc.date.issued": "date",
        "dcterms.created": "date",
        "dc.date.created": "date",
        "dcterms.date": "date",
        "dc.date": "date",
        "date": "date",
        "created": "date",
        "article.created": "date",
        # the update
        "article:modified_time": "updated",
        "og:updated_time": "updated",
        "article:modified": "updated",
        "datemodified": "updated",
        "dcterms.modified": "updated",
        "dc.date.modified": "updated",
        "last-modified": "updated",
        "lastmod": "updated",
        # the authors
        "author": "authors",
        "article:author": "authors",
        "article:author_name": "authors",
        "byl": "authors",
        "dc.creator": "authors",
        "dcterms.creator": "authors",
        "sailthru.author": "authors",
        "parsely-author": "authors",
        "citation_author": "authors",
        "cxenseparse:author": "authors",
        # the outlet
        "og:site_name": "outlet",
        "application-name": "outlet",
        "publisher": "outlet",
        "dc.publisher": "outlet",
        "dcterms.publisher": "outlet",
        "article:publisher": "outlet",
        # the title
        "og:title": "title",
        "twitter:title": "title",
        "dc.title": "title",
        "dcterms.title": "title",
        "citation_title": "title",
        "headline": "title",
        "sailthru.title": "title",
        "parsely-title": "title",
    }
)
"""``<meta>`` names and properties (lower case), and the field each declares."""

MICRODATA_KEYS: Mapping[str, str] = MappingProxyType(
    {
        "datePublished": "date",
        "dateCreated": "date",
        "dateModified": "updated",
        "author": "authors",
        "creator": "authors",
        "headline": "title",
        "publisher": "outlet",
    }
)
"""``itemprop`` values outside ``<meta>`` tags, and the field each declares."""

PUBLISHED_CLASSES: tuple[str, ...] = ("publish", "posted", "pubdate", "entry-date", "post-date")
"""Words of a ``<time>`` element's class (or its ``pubdate`` attribute) that mark the
publication date."""

PUBLISHED_KEYS: tuple[str, ...] = (
    "json-ld story datePublished",
    "meta article:published_time",
    "meta og:article:published_time",
    "meta og:published_time",
    "meta article:published",
    "meta published_time",
    "meta article.published",
    "meta datepublished",
    "meta publishdate",
    "meta publish-date",
    "meta publish_date",
    "meta published-date",
    "meta publication_date",
    "meta pubdate",
    "meta og:pubdate",
    "meta article_date_original",
    "meta original-publish-date",
    "meta cxenseparse:recs:publishtime",
    "meta citation_publication_date",
    "meta dcterms.issued",
    "meta dc.date.issued",
    "microdata datePublished",
    "time pubdate",
    "json-ld page datePublished",
    'html link[rel="canonical"]',
    "meta og:url",
)
"""The declarations of the publication date that win over the date the page prints, most
trusted first (a story's JSON-LD, the Open Graph and publication tags, ``itemprop``, a
``<time pubdate>``, the page's JSON-LD). `key_of` names a declaration so."""

WEAK_PUBLISHED_KEYS: tuple[str, ...] = (
    "meta date",
    "meta dcterms.date",
    "meta dc.date",
    "meta dcterms.created",
    "meta dc.date.created",
    "meta created",
    "meta article.created",
    "meta sailthru.date",
    "meta parsely-pub-date",
    "meta citation_date",
    "json-ld story dateCreated",
    "json-ld page dateCreated",
    "microdata dateCreated",
    "time article",
    "json-ld story uploadDate",
    "time other",
    "script datePublished",
    "script published_at",
    "script publishedAt",
    "script publish_date",
    "script publishDate",
    "script pubDate",
    "script date_published",
    "script firstPublished",
    "script first_published_at",
    "meta og:image",
    "meta twitter:image",
)
"""Declarations of a date that the date the page prints near its headline wins over: generic
date tags, creation dates, any ``<time>`` element. Most trusted first."""

UPDATED_KEYS: tuple[str, ...] = (
    "json-ld story dateModified",
    "meta article:modified_time",
    "meta og:updated_time",
    "meta article:modified",
    "meta datemodified",
    "meta dcterms.modified",
    "meta dc.date.modified",
    "microdata dateModified",
    "json-ld page dateModified",
    "meta last-modified",
    "meta lastmod",
)
"""Declarations of the date of the last update, most trusted first."""
