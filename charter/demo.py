"""Demo Charter-Agenda, told in our own words: version 1 with the twelve rights of the 2011
Charter-Agenda (adopted), version 2 started from it through the services with the six rights
the 2023 workshop in Gwangju asked for (seed 002) and open for comments, a few comments and
amendments by the demo members, and the local practices the workshop heard. Idempotent: the
charter by slug, versions by number, rights by key, comments, amendments and practices by
their author and words; the services write everything that has one."""

from datetime import UTC, datetime, timedelta

from django.utils import timezone

from accounts.models import User
from charter import services
from charter.models import (
    Amendment,
    Charter,
    Comment,
    LocalPractice,
    Part,
    PartKind,
    Right,
    RightText,
    Version,
    VersionStatus,
)
from cities.models import FocusArea, Member
from events.models import Event

CHARTER_SLUG = "global-charter-agenda"
WORKSHOP_SLUG = "whrcf-2023-global-charter-agenda-workshop"
ADOPTED_2011 = datetime(2011, 12, 11, 12, tzinfo=UTC)  # UCLG World Council, Florence
# The consultation of the updated structure runs about three months from the end of Nov. 2026.
ROUND_CLOSES = datetime(2027, 2, 26, 17, tzinfo=UTC)

SECRETARIAT = "secretariat@example.org"
FOCAL_POINT = "focal.point@example.org"
MEMBER = "member@example.org"
STEERING = "steering@example.org"

PARTICIPATION = "Citizenship, participation and equality"
FREEDOMS = "Public services and freedoms"
LIVING = "Living conditions and the urban environment"

# key: (group, number, title, formulation) in version 1
RIGHTS_2011 = {
    "right-to-the-city": (PARTICIPATION, 1, "Right to the city",
        "Every inhabitant has the right to a city that is governed democratically, that makes "
        "room for everyone and that shares its wealth fairly. The city is a common space where "
        "all who live in it can enjoy every human right, and this right frames the other "
        "policies of the local government."),
    "participatory-democracy": (PARTICIPATION, 2, "Right to participatory democracy",
        "Every inhabitant has the right to take part in shaping the plans, budgets and policies "
        "of the city. The local government opens its decisions to inhabitants and their "
        "organisations and gives them the information they need to weigh in."),
    "civic-peace-and-safety": (PARTICIPATION, 3, "Right to civic peace and safety in the city",
        "Every inhabitant has the right to live in peace and to feel safe in the streets and "
        "public places of the city. The local government prevents violence together with its "
        "communities, and its own agents respect human rights when they keep order."),
    "equality-of-women-and-men": (PARTICIPATION, 4, "Right to equality of women and men",
        "Women and men have the same rights in the city and the same say in its decisions. The "
        "local government acts against discrimination and violence based on gender, in the "
        "services it gives and among its own staff."),
    "rights-of-children": (PARTICIPATION, 5, "Rights of children",
        "Every child has the right to grow up in a city that protects them and listens to them. "
        "The city looks after the health, schooling, play and safety of children, first of "
        "those who live without the care of a family."),
    "accessible-public-services": (FREEDOMS, 6, "Right to accessible public services",
        "Every inhabitant has the right to basic public services of good quality, whatever "
        "their income or status. The local government makes sure that these services reach "
        "every neighbourhood and that nobody is kept out by their cost."),
    "freedom-of-conscience-and-information": (FREEDOMS, 7,
        "Freedom of conscience and religion, opinion and information",
        "Every inhabitant is free to hold and share beliefs and opinions, and to practise a "
        "religion or none. The city gives access to public information and protects the free "
        "exchange of ideas in its public places and media."),
    "meeting-association-and-trade-unions": (FREEDOMS, 8,
        "Right to peaceful meeting, association and to form trade unions",
        "Every inhabitant has the right to meet peacefully, to found associations and to form "
        "or join a trade union. The local government offers public places to meet and respects "
        "these freedoms among its own workers."),
    "cultural-rights": (FREEDOMS, 9, "Cultural rights",
        "Every inhabitant has the right to take part in cultural life, to speak their own "
        "language and to see their heritage respected. The city supports artistic creation and "
        "opens its libraries, theatres and museums to all."),
    "housing-and-domicile": (LIVING, 10, "Right to housing and domicile",
        "Every inhabitant has the right to a decent, safe and affordable home, and to an "
        "address recognised by the administration, which opens the door to other rights. The "
        "local government acts against homelessness and against evictions that leave people "
        "with nowhere to go."),
    "clean-water-and-food": (LIVING, 11, "Right to clean water and food",
        "Every inhabitant has the right to enough safe drinking water, to sanitation and to "
        "enough healthy food. The city manages water as a common good and works so that nobody "
        "goes hungry."),
    "sustainable-urban-development": (LIVING, 12, "Right to sustainable urban development",
        "Every inhabitant has the right to a city planned for the long run, that balances "
        "homes, work, transport and green space. Planning protects the environment and heritage "
        "that future generations will inherit, and it is decided with the inhabitants."),
}  # fmt: skip

