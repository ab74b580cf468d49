"""Demo calendar, told in our own words from the seeds: the World Human Rights Cities Forums of
2021 (seed 001) and 2023 with the workshop on the Global Charter-Agenda and its report (seed
002), the working session of 23 February 2022 (seed 004), and a few upcoming events so the
calendar is not empty. Idempotent: events by slug, speakers by name; no registrations."""

from datetime import UTC, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from accounts.models import User
from cities.models import FocusArea, Member
from core.visibility import Visibility
from events.models import (
    AgendaItem,
    Event,
    EventFormat,
    EventKind,
    Participation,
    ReportPractice,
    ReportQuote,
    ReportStatus,
    SessionReport,
    Speaker,
    SpeakerRole,
)
from newsfeed.models import NewsKind
from newsfeed.services import publish

SEOUL, PARIS, VIENNA = "Asia/Seoul", "Europe/Paris", "Europe/Vienna"
FORUM_VENUE = "Kim Dae-jung Convention Center"
GWANGJU = {"city": "Gwangju", "latitude": Decimal("35.16"), "longitude": Decimal("126.85")}


def at(zone: str, year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """A wall-clock time in ``zone`` (the times the seeds give)."""
    return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(zone))


# name: (title, organisation, member slug)
SPEAKERS = {
    # 2021 forum, plenary session 1 (seed 001)
    "Emilia Sáiz": ("Secretary General", "United Cities and Local Governments (UCLG)", None),
    "Nada al-Nashif": (
        "Deputy High Commissioner",
        "Office of the UN High Commissioner for Human Rights",
        None,
    ),
    "Bernadia Tjandradewi": ("Secretary General", "UCLG Asia-Pacific", None),
    "Kim Seung-su": ("Mayor", "City of Jeonju", "jeonju"),
    "Aida Castillejo": ("Councillor", "Rivas-Vaciamadrid", "rivas-vaciamadrid"),
    "Mounir Elloumi": ("Mayor", "City of Sfax", "sfax"),
    "Noraini Roslan": ("Mayor", "City of Subang Jaya", "subang-jaya"),
    "Linda Voortman": ("Co-Mayor; Co-President of the UCLG-CSIPDHR", "City of Utrecht", "utrecht"),
    "Shams Asadi": ("Human Rights Commissioner", "City of Vienna", "vienna"),
    "Véronique Lamontagne": ("Director of International Relations", "City of Montreal", "montreal"),
    "Fernando Collizzolli": (
        "Director of International Relations",
        "Municipality of Quilmes",
        "quilmes",
    ),
    "Claudia Barri": (
        "Human Rights and Sexual Diversity Direction",
        "Mexico City Government",
        "mexico-city",
    ),
    # 2022 working session (seed 004)
    "Hans Sackers": ("", "City of Utrecht", "utrecht"),
    "Elsa Touré": ("", "City of Grigny", "grigny"),
    "Bahram Ghazi": ("", "Office of the UN High Commissioner for Human Rights", None),
    "Mariana Flores": ("", "Mexico City", "mexico-city"),
    # 2023 workshop (seed 002), and people of the other seeds who spoke there too
    "Amanda Fléty Martínez": ("Coordinator", "UCLG-CSIPDHR", None),
    "Morten Kjaerum": ("Director", "Raoul Wallenberg Institute", "raoul-wallenberg-institute"),
    "Kim Gwang-jin": (
        "Deputy Mayor for Culture and Economic Affairs",
        "Gwangju Metropolitan City",
        "gwangju",
    ),
    "Gyonggu Shin": (
        "Executive Director",
        "International Human Rights Training Center, Gwangju Metropolitan City",
        "gwangju",
    ),
    "Mugiyanto": (
        "Human Rights Advisor, Executive Office of the President",
        "Republic of Indonesia",
        None,
    ),
    "Anatole Puiseux": ("Director of Social Affairs", "City of Marseille", "marseille"),
    "Rubi Cabrera Aguilera": (
        "Coordinator of the Office of the Ombudsman",
        "Municipality of San Antonio (Chile)",
        "san-antonio-chile",
    ),
    "Caroline Agwanda": (
        "Governor's Advisor on Disability",
        "Kisumu County Government",
        "kisumu-county",
    ),
    "Verónica González": ("Director of Resilience", "City of Ciudad Juárez", "municipio-de-juarez"),
    "Xóchitl Cruz": ("Resilience Department", "City of Ciudad Juárez", "municipio-de-juarez"),
    "Ana Isabel Rodríguez Basanta": (
        "Director of Citizenship Rights",
        "City of Barcelona",
        "barcelona",
    ),
    "Carlos Carroza": ("Representative", "Human Rights Observatory (Chile)", None),
    "Sneh Aurora": (
        "Director; human rights education expert",
        "Commonwealth Human Rights Initiative",
        None,
    ),
}

