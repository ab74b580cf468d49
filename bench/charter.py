"""A right page with 500 comments and 100 amendments; comparing two versions of 40 rights."""

from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from charter.models import Amendment, Charter, Comment, Right, RightText, Version

# A vocabulary the size of a real charter's, so the diff sees text, not a repeated pattern.
WORDS = [
    f"{stem}{suffix}"
    for stem in (
        "inhabit",
        "city",
        "right",
        "equal",
        "access",
        "housing",
        "water",
        "particip",
        "servic",
        "public",
        "women",
        "child",
        "cultur",
        "justic",
        "digital",
        "environ",
        "safe",
        "dignit",
        "local",
        "govern",
        "protect",
        "promot",
        "respect",
        "fulfil",
        "person",
        "famil",
        "work",
    )
    for suffix in ("", "s", "ed", "ing", "ion", "al", "ity", "ly", "ness", "ment", "ers")
]


def _text(n: int, length: int = 150) -> str:
    return " ".join(WORDS[(n * 131 + i * 37 + i * i) % len(WORDS)] for i in range(length)) + "."


def _reworded(n: int, text: str | None = None) -> str:
    """The same text with a few words changed, as an amendment would."""
    words = (text or _text(n)).split()
    for position in (n % 40, 60 + n % 30, 120 + n % 20):
        words[position] = "adequate"
    return " ".join(words)


def _generate():
    charter = Charter.objects.create(name="Bench Charter-Agenda", slug="bench-charter")
    now = timezone.now()
    first = Version.objects.create(
        charter=charter, number=1, title="v1", status="adopted",
        adopted_at=now - timedelta(days=400), published_at=now,
    )  # fmt: skip
    second = Version.objects.create(
        charter=charter, number=2, title="v2", status="consultation", based_on=first,
        round_opens_at=now - timedelta(days=1), round_closes_at=now + timedelta(days=60),
        published_at=now,
    )  # fmt: skip
    rights = Right.objects.bulk_create(Right(charter=charter, key=f"right-{n}") for n in range(40))
    RightText.objects.bulk_create(
        RightText(version=first, right=r, group=f"Group {n // 10}", number=n + 1,
                  title=f"Right {n}", formulation=_text(n), order=n)
        for n, r in enumerate(rights)
    )  # fmt: skip
    RightText.objects.bulk_create(
        RightText(version=second, right=r, group=f"Group {n // 8}", number=40 - n,
                  title=f"Right {n}" + (" (new)" if n % 5 == 0 else ""),
                  formulation=_reworded(n) if n % 3 else _text(n), order=n)
        for n, r in enumerate(rights)
    )  # fmt: skip
    author = User.objects.create_user(email="bench-author@example.org", password="x",
                                      is_approved=True, approved_at=now)  # fmt: skip
    target = RightText.objects.get(version=second, right=rights[0])
    Comment.objects.bulk_create(
        Comment(right_text=target, author=author, body=f"Comment {n}: " + _text(n, 40),
                quoted_title=target.title, quoted_formulation=target.formulation)
        for n in range(500)
    )  # fmt: skip
    Amendment.objects.bulk_create(
        Amendment(right_text=target, author=author, proposed_title=target.title,
                  proposed_formulation=_reworded(n, target.formulation), rationale="Because.",
                  base_fingerprint="x", base_title=target.title,
                  base_formulation=target.formulation)
        for n in range(100)
    )  # fmt: skip
    return target


def run(harness):
    target = _generate()
    harness.analyze()
    harness.page("right page, 500 comments, 100 amendments", target.get_absolute_url(),
                 target="< 100 ms")  # fmt: skip
    harness.page("compare two versions of 40 rights", "/charter/compare/1/2/", target="< 100 ms")