PREAMBLE = (
    "Cities are where human rights are lived or denied every day: in a home, a school, a "
    "clinic, a bus or a square. Local governments are the level of government closest to "
    "people, and they can make rights real for everyone who lives in their territory, whatever "
    "their nationality or status.\n\n"
    "This Charter-Agenda sets out the rights that local governments commit to uphold, and for "
    "each right an agenda of local action that each city adapts to its own situation, with its "
    "inhabitants."
)
GENERAL_PROVISIONS = (
    "The rights of this Charter-Agenda belong to every inhabitant of the city, without "
    "discrimination. Each local government that endorses it sets its own plan of action with "
    "deadlines and indicators, and reports on it in public."
)

SUSTAINABLE = "A sustainable city"
ACCESS = "Access to rights in the city of today"

# What version 2 changes in the text it copies from version 1. key: (group, number, title,
# formulation); None keeps what version 1 says.
CHANGED_2026 = {
    "rights-of-children": (PARTICIPATION, 5, "Rights of children and young people",
        "Every child and young person has the right to grow up in a city that protects them "
        "and takes their views into account. The city looks after their health, schooling, "
        "play and safety, and gives them ways to take part in its decisions, first of all "
        "those who live without the care of a family."),
    "sustainable-urban-development": (SUSTAINABLE, 13, None, None),
}  # fmt: skip

# The six rights the 2023 workshop asked for.
RIGHTS_2026 = {
    "healthy-environment": (SUSTAINABLE, 12,
        "Right to a clean, healthy and sustainable environment",
        "Every inhabitant has the right to breathe clean air, to live free of harmful pollution "
        "and to enjoy nature in the city. The local government protects ecosystems, prepares "
        "the city for a changing climate and shares the burden of the transition fairly."),
    "digital-rights": (ACCESS, 14, "Digital rights and access to the internet",
        "Every inhabitant has the right to affordable access to the internet and to the skills "
        "to use it. When public services go online the city keeps another way to reach them, "
        "and it protects people's personal data and privacy."),
    "accessibility": (ACCESS, 15, "Right to accessibility",
        "Persons with disabilities and everyone with reduced mobility have the right to use the "
        "city's streets, buildings, transport, information and services on an equal footing. "
        "The local government plans for accessibility from the start and involves persons with "
        "disabilities in its decisions."),
    "financial-inclusion": (ACCESS, 16, "Right to financial inclusion",
        "Every inhabitant has the right to the basic banking services needed to lead a normal "
        "economic and social life, whatever their nationality or legal status. The city "
        "teaches money and digital skills and works with banks so that nobody is left out."),
    "human-rights-education": (ACCESS, 17, "Right to human rights education",
        "Every inhabitant has the right to learn about human rights and how to claim them. The "
        "local government trains its staff, works with schools and associations, and explains "
        "rights in plain language."),
    "access-to-justice": (ACCESS, 18, "Right to access to justice",
        "Every inhabitant has the right to defend their rights before an impartial body, with "
        "free legal advice when they cannot pay for it. The city offers local mediation and "
        "support, first of all to people who suffered violence or discrimination."),
}  # fmt: skip