GUIDING_QUESTIONS_2022 = "\n".join(
    [
        "How can local and regional governments committed to rights-based agendas come together "
        "as one movement of human rights cities and territories that the world recognises?",
        "Which alliances could this movement build with the United Nations, civil society and "
        "research?",
        "Ten years after the Global Charter-Agenda, how can local governments go further towards "
        "a global framework for human rights cities and territories?",
    ]
)

REPORT_2023 = {
    "aim": (
        "To use the update of the UCLG Global Charter-Agenda for Human Rights in the City to "
        "sketch one international framework for human rights at the local level, as the local "
        'governments of the "10, 100, 1000" campaign had asked. Participants went through the '
        "rights of the new structure proposed by the steering group of the first phase and named "
        "the ideas each right should carry."
    ),
    "relation_to_theme": (
        "Poverty and inequality, the forum's theme, are a human rights question: tackling them "
        "means peace, non-discrimination, respect for diversity and dialogue between levels of "
        "government. The UCLG-CSIPDHR calls for local action grounded in human rights so that "
        "everyone has access to services, decent work and a dignified place in the city, and "
        "the Charter-Agenda is one of its instruments for it."
    ),
    "key_messages": (
        "- Shared international frameworks make human rights tangible in cities, all the more "
        "after the pandemic showed how much access to rights depends on local actors. Human "
        "rights have to be institutionalised, so that local action and civil movements (as in "
        "Indonesia and Korea) outlast those who started them; the update of the Charter-Agenda, "
        "75 years after the Universal Declaration, is the moment to do so.\n"
        "- The new Charter-Agenda should hold both the classic social and cultural rights and "
        "what local public services bring: internet access, accessibility, financial inclusion "
        "and jobs, human rights education, a clean and healthy environment, access to justice. "
        "This opened a debate on basic rights and minimum standards, and on the local role in "
        "economic rights such as paid care work and social security.\n"
        "- Human rights cities strengthen democracy: closeness to the people lets local "
        "governments open participation to migrants, women and children, prevent conflicts and "
        "rebuild trust with institutions and civil society."
    ),
    "commitments": (
        "- The secretariat and the steering group fold the ideas of the session (gathered on a "
        "shared online board) into the proposed structure of rights.\n"
        "- The structure (titles, wording and grouping of rights) is finalised in the coming "
        "months and sent to the participants.\n"
        "- In the second phase (2024–2025) the content of each right is updated and local "
        "practices are collected for the Agenda part; every participant is invited to join."
    ),
    "take_forward": (
        "Hold a session on the Charter-Agenda again at the 2024 forum: its update is the only "
        "participatory international process towards a common framework for human rights at "
        "the local level, and it runs in phases until the UCLG World Congress of 2026. The "
        'forum can also carry the next stage of the "10, 100, 1000" campaign, with the Asian '
        "region in front."
    ),
}

