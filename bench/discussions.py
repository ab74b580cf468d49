"""The board: a thread of 1,000 posts (first and last page) and a board of 5,000 threads with
the unread counts of a member who has read some of them."""

import random
from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from discussions.models import POSTS_PER_PAGE, Board, Post, ReadPosition, Thread

THREADS = 5000
POSTS = 1000
SENTENCES = [
    "In our city the local human rights observatory publishes a yearly report.",
    "We opened a welcome office for refugees and migrants with the social services.",
    "The gender equality plan was drafted with neighbourhood associations.",
    "Participatory budgeting gave young people a say in how the budget is spent.",
    "**Lesson learnt:** start with the people most affected, and keep them involved.",
    "See the [charter](https://www.uclg-cisdp.org/) for the full text of the right.",
]


def _body(rng: random.Random, n: int) -> str:
    return f"Post {n}. " + " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(2, 6)))


def _generate():
    rng = random.Random(2026)
    now = timezone.now()
    authors = User.objects.bulk_create(
        User(email=f"bench-board-{n}@example.org", name=f"Bench Member {n}", is_approved=True,
             approved_at=now)
        for n in range(50)
    )  # fmt: skip
    reader = authors[0]
    board = Board.objects.create(name="Welcoming refugees and migrants", slug="bench-board")
    threads = Thread.objects.bulk_create(
        Thread(board=board, title=f"Bench thread {n}", author=rng.choice(authors),
               last_activity_at=now - timedelta(minutes=n), pinned=n < 3, locked=n % 97 == 0,
               last_number=3, visible_count=3, last_visible_number=3)
        for n in range(THREADS)
    )  # fmt: skip
    Post.objects.bulk_create(
        Post(thread=thread, number=number, author=rng.choice(authors), body=_body(rng, number))
        for thread in threads
        for number in (1, 2, 3)
    )
    ReadPosition.objects.bulk_create(
        ReadPosition(user=reader, thread=thread, last_read_number=rng.randint(1, 3))
        for thread in threads[::2]
    )
    long = threads[10]
    Post.objects.filter(thread=long).delete()
    Post.objects.bulk_create(
        Post(thread=long, number=number, author=rng.choice(authors), body=_body(rng, number),
             hidden_at=now if number % 50 == 0 else None,
             hidden_reason="Off-topic" if number % 50 == 0 else "")
        for number in range(1, POSTS + 1)
    )  # fmt: skip
    hidden = POSTS // 50
    Thread.objects.filter(pk=long.pk).update(
        last_number=POSTS, visible_count=POSTS - hidden, last_visible_number=POSTS - 1
    )
    ReadPosition.objects.update_or_create(
        user=reader, thread=long, defaults={"last_read_number": 400}
    )
    return reader, board, long


def run(harness):
    reader, board, long = _generate()
    harness.analyze()
    last_page = (POSTS - 1) // POSTS_PER_PAGE + 1
    harness.page("boards, 5,000 threads", "/discussions/", user=reader, target="< 60 ms")
    harness.page(
        "board of 5,000 threads with unread counts",
        board.get_absolute_url(),
        user=reader,
        target="< 60 ms",
    )
    harness.page(
        "thread of 1,000 posts, page 1", long.get_absolute_url(), user=reader, target="< 60 ms"
    )
    harness.page(
        "thread of 1,000 posts, last page",
        f"{long.get_absolute_url()}?page={last_page}",
        user=reader,
        target="< 60 ms",
    )
