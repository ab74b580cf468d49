"""Demo discussion board, told in our own words from the seeds: boards for the focus areas the
campaign's first report names most (welcoming migrants and refugees, gender equality plans,
local human rights offices and observatories, financial inclusion and decent work; seeds 002
and 003) and a working space of the steering group, with threads and replies by the demo
members, one flag waiting for review and one post hidden by the secretariat.

Idempotent: boards by slug, threads by board and title, replies by thread, author and words,
the flag by post and member; the post is hidden once. Everything that has a service is written
through it; their e-mails are queued when load_demo commits, as in the other demos."""

from django.contrib.auth.models import Group

from accounts.models import User
from cities.models import FocusArea
from core.rules import STEERING_GROUP
from discussions import services
from discussions.models import Board, Flag, FlagReason, ModerationAction, Post, Thread

SECRETARIAT = "secretariat@example.org"
FOCAL_POINT = "focal.point@example.org"  # Min-jun Park, Gwangju
MEMBER = "member@example.org"  # Amina Diallo, Saint-Louis
STEERING = "steering@example.org"  # Lucas Moreau, Lyon

MIGRATION = "welcoming-migrants-and-refugees"
GENDER = "gender-equality"
MECHANISMS = "local-human-rights-mechanisms"
INCLUSION = "financial-inclusion-and-decent-work"
WORKING_GROUP = "steering-group"

# slug: (name, description, focus area slug, order, only for the steering group)
BOARDS = {
    MIGRATION: (
        "Welcoming migrants and refugees",
        "How member cities welcome refugees and newcomers, open their services to migrants "
        "whatever their status, and work for a more dignified human mobility.",
        "migration-refugees", 1, False,
    ),
    GENDER: (
        "Gender equality",
        "Gender equality plans and gender mainstreaming, women's safe access to public space, "
        "and local work against gender-based violence, misogyny and stereotypes.",
        "gender-equality", 2, False,
    ),
    MECHANISMS: (
        "Local human rights offices and observatories",
        "Ombudspersons, human rights offices, councils and observatories: how cities set them "
        "up, what they watch, and how the city answers them.",
        "access-to-justice", 3, False,
    ),
    INCLUSION: (
        "Financial inclusion and decent work",
        "Keeping digital public services open to everyone, basic bank accounts, money skills, "
        "and local jobs as a way out of poverty.",
        "decent-work-poverty", 4, False,
    ),
    WORKING_GROUP: (
        "Steering group",
        "The working space of the campaign's steering group: agendas, drafts and decisions "
        "in preparation.",
        None, 9, True,
    ),
}  # fmt: skip

HIDDEN_REASON = (
    "Private data: this post named a family we host, with their address and telephone "
    "number. Please write to the person directly instead."
)