# (text, said by, language)
QUOTES_2023 = [
    ("We already have a well-established approach: to respect, protect and fulfil human rights. "
     "My dream is that we add a fourth one: the duty to engage people for active participation.",
     "Morten Kjaerum, Raoul Wallenberg Institute", "en"),
    ("Nous devons lutter contre la pauvreté avec un focus sur des groupes spécifiques, tels que "
     "les migrants et les enfants.", "Anatole Puiseux, City of Marseille", "fr"),
    ("In this update of the Charter-Agenda it is crucial to let people take part actively in "
     "promoting human rights, not simply receive them. Everybody should be an active participant "
     "of this movement.", "Gyonggu Shin, International Human Rights Training Center of Gwangju",
     "en"),
    ("A local human rights-based approach helps us understand how complex local realities are: "
     "looking at the past to prevent any violation, to build a future on truth, memory and "
     "reconciliation for democracy.",
     "Rubi Cabrera Aguilera, Office of the Ombudsman, San Antonio (Chile)", "en"),
    ("Es importante que los entes locales en red hagan presión para incidir en la importancia de "
     "la inclusión financiera para impulsar el cumplimiento de los derechos humanos.",
     "Ana Isabel Rodríguez Basanta, City of Barcelona", "es"),
]  # fmt: skip

# member slug: what the member told the workshop
PRACTICES_2023 = {
    "marseille": (
        "France's second city faces hard questions of housing, transport and migration with "
        "limited powers and means. Since 2020 it works with grassroots movements and its own "
        "staff to find the people who reach services least, migrants and women first, goes out "
        "to them and makes its procedures simpler and more open."
    ),
    "san-antonio-chile": (
        "The Ombudsman's office offers free legal support, online or in person, to women who "
        "suffered violence and to persons with disabilities, trains municipal staff in human "
        "rights with the justice system and other levels of government, and informs the public "
        "in plain language."
    ),
    "kisumu-county": (
        "The county turned the national Constitution and the UN Convention on the Rights of "
        "Persons with Disabilities into local policy: participation and political "
        "representation of persons with disabilities, a development fund and a County "
        "Disability Board, with accessible urban planning, intersectional measures and "
        "partnerships with business for inclusive digitalisation and rights-based procurement."
    ),
    "municipio-de-juarez": (
        "At the border, facing violence and migration, Ciudad Juárez builds human security from "
        "the bottom up with children and women, and writes with its people a local Charter on "
        "the Right to the City around six pillars: prosperity and innovation, culture and "
        "education, dignity and solidarity, democracy and participation, safety and "
        "non-violence, liveability and sustainability."
    ),
    "barcelona": (
        "Financial inclusion, so that digital public services do not shut people out: training "
        "in money management, digital skills and basic legal knowledge, and a basic payment "
        "account open to every inhabitant whatever their nationality or status. The city also "
        "asks companies and local governments to look at the human and environmental rights "
        "abroad that their supply chains and investments touch."
    ),
}


def _speakers(members: dict[str, Member]) -> dict[str, Speaker]:
    speakers = {}
    for name, (title, organisation, member_slug) in SPEAKERS.items():
        speakers[name], _ = Speaker.objects.update_or_create(
            name=name,
            defaults={
                "title": title,
                "organisation": organisation,
                "member": members.get(member_slug) if member_slug else None,
            },
        )
    return speakers


def _event(slug: str, *, focus: list[str], areas: dict[str, FocusArea], **fields) -> Event:
    event, _ = Event.objects.update_or_create(slug=slug, defaults=fields)
    event.focus_areas.set([areas[name] for name in focus if name in areas])
    return event


def _agenda(event: Event, items: list[tuple]) -> list[AgendaItem]:
    """Items as (start, end, title, description), kept in that order."""
    return [
        AgendaItem.objects.update_or_create(
            event=event,
            order=position,
            defaults={"starts_at": starts, "ends_at": ends, "title": title,
                      "description": description},
        )[0]
        for position, (starts, ends, title, description) in enumerate(items, start=1)
    ]  # fmt: skip


def _roles(event: Event, speakers: dict, roles: list[tuple], item: AgendaItem | None = None):
    """Roles as (speaker name, role), in speaking order."""
    for position, (name, role) in enumerate(roles, start=1):
        Participation.objects.update_or_create(
            event=event,
            agenda_item=item,
            speaker=speakers[name],
            role=role,
            defaults={"order": position},
        )


