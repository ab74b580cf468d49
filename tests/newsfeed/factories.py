from datetime import datetime

from core.visibility import Visibility
from newsfeed.models import NewsKind
from newsfeed.services import publish


def news(*, title="News", kind=NewsKind.MEMBER_JOINED, visibility=Visibility.PUBLIC, **fields):
    """A news item made the way the sections make them: through publish()."""
    return publish(kind=kind, title=title, visibility=visibility, **fields)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)
