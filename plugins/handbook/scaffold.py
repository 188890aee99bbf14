"""``handbook new``: start a chapter from ``templates/new-chapter.md``."""

from __future__ import annotations

from pathlib import Path

import jinja2

from . import chapters, files, frontmatter, markdown, normalise
from .dedup import sentence_case
from .errors import HandbookError
from .language import lemmas_of, slugify

TEMPLATE = "new-chapter.md"


def new_chapter(title: str, directory: Path, templates: Path) -> chapters.PlannedFile:
    """The chapter ``handbook new TITLE`` writes: the next number in ``directory``, the
    template's body, and front matter with the title. Nothing is written here."""
    title = " ".join(title.split())
    slug = slugify(title)
    if not slug:
        raise HandbookError(
            f"the title {title!r} has no letters or digits to name a file after", fix="choose a title with words"
        )
    existing = files.scan(directory).chapters if directory.is_dir() else []
    for path in existing:
        if files.chapter_slug(path) == slug:
            raise HandbookError(f"a chapter with this title already exists: {path}", fix="choose another title")
    number = max((files.chapter_order(path)[0] for path in existing), default=0) + 1
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(templates), undefined=jinja2.StrictUndefined)
    topic = as_topic(title)
    try:
        body = environment.get_template(TEMPLATE).render(topic=topic)
    except jinja2.TemplateNotFound:
        raise HandbookError("the chapter template is missing", path=templates / TEMPLATE) from None
    meta = {"title": title, "description": f"Techniques for {topic}."}
    text = normalise.text(frontmatter.dump(meta) + "\n" + body).text
    target = directory / f"{number:02d}-{slug}.md"
    return chapters.PlannedFile(templates / TEMPLATE, target, title, text)


PLACEHOLDER_WORDS = 8  # shorter template texts ("Here are some techniques to try:") may well be a chapter's own


def placeholders(templates: Path) -> frozenset[str]:
    """The template's own sentences (paragraphs and list items of eight words or more, not
    made from the title): a chapter that still holds one was never edited after ``new``."""
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(templates), undefined=jinja2.StrictUndefined)
    try:
        body = environment.get_template(TEMPLATE).render(topic="\u2063")  # a mark no chapter text has
    except (jinja2.TemplateError, OSError):
        return frozenset()
    return frozenset(
        block.text
        for block in markdown.parse(body).document.walk()
        if block.kind == "paragraph" and "\u2063" not in block.text and len(block.text.split()) >= PLACEHOLDER_WORDS
    )


def as_topic(title: str) -> str:
    """The title as it reads inside a sentence: "Networking at Conferences" ->
    "networking at conferences"; names ("LinkedIn") keep their capitals."""
    cased = sentence_case(title, names=set())
    first, _, rest = cased.partition(" ")
    if lemmas_of(first.lower()) and not any(character.isupper() for character in first[1:]):
        first = first.lower()
    return f"{first} {rest}".strip()