def _forum_2021(speakers, hosts, areas) -> None:
    forum = _event(
        "whrcf-2021",
        title="World Human Rights Cities Forum 2021",
        kind=EventKind.FORUM,
        starts_at=at(SEOUL, 2021, 10, 6, 9),
        ends_at=at(SEOUL, 2021, 10, 8, 18),
        time_zone=SEOUL,
        format=EventFormat.HYBRID,
        venue=FORUM_VENUE,
        host=hosts.get("gwangju"),
        registration_enabled=False,
        description=(
            "The yearly gathering of human rights cities in Gwangju, held in person and online "
            "while the pandemic went on: how local human rights policies help cities build "
            "forward fairer."
        ),
        focus=["participation-democracy", "health"],
        areas=areas,
        **GWANGJU,
    )
    _event(
        "whrcf-2021-opening",
        title="Opening ceremony",
        kind=EventKind.SESSION,
        parent=forum,
        starts_at=at(SEOUL, 2021, 10, 6, 10),
        ends_at=at(SEOUL, 2021, 10, 6, 11, 30),
        time_zone=SEOUL,
        format=EventFormat.HYBRID,
        venue=FORUM_VENUE,
        host=hosts.get("gwangju"),
        registration_enabled=False,
        focus=[],
        areas=areas,
        **GWANGJU,
    )
    # The summary gives the day only; the hours are the demo's.
    plenary = _event(
        "whrcf-2021-high-level-dialogue",
        title="High-level dialogue on the future of the international human rights cities movement",
        kind=EventKind.SESSION,
        parent=forum,
        starts_at=at(SEOUL, 2021, 10, 7, 16),
        ends_at=at(SEOUL, 2021, 10, 7, 18, 30),
        time_zone=SEOUL,
        format=EventFormat.HYBRID,
        venue=FORUM_VENUE,
        host=hosts.get("gwangju"),
        registration_enabled=False,
        theme="Human rights principles to build forward fairer",
        description=(
            "Plenary session 1, held with UCLG's committee on human rights and the UN Human "
            "Rights Office. Mayors and city leaders told how local human rights policies "
            "answered the social crisis of the pandemic, then how cities can act together "
            "internationally: the update of the Global Charter-Agenda and a partnership with "
            "the OHCHR."
        ),
        focus=["participation-democracy", "health", "migration-refugees"],
        areas=areas,
        **GWANGJU,
    )
    opening, first, second = _agenda(
        plenary,
        [
            (at(SEOUL, 2021, 10, 7, 16), at(SEOUL, 2021, 10, 7, 16, 30), "Opening remarks",
             "The partnership of UCLG, the forum and the UN Human Rights Office."),
            (at(SEOUL, 2021, 10, 7, 16, 30), at(SEOUL, 2021, 10, 7, 17, 30),
             "Local human rights policies in the pandemic",
             "What local human rights policies add to the answers to the social crisis."),
            (at(SEOUL, 2021, 10, 7, 17, 30), at(SEOUL, 2021, 10, 7, 18, 30),
             "Acting together internationally",
             "Collective initiatives of local governments for 2021–2022 and beyond."),
        ],
    )  # fmt: skip
    _roles(plenary, speakers, [("Emilia Sáiz", SpeakerRole.SPEAKER),
                               ("Nada al-Nashif", SpeakerRole.SPEAKER)], opening)  # fmt: skip
    _roles(
        plenary, speakers,
        [("Bernadia Tjandradewi", SpeakerRole.MODERATOR), ("Kim Seung-su", SpeakerRole.PANELIST),
         ("Aida Castillejo", SpeakerRole.PANELIST), ("Mounir Elloumi", SpeakerRole.PANELIST),
         ("Noraini Roslan", SpeakerRole.PANELIST), ("Linda Voortman", SpeakerRole.PANELIST)],
        first,
    )  # fmt: skip
    _roles(
        plenary, speakers,
        [("Shams Asadi", SpeakerRole.PANELIST), ("Véronique Lamontagne", SpeakerRole.PANELIST),
         ("Ana Isabel Rodríguez Basanta", SpeakerRole.PANELIST),
         ("Fernando Collizzolli", SpeakerRole.PANELIST), ("Claudia Barri", SpeakerRole.PANELIST)],
        second,
    )  # fmt: skip