# (board, title, [(author e-mail, body), ...]): the first post starts the thread.
THREADS = [
    (MIGRATION, "Welcoming refugees: what does your city do in the first weeks?", [
        (STEERING,
         "In Lyon the first weeks decide a lot: where people sleep, whether children are in "
         "school, whether anyone explains the procedures in a language they understand. We "
         "now have a single welcome desk shared by the city, the metropolis and the "
         "associations, so that nobody is sent from one office to the next.\n\n"
         "What do your cities do in those first weeks? And how do you reach people who never "
         "come to an office?"),
        (MEMBER,
         "In Saint-Louis most newcomers arrive through family networks, not through any "
         "official scheme. We work with neighbourhood associations and religious leaders who "
         "know who has just arrived, and the social services go to them. Access to health "
         "care comes first, whatever the person's papers say."),
        (FOCAL_POINT,
         "Gwangju has a migrant support centre with interpreters in eight languages, and our "
         "human rights office checks that municipal services do not ask for papers they do "
         "not need. The hardest part for us is housing: landlords refuse people without a "
         "guarantor."),
        (FOCAL_POINT,
         "If anyone can help with housing: the family we host at the moment is the Haddad "
         "family, at 14 Mudeung-ro, telephone 010-5555-0142. They need a flat for five."),
        (SECRETARIAT,
         "Thank you all. The campaign's first report lists Allonnes, Utrecht, Lyon, Getafe, "
         "Móstoles and Strasbourg among the cities with refugee welcome programmes, and Ciudad "
         "Juárez for its work on dignified mobility at the border. Would some of you present "
         "your welcome desks at the next focal points' meeting?"),
    ]),
    (GENDER, "Gender equality plans: where did you start?", [
        (MEMBER,
         "Saint-Louis is preparing its first gender equality plan. We are hesitating between "
         "starting with our own administration (pay, posts of responsibility, harassment) or "
         "with the services we give to women in the city. Where did you start, and what would "
         "you do differently?"),
        (STEERING,
         "We started inside: you cannot ask the city to change if the town hall does not. "
         "Then every department had to say, in its budget, who benefits from its spending, "
         "women or men. That budget exercise taught us more than any training."),
        (FOCAL_POINT,
         "From Gwangju: walk the city with women's groups at night. Rabat and Iztapalapa told "
         "the campaign about their work on women's safe access to public space, and the "
         "walks gave us a list of dark streets and lonely bus stops that no survey had "
         "shown. It is also a good way to bring the police and the lighting service to the "
         "same table."),
    ]),
    (MECHANISMS, "Local human rights observatories: who runs one, and who listens to it?", [
        (FOCAL_POINT,
         "Gwangju has an ombudsperson and a human rights office. Several of us are thinking "
         "about an observatory that would publish figures every year. Who runs one? Is it "
         "inside the administration, with a university, or with civil society? And most of "
         "all: what happens when its report says something the mayor does not like?"),
        (SECRETARIAT,
         "Sfax and Chiguayante told the campaign about their observatories, and Vienna and "
         "Utrecht about their human rights offices. Graz has had a human rights council for "
         "years. A common lesson from the 2023 forum: the body needs a mandate written down "
         "by the council, and the city should answer its recommendations in public, within a "
         "set time."),
        (STEERING,
         "In Lyon we chose a partnership with the university: the data is public and nobody "
         "can say the city wrote its own report. The weak point is money: the observatory "
         "depends on a grant renewed every year."),
    ]),
    (INCLUSION, "Financial inclusion: a basic bank account for every inhabitant?", [
        (SECRETARIAT,
         "At the 2023 forum Barcelona presented its basic payment account, open to every "
         "inhabitant whatever their nationality or status, together with training in money "
         "management, digital skills and basic legal knowledge. The idea: as public services "
         "go digital, people without an account or a smartphone lose access to their rights. "
         "Has your city tried something similar?"),
        (MEMBER,
         "In Saint-Louis most people pay with mobile money rather than a bank account, so "
         "the digital divide is less about the bank than about fees and literacy. We help "
         "market women to keep records and save, with a local microfinance group. It is also "
         "where jobs come from: decent work starts with a stall that can grow."),
        (STEERING,
         "This reminds me of the debate we had about the national elections last month: I "
         "think the whole campaign should take a position on the candidates, and say so "
         "loudly, whatever the secretariat thinks about staying neutral."),
    ]),
    (WORKING_GROUP, "Preparing the Charter-Agenda session of the next forum", [
        (STEERING,
         "Draft plan for the session: first the rights whose titles are settled, then the six "
         "new ones the 2023 workshop asked for, then the call for local practices. Comments "
         "before the end of the month, please."),
        (SECRETARIAT,
         "Agreed for the order. We will send the structure to the participants of the 2023 "
         "workshop two weeks before, as promised in the report's commitments."),
    ]),
]  # fmt: skip

# The post flagged, and by whom: (thread title, author, words starting the post, who flags).
FLAGGED = (
    "Financial inclusion: a basic bank account for every inhabitant?",
    STEERING,
    "This reminds me of the debate",
    MEMBER,
)
FLAG_NOTE = "This is about national politics, not financial inclusion."
HIDDEN = (
    "Welcoming refugees: what does your city do in the first weeks?",
    FOCAL_POINT,
    "If anyone",
)


def _boards() -> dict[str, Board]:
    areas = {area.slug: area for area in FocusArea.objects.all()}
    steering = Group.objects.filter(name=STEERING_GROUP).first()
    boards = {}
    for slug, (name, description, area, order, restricted) in BOARDS.items():
        boards[slug], _ = Board.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": description,
                "focus_area": areas.get(area) if area else None,
                "order": order,
                "restricted_to": steering if restricted else None,
            },
        )
    return boards


def _thread(board: Board, title: str, posts: list[tuple], users: dict[str, User]) -> None:
    starter, first = posts[0]
    thread = Thread.objects.filter(board=board, title=title).first()
    if thread is None:
        thread = services.thread_start(board=board, by=users[starter], title=title, body=first)
    for email, body in posts[1:]:
        if not Post.objects.filter(thread=thread, author=users[email], body=body).exists():
            services.post_reply(thread=thread, by=users[email], body=body)


def _post(title: str, email: str, start: str) -> Post:
    return Post.objects.select_related("thread").get(
        thread__title=title, author__email=email, body__startswith=start
    )


def load() -> None:
    boards = _boards()
    users = {
        user.email: user
        for user in User.objects.filter(email__in=[SECRETARIAT, FOCAL_POINT, MEMBER, STEERING])
    }
    if len(users) < 4:
        return  # no demo accounts (accounts.demo loads them first): boards only
    for slug, title, posts in THREADS:
        _thread(boards[slug], title, posts, users)

    title, author, start, flagger = FLAGGED
    flagged = _post(title, author, start)
    if not Flag.objects.filter(post=flagged, flagged_by=users[flagger]).exists():
        services.flag_create(
            post=flagged, by=users[flagger], reason=FlagReason.OFF_TOPIC, note=FLAG_NOTE
        )

    hidden = _post(*HIDDEN)
    if not ModerationAction.objects.filter(
        post=hidden, action=ModerationAction.Action.HIDE
    ).exists():
        services.post_hide(post=hidden, by=users[SECRETARIAT], reason=HIDDEN_REASON)
