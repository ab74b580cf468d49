from celery import shared_task

from docs_library import services


@shared_task(acks_late=True)
def extract_document_text(document_id: int) -> None:
    """Read the file's text; a failure is recorded on the document and retried later by
    ``services.document_extract`` itself (a bounded number of times), never raised."""
    retry_in = services.document_extract(document_id=document_id)
    if retry_in is not None:
        extract_document_text.apply_async(args=[document_id], countdown=retry_in)