def _working_session_2022(speakers, hosts, areas) -> None:
    session = _event(
        "advancing-the-global-movement-of-human-rights-cities-and-territories",
        title="Advancing the global movement of human rights cities and territories",
        kind=EventKind.SESSION,
        starts_at=at(PARIS, 2022, 2, 23, 11, 30),
        ends_at=at(PARIS, 2022, 2, 23, 13),
        time_zone=PARIS,
        format=EventFormat.ONLINE,
        registration_enabled=False,
        theme="Towards the UCLG Congress in Daejeon: human rights and the right to the city in "
        "2022",
        description=(
            "A working session of the UCLG Meets week (21–25 February 2022). Since the pandemic, "
            "human rights cities lead new policies against inequality and discrimination and "
            "for a renewed social contract with their inhabitants. Ten years after the Global "
            "Charter-Agenda, and with UCLG's new agreement with the UN Human Rights Office, the "
            'session prepares the "10, 100, 1000" campaign and the review of the '
            "Charter-Agenda on the way to the Daejeon World Congress."
        ),
        guiding_questions=GUIDING_QUESTIONS_2022,
        focus=["participation-democracy"],
        areas=areas,
    )
    d = (2022, 2, 23)
    items = _agenda(
        session,
        [
            (at(PARIS, *d, 11, 30), at(PARIS, *d, 11, 45), "Presentation of the campaign",
             "First round: the international campaign \"10, 100, 1000 human rights cities and "
             "territories by 2030\", from ten pioneers to a hundred by the Daejeon Congress and a "
             "thousand by 2030."),
            (at(PARIS, *d, 11, 45), at(PARIS, *d, 11, 55),
             "Open questions, comments and proposals", ""),
            (at(PARIS, *d, 11, 55), at(PARIS, *d, 12, 5), "Insight views from the partners",
             "The OHCHR's participation was still to be confirmed."),
            (at(PARIS, *d, 12, 5), at(PARIS, *d, 12, 15),
             "Open questions, comments and proposals", ""),
            (at(PARIS, *d, 12, 15), at(PARIS, *d, 12, 20),
             "Introduction to the process and first outcomes",
             "Second round: ten years of the Global Charter-Agenda, and what the review on UCLG "
             "Meets (two questionnaires and open contributions) has gathered so far."),
            (at(PARIS, *d, 12, 20), at(PARIS, *d, 12, 30),
             "Empowering human rights cities towards the UCLG Daejeon Congress", ""),
            (at(PARIS, *d, 12, 30), at(PARIS, *d, 12, 55), "Open discussion", ""),
            (at(PARIS, *d, 12, 55), at(PARIS, *d, 13), "Conclusions of the session", ""),
        ],
    )  # fmt: skip
    _roles(session, speakers, [("Amanda Fléty Martínez", SpeakerRole.MODERATOR)])
    for item, names in [
        (items[0], ["Hans Sackers", "Elsa Touré"]),
        (items[2], ["Morten Kjaerum", "Bahram Ghazi"]),
        (items[4], ["Amanda Fléty Martínez"]),
        (items[5], ["Shams Asadi", "Mariana Flores"]),
        (items[7], ["Emilia Sáiz"]),
    ]:
        _roles(session, speakers, [(name, SpeakerRole.SPEAKER) for name in names], item)


