import datetime

import factory

from core.visibility import Visibility
from docs_library.models import (
    Document,
    DocumentKind,
    DocumentPage,
    DocumentState,
    ExtractionState,
)
from docs_library.search import INDEXED_CHARACTERS


class DocumentFactory(factory.django.DjangoModelFactory):
    """A published, public report held as a link. ``pages=[...]`` gives it extracted text, as
    the extraction task would (pages rows and the indexed body)."""

    class Meta:
        model = Document
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Local human rights report {n}")
    slug = factory.Sequence(lambda n: f"local-human-rights-report-{n}")
    summary = "What the city learnt."
    kind = DocumentKind.REPORT
    language = "en"
    published_on = datetime.date(2024, 5, 1)
    author = "UCLG-CSIPDHR"
    link = factory.Sequence(lambda n: f"https://www.example.org/reports/{n}.pdf")
    visibility = Visibility.PUBLIC
    state = DocumentState.PUBLISHED
    extraction_state = ExtractionState.NOT_APPLICABLE

    @factory.post_generation
    def pages(document, create, pages, **kwargs):
        if not create or not pages:
            return
        DocumentPage.objects.bulk_create(
            DocumentPage(document=document, number=number, text=text, language=document.language)
            for number, text in enumerate(pages, start=1)
        )
        document.indexed_text = "\n".join(pages)[:INDEXED_CHARACTERS]
        document.page_count = len(pages)
        document.extraction_state = ExtractionState.DONE
        document.save(update_fields=["indexed_text", "page_count", "extraction_state"])

    @factory.post_generation
    def focus_areas(document, create, areas, **kwargs):
        if create and areas:
            document.focus_areas.set(areas)

    @factory.post_generation
    def members(document, create, members, **kwargs):
        if create and members:
            document.members.set(members)