CHANGELOG_2026 = (
    "- Six new rights, as the 2023 workshop in Gwangju asked: a clean, healthy and sustainable "
    "environment; digital rights; accessibility; financial inclusion; human rights education; "
    "access to justice.\n"
    "- The rights of children now cover young people and their participation.\n"
    "- Sustainable urban development moves to a new group, “A sustainable city”, and becomes "
    "right 13."
)

# Comments: (right key, author, body, gathered at the 2023 workshop, reply (author, body))
COMMENTS = [
    ("financial-inclusion", FOCAL_POINT,
     "Input from the Gwangju workshop: Barcelona asked that the right name a basic payment "
     "account open to everyone, with or without papers, and training in managing money and "
     "digital tools, so that online services do not push people further out.", True,
     (MEMBER, "In Saint-Louis many people use mobile money rather than banks: could the "
              "formulation speak of payment services in general?")),
    ("accessibility", FOCAL_POINT,
     "Input from the Gwangju workshop: Kisumu County asked that accessibility reach urban "
     "planning, public procurement and digital services, and that persons with disabilities "
     "sit where the decisions are taken.", True, None),
    ("access-to-justice", FOCAL_POINT,
     "Input from the Gwangju workshop: San Antonio de Chile's ombudsman's office stressed free "
     "legal support, online or in person, for women who suffered violence and for persons "
     "with disabilities, and plain language in every step.", True, None),
    ("digital-rights", FOCAL_POINT,
     "Input from the Gwangju workshop: participants tied internet access to the digitalisation "
     "of public services; going online should never be the only way to reach a service.",
     True, None),
    ("healthy-environment", MEMBER,
     "Could the formulation name the city's duty to protect people from heat waves and floods, "
     "which already hit the poorest neighbourhoods first?", False, None),
    ("rights-of-children", MEMBER,
     "Good to see young people added. Children's municipal councils could be given as an "
     "example in the agenda part.", False, None),
]  # fmt: skip

# Amendments: (right key, author, title, formulation, rationale, decision, response)
# decision: None (pending), "withdraw", or a decision of services.amendment_decide.
AMENDMENTS = [
    ("housing-and-domicile", MEMBER, "",
     "Every inhabitant has the right to a decent, safe and affordable home, and to an address "
     "recognised by the administration, which opens the door to other rights. The local "
     "government acts against homelessness, regulates rents where housing is scarce and "
     "prevents evictions that leave people with nowhere to go.",
     "Rising rents push families out of the centre of many member cities.", None, ""),
    ("human-rights-education", FOCAL_POINT, "Right to human rights education and training",
     "Every inhabitant has the right to learn about human rights and how to claim them, at "
     "school and throughout life. The local government trains its staff, works with schools "
     "and associations, and explains rights in plain language.",
     "Gwangju's training centre shows that adults and civil servants need training too.",
     "accept",
     "Accepted: learning throughout life and the training of civil servants belong in the "
     "right. The new wording will be in the next version."),
    ("right-to-the-city", MEMBER, "Right to the city and the territory", "",
     "Many members are counties, departments or rural unions of municipalities.", "reject",
     "Not accepted: the right to the city already covers every territory, as the preamble "
     "says, and the title is known around the world. The general provisions will say so "
     "more clearly."),
    ("digital-rights", FOCAL_POINT, "Right to internet access", "",
     "A shorter title.", "withdraw", ""),
]  # fmt: skip