def _forum_2023(speakers, hosts, areas) -> None:
    forum = _event(
        "whrcf-2023",
        title="World Human Rights Cities Forum 2023",
        kind=EventKind.FORUM,
        starts_at=at(SEOUL, 2023, 10, 4, 9),
        ends_at=at(SEOUL, 2023, 10, 7, 18),
        time_zone=SEOUL,
        format=EventFormat.HYBRID,
        venue=FORUM_VENUE,
        host=hosts.get("gwangju"),
        registration_enabled=False,
        theme="Poverty and inequality",
        description=(
            "Gwangju's forum asked what human rights cities do against poverty and inequality, "
            "in the year of the 75th anniversary of the Universal Declaration of Human Rights."
        ),
        focus=["decent-work-poverty", "participation-democracy"],
        areas=areas,
        **GWANGJU,
    )
    _event(
        "whrcf-2023-opening",
        title="Opening plenary: poverty, inequality and human rights",
        kind=EventKind.SESSION,
        parent=forum,
        starts_at=at(SEOUL, 2023, 10, 5, 10),
        ends_at=at(SEOUL, 2023, 10, 5, 12),
        time_zone=SEOUL,
        format=EventFormat.HYBRID,
        venue=FORUM_VENUE,
        host=hosts.get("gwangju"),
        registration_enabled=False,
        theme="Poverty and inequality",
        focus=["decent-work-poverty"],
        areas=areas,
        **GWANGJU,
    )
    workshop = _event(
        "whrcf-2023-global-charter-agenda-workshop",
        title="Human rights in the city: workshop for the update of the UCLG Global Charter-Agenda",
        kind=EventKind.WORKSHOP,
        parent=forum,
        starts_at=at(SEOUL, 2023, 10, 6, 16, 30),
        ends_at=at(SEOUL, 2023, 10, 6, 19),
        time_zone=SEOUL,
        format=EventFormat.HYBRID,
        venue=FORUM_VENUE,
        host=hosts.get("gwangju"),
        registration_enabled=False,
        theme="Poverty and inequality",
        description=(
            "Cities, national advisers, researchers and civil society went through the rights "
            "of the proposed new structure of the Global Charter-Agenda for Human Rights in the "
            "City and said what each should hold, from social and cultural rights to the "
            "services only local governments provide."
        ),
        focus=["decent-work-poverty", "participation-democracy", "human-rights-education"],
        areas=areas,
        **GWANGJU,
    )
    panel = [
        "Kim Gwang-jin", "Morten Kjaerum", "Gyonggu Shin", "Mugiyanto", "Anatole Puiseux",
        "Rubi Cabrera Aguilera", "Caroline Agwanda", "Verónica González", "Xóchitl Cruz",
        "Ana Isabel Rodríguez Basanta", "Carlos Carroza", "Sneh Aurora",
    ]  # fmt: skip
    _roles(
        workshop,
        speakers,
        [("Amanda Fléty Martínez", SpeakerRole.MODERATOR)]
        + [(name, SpeakerRole.PANELIST) for name in panel],
    )
    secretariat = User.objects.filter(email="secretariat@example.org").first()
    report, _ = SessionReport.objects.update_or_create(
        event=workshop,
        defaults={
            **REPORT_2023,
            "status": ReportStatus.PUBLISHED,
            "published_at": datetime(2023, 10, 20, 9, tzinfo=UTC),
            "written_by": secretariat,
        },
    )
    for position, (text, said_by, language) in enumerate(QUOTES_2023, start=1):
        ReportQuote.objects.update_or_create(
            report=report,
            order=position,
            defaults={"text": text, "said_by": said_by, "language": language},
        )
    practitioners = {m.slug: m for m in Member.objects.filter(slug__in=PRACTICES_2023)}
    for position, (slug, text) in enumerate(PRACTICES_2023.items(), start=1):
        if slug in practitioners:
            ReportPractice.objects.update_or_create(
                report=report,
                member=practitioners[slug],
                defaults={"text": text, "order": position},
            )
    publish(
        kind=NewsKind.SESSION_REPORT,
        title=f"Report: {workshop.title}",
        about=report,
        summary=report.aim[:300],
        link=workshop.get_absolute_url() + "#report",
        member=workshop.host,
        actor=secretariat,
        focus_areas=list(workshop.focus_areas.all()),
        published_at=report.published_at,
    )


