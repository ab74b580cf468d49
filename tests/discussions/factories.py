import uuid

import factory

from discussions import services
from discussions.models import Board
from tests.accounts.factories import UserFactory


class BoardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Board

    name = factory.Sequence(lambda n: f"Housing and the right to the city {n}")
    slug = factory.Sequence(lambda n: f"housing-{n}")
    description = "Practices, challenges and lessons on housing as a human right."


def start_thread(board=None, *, by=None, title="Welcoming refugees", body="How do you do it?"):
    """A thread started through the service (news item, watching, read position and all)."""
    return services.thread_start(
        board=board or BoardFactory(),
        by=by or UserFactory(),
        title=title,
        body=body,
        submission_key=uuid.uuid4(),
    )


def reply(thread, *, by=None, body="In our city we ..."):
    post, _created = services.post_reply(
        thread=thread, by=by or UserFactory(), body=body, submission_key=uuid.uuid4()
    )
    return post