# member slug: (title, description, right keys, focus area slugs), from the 2023 workshop.
PRACTICES = {
    "barcelona": ("A basic payment account for every inhabitant",
        "Barcelona works on financial inclusion so that the digitalisation of public services "
        "does not leave people behind. It runs awareness and training sessions on managing "
        "money, digital skills and basic legal knowledge, and it promotes a basic payment "
        "account with which anyone living in the city can do their everyday banking, whatever "
        "their nationality or legal status.",
        ["financial-inclusion", "accessible-public-services"],
        ["decent-work-poverty", "digital-rights"]),
    "san-antonio-chile": ("Free legal support from the municipal ombudsman",
        "The municipal ombudsman's office of San Antonio gives free legal support, online or in "
        "person, to women who suffered violence and to persons with disabilities. It trains "
        "municipal staff in human rights together with the justice system and other levels of "
        "government, and informs the public in plain language.",
        ["access-to-justice", "human-rights-education"],
        ["access-to-justice", "human-rights-education", "gender-equality"]),
    "kisumu-county": ("A county disability policy and Disability Board",
        "Kisumu County turned the national Constitution and the UN Convention on the Rights of "
        "Persons with Disabilities into county policy: persons with disabilities take part in "
        "public decisions and are represented politically, a development fund supports them, "
        "and a County Disability Board follows the work. Urban planning is becoming more "
        "accessible, and partnerships with business push for inclusive digital services and "
        "rights-based public procurement.",
        ["accessibility", "participatory-democracy"],
        ["disability-accessibility", "participation-democracy"]),
    "municipio-de-juarez": ("A local Charter on the Right to the City",
        "At the border with the United States, facing violence and migration, Ciudad Juárez "
        "builds human security from the bottom up with children and women. With its "
        "inhabitants it writes a local Charter on the Right to the City, a long-term guide "
        "built on six pillars: prosperity and innovation; culture and education; dignity and "
        "solidarity; democracy and participation; safety and non-violence; liveability and "
        "sustainability.",
        ["right-to-the-city", "civic-peace-and-safety", "participatory-democracy"],
        ["public-space", "peace-security", "participation-democracy"]),
    "marseille": ("Going out to the people who reach public services least",
        "Since 2020 Marseille works with grassroots movements and its own staff to find the "
        "people who reach services and rights least, migrants and women first. Teams go out "
        "to meet them, and the city makes its administrative procedures simpler and more "
        "open.",
        ["accessible-public-services", "equality-of-women-and-men"],
        ["migration-refugees", "gender-equality"]),
}  # fmt: skip


def _users() -> dict[str, User]:
    users = {u.email: u for u in User.objects.filter(email__in=[SECRETARIAT, FOCAL_POINT,
                                                                 MEMBER, STEERING])}  # fmt: skip
    if SECRETARIAT not in users:
        raise RuntimeError("Load the accounts demo first: the secretariat writes the Charter.")
    return users


def load() -> None:
    users = _users()
    charter, _ = Charter.objects.update_or_create(
        slug=CHARTER_SLUG,
        defaults={
            "name": "Global Charter-Agenda for Human Rights in the City",
            "description": (
                "UCLG's shared framework of the rights that local governments commit to "
                "uphold, with an agenda of local action for each. Its update is the "
                "community's participatory process, from the 2023 Gwangju workshop on."
            ),
        },
    )
    first = _version_2011(charter)
    second = _version_2026(charter, first, users[SECRETARIAT])
    texts = {text.right.key: text for text in second.rights.select_related("right")}
    _comments(texts, users)
    _amendments(texts, users)
    _practices(charter, users[SECRETARIAT])


def _version_2011(charter: Charter) -> Version:
    """Adopted long before the portal: written as it stands, with its date."""
    version, _ = Version.objects.update_or_create(
        charter=charter,
        number=1,
        defaults={
            "title": "Global Charter-Agenda for Human Rights in the City",
            "status": VersionStatus.ADOPTED,
            "changelog": "Adopted by the UCLG World Council in December 2011.",
            "published_at": ADOPTED_2011,
            "adopted_at": ADOPTED_2011,
        },
    )
    for order, (kind, title, text) in enumerate(
        [(PartKind.PREAMBLE, "Preamble", PREAMBLE),
         (PartKind.GENERAL_PROVISIONS, "General provisions", GENERAL_PROVISIONS)],
        start=1,
    ):  # fmt: skip
        Part.objects.update_or_create(
            version=version, kind=kind, defaults={"title": title, "text": text, "order": order}
        )
    for key, (group, number, title, formulation) in RIGHTS_2011.items():
        identity, _ = Right.objects.get_or_create(charter=charter, key=key)
        RightText.objects.update_or_create(
            version=version,
            right=identity,
            defaults={"group": group, "number": number, "title": title,
                      "formulation": formulation, "order": number},
        )  # fmt: skip
    return version