def _upcoming(speakers, hosts, areas) -> list[Event]:
    webinar = _event(
        "human-rights-day-2026-webinar",
        title="Human Rights Day webinar: local practices for the Charter-Agenda",
        kind=EventKind.WEBINAR,
        starts_at=at(PARIS, 2026, 12, 10, 15),
        ends_at=at(PARIS, 2026, 12, 10, 16, 30),
        time_zone=PARIS,
        format=EventFormat.ONLINE,
        online_link="https://meet.example.org/human-rights-day-2026",
        visibility=Visibility.PUBLIC,
        host=hosts.get("barcelona"),
        registration_enabled=True,
        theme="The Agenda part of the Global Charter-Agenda",
        description=(
            "On Human Rights Day, member cities present local practices they propose for the "
            "Agenda part of the Global Charter-Agenda, and how others can take them up."
        ),
        guiding_questions=(
            "Which of your local practices realises a right of the Charter best?\n"
            "What would another city need to do the same?"
        ),
        focus=["participation-democracy", "human-rights-education"],
        areas=areas,
    )
    _roles(webinar, speakers, [("Amanda Fléty Martínez", SpeakerRole.MODERATOR),
                               ("Ana Isabel Rodríguez Basanta", SpeakerRole.SPEAKER)])  # fmt: skip
    meeting = _event(
        "focal-points-working-meeting-2026-12",
        title="Working meeting of the campaign's focal points",
        kind=EventKind.MEETING,
        starts_at=at(PARIS, 2026, 12, 16, 10),
        ends_at=at(PARIS, 2026, 12, 16, 11, 30),
        time_zone=PARIS,
        format=EventFormat.ONLINE,
        online_link="https://meet.example.org/focal-points-2026-12",
        visibility=Visibility.MEMBERS,
        capacity=2,
        host=hosts.get("utrecht"),
        registration_enabled=True,
        description=(
            "Focal points of member cities compare how their pledges are going and plan the "
            "collection of local practices for 2027. Few places: register early."
        ),
        guiding_questions=(
            "Where does your pledge stand, and what holds it back?\n"
            "Which practice would you put forward for the Agenda?"
        ),
        focus=["participation-democracy"],
        areas=areas,
    )
    graz = hosts.get("graz")
    encounter = _event(
        "encounter-2027-graz",
        title="Encounter of human rights cities and territories 2027",
        kind=EventKind.ENCOUNTER,
        starts_at=at(VIENNA, 2027, 5, 19, 9),
        ends_at=at(VIENNA, 2027, 5, 20, 17, 30),
        time_zone=VIENNA,
        format=EventFormat.HYBRID,
        online_link="https://meet.example.org/encounter-2027",
        visibility=Visibility.PUBLIC,
        city="Graz",
        latitude=graz.latitude if graz else None,
        longitude=graz.longitude if graz else None,
        host=graz,
        registration_enabled=True,
        registration_opens_at=at(VIENNA, 2027, 1, 15, 9),
        registration_closes_at=at(VIENNA, 2027, 5, 5, 23, 59),
        theme="Human rights cities after the Charter-Agenda update",
        description=(
            "Two days in Europe's first human rights city to take stock of the campaign and of "
            "the updated Charter-Agenda, with visits to local human rights bodies."
        ),
        focus=["human-rights-education", "anti-racism"],
        areas=areas,
    )
    return [webinar, meeting, encounter]


def load() -> None:
    slugs = {slug for *_, slug in SPEAKERS.values() if slug} | set(PRACTICES_2023)
    hosts = {m.slug: m for m in Member.objects.filter(slug__in=slugs | {"graz"})}
    areas = {area.slug: area for area in FocusArea.objects.all()}
    speakers = _speakers(hosts)
    _forum_2021(speakers, hosts, areas)
    _working_session_2022(speakers, hosts, areas)
    _forum_2023(speakers, hosts, areas)
    for event in _upcoming(speakers, hosts, areas):
        publish(
            kind=NewsKind.EVENT,
            title=event.title,
            about=event,
            summary=event.theme or event.description[:300],
            link=event.get_absolute_url(),
            member=event.host,
            visibility=event.visibility,
            focus_areas=list(event.focus_areas.all()),
            published_at=event.created_at,
        )
