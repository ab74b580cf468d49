"""Demo library: the five source documents of the portal (the seeds) as text files with their
real titles and dates and a summary in our own words, linked to the demo's members and events;
then some forty shorter documents in English, French and Spanish (files and links, some for
members only) so that search has something to rank. Everything goes through the services, as
the demo secretariat; each text is read at once so that search works without a worker.
Idempotent: a document whose slug is taken is left as it is."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from django.core.files.base import ContentFile

from accounts.models import User
from cities.models import FocusArea, Member
from core.visibility import Visibility
from docs_library import services
from docs_library.models import Document, DocumentKind
from events.models import Event

SECRETARIAT = "secretariat@example.org"
# The community's own source documents (copied from ../shared/seeds/ so that every checkout
# and the production image hold them).
SEEDS_DIR = Path(__file__).resolve().parent / "demo_documents"

K = DocumentKind

SEEDS = [
    {
        "seed": "000_6627899eee443fc5.txt",
        "slug": "unesco-chairs-meeting-2017",
        "title": "Meeting of UNESCO Chairs on human rights, urban inclusion and migration",
        "kind": K.REPORT,
        "language": "en",
        "published_on": date(2017, 6, 22),
        "author": "UNESCO, International Coalition of Inclusive and Sustainable Cities (ICCAR)",
        "summary": (
            "Report of two days at UNESCO's headquarters in June 2017 where Chairs and experts "
            "advised on the review of UNESCO's strategies on human rights and against "
            "discrimination, on urban inclusion and on human mobility. Among the joint actions: "
            "awareness campaigns with local authorities and universities, and a digital "
            "platform where members share documents, discuss, keep a calendar, a map and a "
            "newsfeed: the idea this portal grew from."
        ),
        "focus": ["anti-racism", "migration-refugees", "human-rights-education"],
        "members": [],
        "event": None,
    },
    {
        "seed": "001_52593c7ec3499bb0.txt",
        "slug": "human-rights-principles-to-build-forward-fairer",
        "title": (
            "Human rights principles to build forward fairer: high-level dialogue on the future "
            "of the international human rights cities movement"
        ),
        "kind": K.SESSION_REPORT,
        "language": "en",
        "published_on": date(2021, 10, 7),
        "author": "UCLG-CSIPDHR",
        "summary": (
            "Summary of the first plenary of the 2021 World Human Rights Cities Forum in "
            "Gwangju. UCLG and the UN Human Rights Office restate their partnership; mayors and "
            "city officials from Jeonju to Mexico City tell how local human rights policies "
            "answered the pandemic's social crisis, and why cities should act together on the "
            "international stage."
        ),
        "focus": ["participation-democracy", "health", "decent-work-poverty"],
        "members": [
            "gwangju",
            "jeonju",
            "rivas-vaciamadrid",
            "sfax",
            "subang-jaya",
            "utrecht",
            "vienna",
            "montreal",
            "barcelona",
            "quilmes",
            "mexico-city",
        ],  # fmt: skip
        "event": "whrcf-2021-high-level-dialogue",
    },
    {
        "seed": "002_56d99cec1076e453.txt",
        "slug": "whrcf-2023-report-global-charter-agenda-workshop",
        "title": (
            "2023 WHRCF session report: Human rights in the city, workshop for the update of "
            "the UCLG Global Charter-Agenda"
        ),
        "kind": K.SESSION_REPORT,
        "language": "en",
        "published_on": date(2023, 10, 20),
        "author": "UCLG-CSIPDHR",
        "summary": (
            "What the Gwangju workshop of 6 October 2023 said about the rights the updated "
            "Global Charter-Agenda should hold: key messages, commitments for the next phase, "
            "quotes of the panelists and local practices from Marseille, San Antonio (Chile), "
            "Kisumu County, Ciudad Juárez and Barcelona."
        ),
        "focus": ["decent-work-poverty", "participation-democracy", "human-rights-education"],
        "members": [
            "gwangju",
            "raoul-wallenberg-institute",
            "marseille",
            "san-antonio-chile",
            "kisumu-county",
            "municipio-de-juarez",
            "barcelona",
        ],  # fmt: skip
        "event": "whrcf-2023-global-charter-agenda-workshop",
    },
    {
        "seed": "003_ed11af76145a1752.txt",
        "slug": "global-campaign-first-results-2022",
        "title": (
            'Global Campaign "10, 100, 1000 Human Rights Cities and Territories by 2030": '
            "report on the first results"
        ),
        "kind": K.REPORT,
        "language": "en",
        "published_on": date(2022, 12, 10),
        "author": "UCLG-CSIPDHR",
        "summary": (
            "Published on Human Rights Day 2022, the first reading of the 67 forms sent by "
            "cities and territories that joined the campaign: why local governments matter for "
            "human rights, why they joined, the areas they work on and the policies and "
            "mechanisms they have, with the list of contributors."
        ),
        "focus": ["participation-democracy", "human-rights-education", "migration-refugees"],
        "members": ["barcelona", "grigny", "gwangju", "mexico-city", "utrecht", "vienna"],
        "event": None,
    },
    {
        "seed": "004_46c812f680b827d4.txt",
        "slug": "concept-note-advancing-the-global-movement-2022",
        "title": (
            'Concept note: working session "Advancing the global movement of human rights '
            'cities and territories"'
        ),
        "kind": K.CONCEPT_NOTE,
        "language": "en",
        "published_on": date(2022, 2, 9),
        "author": "UCLG-CSIPDHR",
        "summary": (
            "The plan of the online working session of 23 February 2022 during UCLG Meets, on "
            "the way to the Daejeon Congress: why human rights cities should come together as "
            "one recognised movement, the guiding questions, the agenda with its times and who "
            "speaks and moderates."
        ),
        "focus": ["participation-democracy"],
        "members": ["utrecht", "grigny", "vienna", "mexico-city"],
        "event": "advancing-the-global-movement-of-human-rights-cities-and-territories",
    },
]

# --- Generated documents: one topic in three languages, each told by another member ---------

# focus area: (English, French, Spanish) title, then a few sentences in each language.
TOPICS = {
    "housing": (
        ("The right to housing", "Le droit au logement", "El derecho a la vivienda"),
        "Adequate housing is a human right, not a commodity. The city builds public rental "
        "homes, stops evictions without rehousing and works with tenants' associations.",
        "Le logement digne est un droit humain et non une marchandise. La ville construit des "
        "logements sociaux, empêche les expulsions sans relogement et travaille avec les "
        "associations de locataires.",
        "La vivienda digna es un derecho humano y no una mercancía. La ciudad construye "
        "vivienda pública en alquiler, evita los desahucios sin realojo y trabaja con las "
        "asociaciones de inquilinos.",
    ),
    "migration-refugees": (
        (
            "Welcoming migrants and refugees",
            "Accueillir les personnes migrantes et réfugiées",
            "Acoger a las personas migrantes y refugiadas",
        ),
        "Every inhabitant has rights whatever their status. A single welcome desk gives "
        "migrants and refugees access to health care, schooling, language classes and legal "
        "advice.",
        "Chaque habitant a des droits, quel que soit son statut. Un guichet unique d'accueil "
        "ouvre aux personnes migrantes et réfugiées l'accès aux soins, à l'école, aux cours de "
        "langue et au conseil juridique.",
        "Toda persona que vive en la ciudad tiene derechos, sea cual sea su situación "
        "administrativa. Una oficina de acogida facilita el acceso a la salud, la escuela, los "
        "cursos de idioma y la asesoría jurídica.",
    ),  # fmt: skip
    "gender-equality": (
        (
            "Gender equality in municipal services",
            "L'égalité de genre dans les services municipaux",
            "La igualdad de género en los servicios municipales",
        ),
        "Women and men have the same rights in the city. Gender budgeting shows who benefits "
        "from each public service, and a network of centres supports women who suffer "
        "violence.",
        "Les femmes et les hommes ont les mêmes droits dans la ville. Un budget sensible au "
        "genre montre à qui profite chaque service public, et un réseau de centres accompagne "
        "les femmes victimes de violences.",
        "Mujeres y hombres tienen los mismos derechos en la ciudad. Los presupuestos con "
        "perspectiva de género muestran a quién llega cada servicio público, y una red de "
        "centros acompaña a las mujeres que sufren violencia.",
    ),  # fmt: skip
    "human-rights-education": (
        (
            "Human rights education in schools and neighbourhoods",
            "L'éducation aux droits humains dans les écoles et les quartiers",
            "La educación en derechos humanos en escuelas y barrios",
        ),
        "A human rights culture is learnt. Teachers, youth workers and municipal staff are "
        "trained, and pupils run workshops on dignity, equality and non-discrimination in "
        "their neighbourhoods.",
        "La culture des droits humains s'apprend. Les enseignants, les animateurs et les "
        "agents municipaux sont formés, et les élèves animent des ateliers sur la dignité, "
        "l'égalité et la non-discrimination dans leur quartier.",
        "La cultura de los derechos humanos se aprende. Se forma al profesorado, a los "
        "educadores y al personal municipal, y el alumnado organiza talleres sobre dignidad, "
        "igualdad y no discriminación en su barrio.",
    ),  # fmt: skip
    "participation-democracy": (
        ("Participatory budgeting", "Le budget participatif", "El presupuesto participativo"),
        "Inhabitants decide together how part of the city's budget is spent. Neighbourhood "
        "assemblies propose projects, everyone over sixteen votes, and the city reports on "
        "what was built.",
        "Les habitants décident ensemble de l'usage d'une partie du budget de la ville. Les "
        "assemblées de quartier proposent des projets, chacun vote dès seize ans, et la ville "
        "rend compte de ce qui a été réalisé.",
        "Los vecinos y vecinas deciden juntos cómo se gasta una parte del presupuesto de la "
        "ciudad. Las asambleas de barrio proponen proyectos, todas las personas mayores de "
        "dieciséis años votan y la ciudad rinde cuentas de lo realizado.",
    ),
    "anti-racism": (
        (
            "A local plan against racism and discrimination",
            "Un plan local contre le racisme et les discriminations",
            "Un plan local contra el racismo y la discriminación",
        ),
        "No one may be treated worse because of their origin, religion or skin colour. The "
        "plan sets up an office where victims can report discrimination, tests access to jobs "
        "and housing, and trains the municipal police.",
        "Personne ne doit être moins bien traité en raison de son origine, de sa religion ou "
        "de sa couleur de peau. Le plan crée un bureau où les victimes signalent les "
        "discriminations, teste l'accès à l'emploi et au logement et forme la police "
        "municipale.",
        "Nadie puede ser tratado peor por su origen, su religión o el color de su piel. El "
        "plan crea una oficina donde las víctimas denuncian la discriminación, comprueba el "
        "acceso al empleo y a la vivienda y forma a la policía local.",
    ),  # fmt: skip
    "childrens-rights": (
        ("Children's councils", "Les conseils municipaux d'enfants", "Los consejos de infancia"),
        "Children have the right to be heard on what concerns them. Elected children's "
        "councils advise the mayor on playgrounds, school routes and safety in public space.",
        "Les enfants ont le droit d'être entendus sur ce qui les concerne. Des conseils "
        "d'enfants élus conseillent le maire sur les aires de jeux, les trajets vers l'école "
        "et la sécurité dans l'espace public.",
        "Los niños y niñas tienen derecho a ser escuchados en lo que les afecta. Los consejos "
        "de infancia elegidos asesoran a la alcaldía sobre parques, caminos escolares y "
        "seguridad en el espacio público.",
    ),
    "water-sanitation": (
        (
            "Access to water and sanitation",
            "L'accès à l'eau et à l'assainissement",
            "El acceso al agua y al saneamiento",
        ),
        "Safe drinking water and sanitation are human rights. A basic amount of water is free "
        "for every household, and no home is cut off for unpaid bills.",
        "L'eau potable et l'assainissement sont des droits humains. Une quantité d'eau de base "
        "est gratuite pour chaque foyer, et aucun logement n'est coupé pour factures impayées.",
        "El agua potable y el saneamiento son derechos humanos. Cada hogar recibe gratis un "
        "mínimo vital de agua, y ninguna vivienda se queda sin suministro por deudas.",
    ),  # fmt: skip
    "climate-environment": (
        (
            "A just climate transition",
            "Une transition climatique juste",
            "Una transición climática justa",
        ),
        "The climate plan is written with human rights in mind: the poorest neighbourhoods get "
        "shade, insulation and cooling centres first, and those who lose their jobs are "
        "retrained.",
        "Le plan climat est pensé à partir des droits humains : les quartiers les plus pauvres "
        "reçoivent d'abord de l'ombre, de l'isolation et des lieux rafraîchis, et ceux qui "
        "perdent leur emploi sont formés.",
        "El plan climático se escribe desde los derechos humanos: los barrios más pobres "
        "reciben primero sombra, aislamiento y refugios climáticos, y quienes pierden su "
        "empleo reciben formación.",
    ),  # fmt: skip
    "digital-rights": (
        (
            "Digital rights and the digital divide",
            "Les droits numériques et la fracture numérique",
            "Los derechos digitales y la brecha digital",
        ),
        "Online public services must not shut anyone out. The city keeps a counter open for "
        "every procedure, lends devices, offers free digital skills courses and protects "
        "personal data.",
        "Les services publics en ligne ne doivent exclure personne. La ville garde un guichet "
        "ouvert pour chaque démarche, prête des appareils, propose des cours gratuits de "
        "compétences numériques et protège les données personnelles.",
        "Los servicios públicos en línea no deben dejar a nadie fuera. La ciudad mantiene una "
        "ventanilla abierta para cada trámite, presta dispositivos, ofrece cursos gratuitos "
        "de competencias digitales y protege los datos personales.",
    ),  # fmt: skip
    "disability-accessibility": (
        (
            "An accessible city for persons with disabilities",
            "Une ville accessible aux personnes handicapées",
            "Una ciudad accesible para las personas con discapacidad",
        ),
        "Persons with disabilities take part in planning the city. Streets, buses and "
        "municipal buildings are made accessible, and information is published in easy "
        "language and sign language.",
        "Les personnes handicapées participent à l'aménagement de la ville. Les rues, les bus "
        "et les bâtiments municipaux sont rendus accessibles, et l'information est publiée en "
        "langage facile à lire et en langue des signes.",
        "Las personas con discapacidad participan en la planificación de la ciudad. Calles, "
        "autobuses y edificios municipales se hacen accesibles, y la información se publica "
        "en lectura fácil y en lengua de signos.",
    ),  # fmt: skip
    "culture-memory": (
        (
            "Memory, truth and reconciliation",
            "Mémoire, vérité et réconciliation",
            "Memoria, verdad y reconciliación",
        ),
        "Remembering past violations helps prevent new ones. The city marks places of memory, "
        "collects the testimonies of survivors and brings them into schools.",
        "Se souvenir des violations passées aide à en prévenir de nouvelles. La ville signale "
        "les lieux de mémoire, recueille les témoignages des survivants et les fait entrer "
        "dans les écoles.",
        "Recordar las violaciones del pasado ayuda a prevenir otras nuevas. La ciudad señala "
        "los lugares de memoria, recoge los testimonios de las personas sobrevivientes y los "
        "lleva a las escuelas.",
    ),  # fmt: skip
    "human-rights-defenders": (
        (
            "Shelter for human rights defenders",
            "L'accueil des défenseurs des droits humains",
            "La acogida de personas defensoras de derechos humanos",
        ),
        "Defenders under threat at home can rest and keep working here for a few months. The "
        "city offers a home, a network of support and meetings with local organisations.",
        "Les défenseurs menacés dans leur pays peuvent se reposer et poursuivre leur travail "
        "ici pendant quelques mois. La ville offre un logement, un réseau de soutien et des "
        "rencontres avec les associations locales.",
        "Las personas defensoras amenazadas en su país pueden descansar y seguir trabajando "
        "aquí durante unos meses. La ciudad ofrece alojamiento, una red de apoyo y encuentros "
        "con las organizaciones locales.",
    ),  # fmt: skip
    "food-security": (
        ("The right to food", "Le droit à l'alimentation", "El derecho a la alimentación"),
        "Nobody in the city should go hungry. School canteens serve local food, community "
        "gardens grow in every district and food aid respects people's dignity and choice.",
        "Personne ne devrait avoir faim dans la ville. Les cantines scolaires servent des "
        "produits locaux, des jardins partagés poussent dans chaque quartier et l'aide "
        "alimentaire respecte la dignité et le choix des personnes.",
        "Nadie debería pasar hambre en la ciudad. Los comedores escolares sirven alimentos "
        "locales, hay huertos comunitarios en cada distrito y la ayuda alimentaria respeta la "
        "dignidad y la elección de las personas.",
    ),  # fmt: skip
}

# language: the members whose stories are told in it (slug, name as written in the title)
TELLERS = {
    "en": [("vienna", "Vienna"), ("utrecht", "Utrecht"), ("gwangju", "Gwangju"),
           ("montreal", "Montreal"), ("graz", "Graz"), ("mayo", "Mayo"),
           ("kisumu-county", "Kisumu County"), ("leuven", "Leuven")],
    "fr": [("grigny", "Grigny"), ("lyon", "Lyon"), ("strasbourg", "Strasbourg"),
           ("grenoble", "Grenoble"), ("nantes", "Nantes"), ("rabat", "Rabat"),
           ("saint-louis", "Saint-Louis"), ("sfax", "Sfax")],
    "es": [("barcelona", "Barcelona"), ("mexico-city", "Ciudad de México"),
           ("bogota", "Bogotá"), ("quilmes", "Quilmes"), ("getafe", "Getafe"),
           ("valparaiso", "Valparaíso"), ("iztapalapa", "Iztapalapa"),
           ("municipio-de-juarez", "Ciudad Juárez")],
}  # fmt: skip

KIND_WORDS = {
    "en": {K.REPORT: "Report", K.GUIDE: "Toolkit", K.POLICY: "Local policy",
           K.CASE_STUDY: "Case study", K.CHARTER: "Declaration", K.CONCEPT_NOTE: "Concept note",
           K.SESSION_REPORT: "Session report"},
    "fr": {K.REPORT: "Rapport", K.GUIDE: "Guide pratique", K.POLICY: "Politique locale",
           K.CASE_STUDY: "Étude de cas", K.CHARTER: "Déclaration",
           K.CONCEPT_NOTE: "Note conceptuelle", K.SESSION_REPORT: "Compte rendu de session"},
    "es": {K.REPORT: "Informe", K.GUIDE: "Guía práctica", K.POLICY: "Política local",
           K.CASE_STUDY: "Estudio de caso", K.CHARTER: "Declaración",
           K.CONCEPT_NOTE: "Nota conceptual", K.SESSION_REPORT: "Informe de sesión"},
}  # fmt: skip
KINDS = [K.CASE_STUDY, K.GUIDE, K.POLICY, K.REPORT, K.CHARTER, K.CONCEPT_NOTE,
         K.SESSION_REPORT]  # fmt: skip
# (closing sentence of the text, how the member is named in it)
CLOSING = {
    "en": "This document was shared by {member} with the human rights cities network.",
    "fr": "Ce document a été partagé par {member} avec le réseau des villes des droits humains.",
    "es": "Este documento fue compartido por {member} con la red de ciudades de derechos humanos.",
}
COLON = {"en": ": ", "fr": " : ", "es": ": "}


def generated_documents() -> list[dict]:
    """About forty documents, the same on every run: each topic in each language, told by a
    member of that language; every fifth for members only, every sixth a link."""
    documents = []
    for number, (area, (titles, *texts)) in enumerate(TOPICS.items()):
        for index, language in enumerate(("en", "fr", "es")):
            n = number * 3 + index
            slug, name = TELLERS[language][(number + index) % len(TELLERS[language])]
            kind = KINDS[n % len(KINDS)]
            title = f"{KIND_WORDS[language][kind]}{COLON[language]}{titles[index]} ({name})"
            text = texts[index]
            documents.append(
                {
                    "slug": f"demo-{area}-{language}",
                    "title": title,
                    "kind": kind,
                    "language": language,
                    "published_on": date(2019 + n % 7, 1 + (n * 5) % 12, 1 + (n * 7) % 28),
                    "author": name,
                    "summary": text.split(". ")[0].rstrip(".") + ".",
                    "body": f"{title}\n\n{text}\n\n{CLOSING[language].format(member=name)}\n",
                    "focus": [area],
                    "members": [slug],
                    "visibility": Visibility.MEMBERS if n % 5 == 3 else Visibility.PUBLIC,
                    "link": f"https://www.example.org/library/{area}-{language}.pdf"
                    if n % 6 == 4
                    else "",
                }
            )
    return documents


def _seed_text(name: str) -> str | None:
    path = SEEDS_DIR / name
    return path.read_text(encoding="utf-8")


def _add(spec: dict, *, by, areas, members, events) -> Document | None:
    if Document.objects.filter(slug=spec["slug"]).exists():
        return None
    answers = {
        name: spec[name]
        for name in ("slug", "title", "kind", "language", "published_on", "author", "summary")
    }
    answers["visibility"] = spec.get("visibility", Visibility.PUBLIC)
    answers["link"] = spec.get("link", "")
    answers["event"] = events.get(spec.get("event"))
    upload = None
    if not answers["link"]:
        upload = ContentFile(spec["body"].encode("utf-8"), name=f"{spec['slug']}.txt")
    document = services.document_create(
        by=by,
        answers=answers,
        file=upload,
        focus_areas=[areas[slug] for slug in spec["focus"] if slug in areas],
        members=[members[slug] for slug in spec["members"] if slug in members],
        publish_now=True,
    )
    if upload is not None:
        services.document_extract(document_id=document.pk)
    _date_the_news(document, by=by)
    return document


def _date_the_news(document: Document, *, by) -> None:
    """The news item of an old document, dated when it came out rather than today."""
    services.document_announce(
        document=document,
        by=by,
        published_at=datetime.combine(document.published_on, datetime.min.time(), tzinfo=UTC),
    )


def load() -> None:
    by = User.objects.filter(email=SECRETARIAT).first()
    if by is None:
        return  # the accounts demo makes the secretariat that uploads
    seeds = [{**spec, "body": _seed_text(spec["seed"])} for spec in SEEDS]
    specs = seeds + generated_documents()
    wanted = {slug for spec in specs for slug in spec["members"]}
    members = {m.slug: m for m in Member.objects.filter(slug__in=wanted)}
    areas = {area.slug: area for area in FocusArea.objects.all()}
    events = {e.slug: e for e in Event.objects.filter(slug__in=[s["event"] for s in SEEDS])}
    for spec in specs:
        _add(spec, by=by, areas=areas, members=members, events=events)