def _version_2026(charter: Charter, first: Version, secretariat: User) -> Version:
    """Started from version 1 by the service, changed as the secretariat would in drafting,
    then opened for comments."""
    version = charter.versions.filter(number=2).first()
    if version is None:
        version = services.version_start_next(
            charter=charter,
            by=secretariat,
            title="Global Charter-Agenda for Human Rights in the City (update)",
        )
    if version.status == VersionStatus.DRAFTING:
        Version.objects.filter(pk=version.pk).update(
            phase=(
                "The updated structure of the rights: their titles, formulations and groups, "
                "with the six rights the 2023 workshop asked for."
            ),
            changelog=CHANGELOG_2026,
        )
        texts = {t.right.key: t for t in version.rights.select_related("right")}
        # Free number 12 first: sustainable urban development moves to 13.
        for key, (group, number, title, formulation) in CHANGED_2026.items():
            text = texts[key]
            text.group, text.number, text.order = group, number, number
            text.title = title or text.title
            text.formulation = formulation or text.formulation
            text.full_clean()
            text.save()
        for key, (group, number, title, formulation) in RIGHTS_2026.items():
            identity, _ = Right.objects.get_or_create(charter=charter, key=key)
            RightText.objects.update_or_create(
                version=version,
                right=identity,
                defaults={"group": group, "number": number, "title": title,
                          "formulation": formulation, "order": number},
            )  # fmt: skip
        version = services.round_open(
            version=version,
            by=secretariat,
            closes_at=max(ROUND_CLOSES, timezone.now() + timedelta(days=90)),
        )
    return version


def _comments(texts: dict[str, RightText], users: dict[str, User]) -> None:
    workshop = Event.objects.filter(slug=WORKSHOP_SLUG).first()
    for key, email, body, gathered, reply in COMMENTS:
        author = users.get(email)
        if author is None:
            continue
        comment = Comment.objects.filter(right_text=texts[key], author=author, body=body).first()
        if comment is None:
            comment = services.comment_post(
                right_text=texts[key], by=author, body=body,
                gathered_at=workshop if gathered else None,
            )  # fmt: skip
        if reply is None or users.get(reply[0]) is None:
            continue
        reply_author, reply_body = users[reply[0]], reply[1]
        if not comment.replies.filter(author=reply_author, body=reply_body).exists():
            services.comment_post(
                right_text=texts[key], by=reply_author, body=reply_body, parent=comment
            )


def _amendments(texts: dict[str, RightText], users: dict[str, User]) -> None:
    steering = users.get(STEERING)
    for key, email, title, formulation, rationale, decision, response in AMENDMENTS:
        author = users.get(email)
        if author is None or (decision not in (None, "withdraw") and steering is None):
            continue
        text = texts[key]
        if Amendment.objects.filter(
            right_text__right=text.right, author=author, rationale=rationale
        ).exists():
            continue
        amendment = services.amendment_submit(
            right_text=text, by=author, title=title, formulation=formulation, rationale=rationale
        )
        if decision == "withdraw":
            services.amendment_withdraw(amendment=amendment, by=author)
        elif decision is not None:
            services.amendment_decide(
                amendment=amendment, by=steering, decision=decision, response=response
            )


def _practices(charter: Charter, secretariat: User) -> None:
    members = {m.slug: m for m in Member.objects.filter(slug__in=PRACTICES)}
    rights = {r.key: r for r in charter.rights.all()}
    areas = {a.slug: a for a in FocusArea.objects.all()}
    for slug, (title, description, keys, area_slugs) in PRACTICES.items():
        member = members.get(slug)
        if member is None:
            continue
        practice = LocalPractice.objects.filter(member=member, title=title).first()
        if practice is None:
            practice = services.practice_submit(
                by=secretariat,
                member=member,
                title=title,
                description=description,
                rights=[rights[key] for key in keys],
                focus_areas=[areas[a] for a in area_slugs if a in areas],
            )
        services.practice_publish(practice=practice, by=secretariat)
