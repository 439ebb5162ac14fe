"""The generic rules for the furniture of reader comments: their headings and counts, the
forms that invite one, the lines that sign one and the fields of the form.
"""

from __future__ import annotations

from karabakh_corpus.cleaner.lexicon import DASH
from karabakh_corpus.cleaner.rules import Rule
from karabakh_corpus.schema import Category

__all__ = ["RULES"]

RULES: tuple[Rule, ...] = (
    Rule(
        "comment",
        Category.COMMENT_PROMPT,
        DASH + r"(?:leave a (?:comment|reply)|comments?|\d+ comments?|add (?:a )?comment"
        r"|post a comment|join the (?:discussion|conversation)|show comments|view comments"
        r"|comment on this (?:story|article)|(?:article|reader'?s?'?) comments(?: \(\d+\))?"
        r"|add new comment|sound off(?: \(\d+ responses?\))?"
        r"|\{\s*+\d+ comments?(?:\u2026|\.\.\.)? (?:read them below or )?add one(?: now)?\s*+\}"
        r"|comment viewing options|do you have comments on this (?:story|article)\??"
        r"|talkback(?: here)?|kommentare|commentaires|coment[aá]rios|комментарии"
        r"|schreibe(?:n sie)? einen kommentar|kommentar (?:hinzufügen|schreiben|verfassen)"
        r"|dej(?:a|ar) (?:un|tu) comentario|laisser un commentaire|lascia un commento"
        r"|dodaj komentarz|deixe (?:um|seu) comentário|write a comment)" + DASH,
        heading=True,
        barrier=True,
        triggers=[
            "sound",
            "comentários",
            "talkback",
            "leave",
            "comment",
            "comments",
            "add",
            "post",
            "join",
            "show",
            "view",
            "kommentare",
            "commentaires",
            "comentarios",
            "комментарии",
            "kommentar",
            "deja",
            "dejar",
            "laisser",
            "lascia",
            "dodaj",
            "deixe",
        ],
        examples_drop=(
            "Sound Off (78 Responses)",
            "{ 4 comments\u2026 read them below or add one }",
            "{ 0 comments\u2026 add one now }",
            "Article comments",
            "Readers' comments",
            "Reader Comments (1)",
            "Article comments (12)",
            "Add new comment",
            "Comment viewing options",
            "Do you have comments on this story?",
            "Talkback here",
            "Leave a Comment",
            "Comments",
            "12 comments",
            "Add comment",
            "Comentarios",
            "Comentários",
            "Comment",
            "Commentaires",
            "Join the discussion",
            "Kommentare",
            "Leave a reply",
            "Post a comment",
            "Show comments",
            "View comments",
            "Комментарии",
            "Schreibe einen Kommentar",
            "Schreiben Sie einen Kommentar",
            "Kommentar hinzufügen",
            "Deja un comentario",
            "Dejar un comentario",
            "Laisser un commentaire",
            "Lascia un commento",
            "Dodaj komentarz",
            "Deixe um comentário",
            "Write a comment",
        ),
        examples_keep=(
            "Comments made by the minister on Friday drew a sharp rebuke from Baku.",
            "Schreiben Sie einen Kommentar zur Lage, bat die Zeitung ihre Leser am Freitag.",
            "Comments (3)",
        ),
    ),
    Rule(
        "comment-form",
        Category.COMMENT_PROMPT,
        r"\b(?:your email address will not be published|required fields are marked"
        r"|save my name,? email|notify me (?:of|via|when)|cancel reply|post comment"
        r"|akismet|comment data is processed|be the first to comment|log in to comment"
        r"|by clicking (?:and )?submitting a comment"
        r"|login to comment|comments? (?:are|is) (?:now )?closed|please be mindful of our community"
        r"|you must be logged in|the following (?:are|is) comments? from (?:the |our )?readers"
        r"|comment entries are limited to|does not endorse and is not responsible for (?:the )?"
        r"(?:content of )?(?:the )?comments"
        # the comment forms of the blog platforms in the other languages of the sets
        r"|(?:deine|ihre) e-mail-adresse wird nicht veröffentlicht|erforderliche felder sind"
        r"|antwort(?:en)? abbrechen|du kommentierst mit deinem|gib hier deinen kommentar ein"
        r"|benachrichtig(?:e mich|ung) (?:über|bei) (?:neuen?|weiteren)|informiere mich über"
        r"|tu dirección de correo electrónico no será publicada|cancelar respuesta"
        r"|votre adresse (?:e-mail|de messagerie) ne sera pas publiée|annuler la réponse"
        r"|twój adres e-mail nie zostanie opublikowany|anuluj pisanie odpowiedzi)\b",
        whole=False,
        max_words=30,
        barrier=True,
        triggers=[
            "email",
            "required",
            "save",
            "notify",
            "cancel",
            "akismet",
            "comment",
            "comments",
            "logged",
            "processed",
            "closed",
            "mindful",
            "veröffentlicht",
            "erforderliche",
            "abbrechen",
            "kommentierst",
            "kommentar",
            "benachrichtige",
            "benachrichtigung",
            "informiere",
            "publicada",
            "cancelar",
            "publiée",
            "annuler",
            "opublikowany",
            "anuluj",
        ],
        examples_drop=(
            "By clicking and submitting a comment I acknowledge the privacy policy of this site.",
            "Your email address will not be published. Required fields are marked *",
            "Save my name, email, and website in this browser for the next time I comment.",
            "Leave a Comment Cancel Reply",
            "This site uses Akismet to reduce spam.",
            "Cancel reply",
            "Notify me when new posts appear",
            "Please be mindful of our community standards.",
            "Required fields are marked *",
            "You must be logged in.",
            "Comments are now closed for this story",
            "The following are comments from the readers. In no way do they represent the "
            "view of Example News.",
            "Comment entries are limited to 100 words.",
            "(Note: Example News does not endorse and is not responsible for the comments "
            "posted below.)",
            "Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * "
            "markiert",
            "Erforderliche Felder sind mit * markiert",
            "Ihre E-Mail-Adresse wird nicht veröffentlicht.",
            "Antwort abbrechen",
            "Schreibe einen Kommentar Antworten abbrechen",
            "Kommentar verfassen Antwort abbrechen",
            "Du kommentierst mit Deinem WordPress.com-Konto. ( Abmelden / Ändern)",
            "Gib hier Deinen Kommentar ein ...",
            "Benachrichtigung bei weiteren Kommentaren per E-Mail senden.",
            "Benachrichtige mich über neue Beiträge via E-Mail.",
            "Informiere mich über neue Beiträge per E-Mail.",
            "Tu dirección de correo electrónico no será publicada.",
            "Cancelar respuesta",
            "Votre adresse e-mail ne sera pas publiée.",
            "Annuler la réponse",
            "Twój adres e-mail nie zostanie opublikowany.",
            "Anuluj pisanie odpowiedzi",
        ),
        examples_keep=(
            "The community guidelines of the two villages were drafted by elders in 1994, "
            "long before the first ceasefire.",
        ),
    ),
    Rule(
        "comment-author",
        Category.COMMENT_PROMPT,
        r"\S.{0,50}\s(?:says|wrote|writes|commented|replied)\s*:?"
        r"|(?=.*\d:\d\d)\S.{0,80}\ssaid\s*:?|reply|report comment"
        r"|\d+ (?:replies|likes?|points?)",
        max_words=12,
        barrier=True,
        triggers=[
            "says",
            "said",
            "wrote",
            "writes",
            "commented",
            "replied",
            "reply",
            "report",
            "replies",
            "like",
            "likes",
            "point",
            "points",
        ],
        examples_drop=(
            "thelastchargersfan says:",
            "Bob. Just Bob. says:",
            "Reply",
            "Jane Doe commented:",
            "Jane Doe wrote:",
            "Jane Doe writes:",
            "Jane Doe replied:",
            "Jane Doe writes",
            "On May 3, 2012 at 10:12 am Jane Doe said",
            "Jane D. on 10/26/2012 at 12:49 PM said:",
            "Report comment",
            "3 replies",
            "12 likes",
            "1 like",
            "5 points",
            "1 point",
        ),
        examples_keep=(
            "Pashinyan says the talks will resume next week in Brussels.",
            "\u201cWe will return to the table,\u201d the minister said.",
            "Asked about the talks on Monday, the minister said:",
        ),
    ),
    Rule(
        "comment-count",
        Category.COMMENT_PROMPT,
        r"(?:\d+|one) (?:comments?|responses?|thoughts?|replies) (?:to|on)\b"
        r"[^.!?]*+(?:[.!?]++[\"\u201d\u2019\u00bb)]++)?"
        r"|\d+ comments? [-\u2013\u2014|] permalink",
        heading=True,
        barrier=True,
        max_words=30,
        triggers=["comment", "comments", "response", "responses", "thought", "thoughts", "replies"],
        examples_drop=(
            "12 Responses to \u201cTalks resume in Tbilisi\u201d",
            "4 Responses to \u201cWill the talks resume?\u201d",
            "One response to \u201cTalks resume in Tbilisi\u201d",
            "2 thoughts on \u201cTalks resume in Tbilisi\u201d",
            "1 thought on \u201cTalks resume in Tbilisi\u201d",
            "15 comments to Talks resume in Tbilisi",
            "1 comment on Talks resume in Tbilisi",
            "3 replies to Talks resume in Tbilisi",
            "7 comments \u2013 permalink",
        ),
        examples_keep=(
            "No comments on the talks were made by either side.",
            "One response to the proposal came from Baku within hours.",
        ),
    ),
    Rule(
        "comment-field",
        Category.COMMENT_PROMPT,
        r"(?:(?:(?:from|to) )?(?:name|e-?mail)|mail|url|website|web site|homepage|password"
        r"|your name|your email|your information|comment|message)"
        r"\s*(?:\*|:|\((?:required|optional|will not be published"
        r"|not published)\)\s*)+|\(urls? automatically linked\.?\)|previewing your comment"
        r"|verify your comment|invalid url|(?:recent|latest|most) comments?(?: rss)?|comments rss"
        r"|most commented|posted by\s*:\s*\|?|(?:blog )?comments powered by \S+"
        r"|trackback url(?: for this (?:entry|post))?\s*:?|have your say|newer posts?"
        r"|older posts?|(?:newer post )?older post(?: home)?|newer post(?: home)?",
        max_words=8,
        barrier=True,
        triggers=[
            "name",
            "email",
            "e",
            "mail",
            "url",
            "urls",
            "message",
            "website",
            "web",
            "homepage",
            "password",
            "your",
            "comment",
            "comments",
            "previewing",
            "verify",
            "invalid",
            "recent",
            "latest",
            "most",
            "commented",
            "posted",
            "powered",
            "trackback",
            "have",
            "newer",
            "older",
        ],
        examples_drop=(
            "Name (required)",
            "From Name:",
            "To Email:",
            "Message:",
            "Mail (will not be published) (required)",
            "Name *",
            "URL:",
            "(URLs automatically linked.)",
            "Previewing your Comment",
            "Recent Comments",
            "Posted by: |",
            "blog comments powered by Disqus",
            "Trackback URL for this entry:",
            "Newer Post Older Post Home",
            "Email *",
            "Website:",
            "Homepage:",
            "Password *",
            "Your information:",
            "Comment:",
            "Comments RSS",
            "Newer posts",
            "Older posts",
            "Web site:",
        ),
        examples_keep=(
            "Your name will be added to the list of observers, the mission said on Monday.",
            "Most comments from officials in Baku were positive, the agency said.",
        ),
    ),
)
"""These rules, in the order the generic table tries them (after those of `appeals`)."""
