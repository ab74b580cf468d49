"""Library search over 10,000 published documents (1-40 extracted pages each, in English,
French, Spanish and a few in another language): what the list page does for a query (the
first 20 results, the total count, the snippets of those 20), and the plan of a common word.

Set BENCH_PLANS=all to print the plans of every query, not only the common word's."""

import os
import random
import re
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from cities.models import FocusArea
from core.visibility import Visibility
from docs_library.models import (
    Document,
    DocumentKind,
    DocumentPage,
    DocumentState,
    ExtractionState,
)
from docs_library.search import INDEXED_CHARACTERS, index_first
from docs_library.selectors import library, search, snippets
from docs_library.views import CappedPaginator

COUNT = int(os.environ.get("BENCH_DOCUMENTS", 10_000))
BATCH = 100
THREADS = 2
TARGET = "< 100 ms"
RARE_WORD = "ombudsperson"  # on one page of about one English document in 500

# Share of each language: English, French, Spanish, a few in another (unstemmed) language.
LANGUAGES = ["en"] * 50 + ["fr"] * 25 + ["es"] * 22 + ["other"] * 3

# Function words, the words any report on the subject uses, and what each focus area adds.
FUNCTION = {
    "en": "the of and to in a for with on by as is are that this its their from at which be "
    "have has been was were will should all more also through between within our each",
    "fr": "le la les de des du et à en un une pour avec sur par dans est sont que qui ce cette "
    "leur leurs au aux été sera doit tous plus aussi entre notre chaque où",
    "es": "el la los las de del y a en un una para con sobre por es son que este esta su sus "
    "al ha han sido será debe todos más también entre nuestra cada donde",
    "other": "o a os as de do da e em um uma para com por que este esta seu sua ao mais também",
}
GENERAL = {
    "en": "city rights human participation local government council inhabitants public policy "
    "report plan strategy citizens community observatory budget monitoring indicators "
    "commitment charter declaration mayor network implementation services access equality "
    "discrimination inclusion dignity neighbourhood district civil society organisations "
    "dialogue consultation evaluation accountability transparency data annual progress "
    "training awareness campaign department office committee cooperation international "
    "national regional framework standards obligations protect promote respect fulfil ensure "
    "develop support strengthen guarantee vulnerable groups persons people women youth elderly "
    "families workers infrastructure resources funding programme project initiative measures "
    "action approach principles justice solidarity diversity sustainable development goals "
    "agenda urban space municipal residents assembly forum ombudsman survey baseline "
    "participatory",
    "fr": "ville droits humains participation locale gouvernement conseil habitants publique "
    "politique rapport plan stratégie citoyens communauté observatoire budget suivi "
    "indicateurs engagement charte déclaration maire réseau mise œuvre services accès égalité "
    "discrimination inclusion dignité quartier arrondissement société civile associations "
    "dialogue concertation évaluation redevabilité transparence données annuel progrès "
    "formation sensibilisation campagne direction bureau comité coopération internationale "
    "nationale régionale cadre normes obligations protéger promouvoir respecter garantir "
    "développer soutenir renforcer vulnérables groupes personnes femmes jeunes âgées familles "
    "travailleurs infrastructures ressources financement programme projet initiative mesures "
    "action démarche principes justice solidarité diversité durable développement objectifs "
    "urbain espace municipal élus assemblée forum médiateur enquête école égalité citoyenneté "
    "collectivités",
    "es": "ciudad derechos humanos participación local gobierno concejo habitantes pública "
    "política informe plan estrategia ciudadanía comunidad observatorio presupuesto seguimiento "
    "indicadores compromiso carta declaración alcaldía red implementación servicios acceso "
    "igualdad discriminación inclusión dignidad barrio distrito sociedad civil organizaciones "
    "diálogo consulta evaluación rendición cuentas transparencia datos anual avances formación "
    "sensibilización campaña secretaría oficina comité cooperación internacional nacional "
    "regional marco normas obligaciones proteger promover respetar garantizar desarrollar apoyar "
    "fortalecer vulnerables grupos personas mujeres jóvenes mayores familias trabajadoras "
    "infraestructura recursos financiación programa proyecto iniciativa medidas acción enfoque "
    "principios justicia solidaridad diversidad sostenible desarrollo objetivos agenda urbano "
    "espacio municipal vecinos asamblea foro defensoría encuesta derecho políticas públicas",
    "other": "cidade direitos humanos participação local governo conselho habitantes pública "
    "política relatório plano estratégia cidadania comunidade observatório orçamento "
    "indicadores compromisso carta prefeitura rede serviços acesso igualdade discriminação "
    "inclusão dignidade bairro sociedade civil organizações diálogo avaliação transparência "
    "dados formação campanha cooperação moradia água mulheres jovens famílias",
}
# Multi-word expressions dropped whole into sentences (a quoted query looks for one).
PHRASES = {
    "en": ["right to the city", "human rights city", "participatory budget", "social housing"],
    "fr": ["droit à la ville", "ville des droits humains", "budget participatif"],
    "es": ["derecho a la ciudad", "ciudad de derechos humanos", "presupuesto participativo"],
    "other": ["direito à cidade"],
}
TOPICS = {
    "migration-refugees": (
        "migrants refugees asylum newcomers reception integration undocumented shelter",
        "migrants réfugiés asile accueil intégration exilés hébergement sans-papiers",
        "migrantes refugiados asilo acogida integración desplazados albergue migración",
    ),
    "gender-equality": (
        "gender women violence feminist parity equal pay harassment",
        "genre femmes violences féministe parité égalité salariale harcèlement",
        "género mujeres violencia feminista paridad igualdad salarial acoso",
    ),
    "human-rights-education": (
        "education school teachers curriculum pupils learning schools",
        "éducation école enseignants programme élèves apprentissage écoles",
        "educación escuela docentes currículo alumnado aprendizaje escuelas",
    ),
    "housing": (
        "housing rent eviction tenants homelessness affordable dwellings landlords",
        "logement loyer expulsion locataires sans-abri abordable logements bailleurs",
        "vivienda alquiler desahucio inquilinos sinhogarismo asequible viviendas propietarios",
    ),
    "food-security": (
        "food hunger nutrition markets farmers meals",
        "alimentation faim nutrition marchés agriculteurs repas",
        "alimentación hambre nutrición mercados agricultores comedores",
    ),
    "health": (
        "health clinics care patients mental hospitals",
        "santé centres soins patients mentale hôpitaux",
        "salud centros atención pacientes mental hospitales",
    ),
    "water-sanitation": (
        "water sanitation drinking sewage toilets supply",
        "eau assainissement potable égouts toilettes approvisionnement",
        "agua saneamiento potable alcantarillado baños suministro",
    ),
    "climate-environment": (
        "climate environment heat emissions green pollution adaptation",
        "climat environnement chaleur émissions verts pollution adaptation",
        "clima ambiente calor emisiones verdes contaminación adaptación",
    ),
    "childrens-rights": (
        "children child childhood play adolescents",
        "enfants enfant enfance jeu adolescents",
        "infancia niños niñas juego adolescencia",
    ),
    "lgbtqi-inclusion": (
        "lgbtqi queer transgender pride sexual orientation",
        "lgbtqi queer transgenres fierté sexuelle orientation",
        "lgbtqi queer trans orgullo sexual orientación",
    ),
    "disability-accessibility": (
        "disability accessibility wheelchair accessible barriers",
        "handicap accessibilité fauteuil accessible obstacles",
        "discapacidad accesibilidad silla accesible barreras",
    ),
    "anti-racism": (
        "racism racial minorities roma hate discrimination",
        "racisme raciales minorités roms haine antiracisme",
        "racismo raciales minorías gitanos odio antirracismo",
    ),
    "participation-democracy": (
        "democracy participatory voting deliberation assemblies referendum",
        "démocratie participative vote délibération assemblées référendum",
        "democracia participativa voto deliberación asambleas consulta",
    ),
    "human-rights-defenders": (
        "defenders activists protection threats journalists",
        "défenseurs militants protection menaces journalistes",
        "defensoras activistas protección amenazas periodistas",
    ),
    "culture-memory": (
        "culture memory heritage memorial museums history",
        "culture mémoire patrimoine mémorial musées histoire",
        "cultura memoria patrimonio memorial museos historia",
    ),
    "digital-rights": (
        "digital privacy surveillance algorithms internet connectivity",
        "numérique vie privée surveillance algorithmes internet connectivité",
        "digital privacidad vigilancia algoritmos internet conectividad",
    ),
    "decent-work-poverty": (
        "poverty work wages employment unemployment informal",
        "pauvreté travail salaires emploi chômage informel",
        "pobreza trabajo salarios empleo desempleo informal",
    ),
    "access-to-justice": (
        "justice courts legal aid lawyers complaints",
        "justice tribunaux aide juridique avocats plaintes",
        "justicia tribunales asistencia jurídica abogados denuncias",
    ),
    "public-space": (
        "squares parks streets mobility transport sidewalks",
        "places parcs rues mobilité transports trottoirs",
        "plazas parques calles movilidad transporte aceras",
    ),
    "peace-security": (
        "peace safety police conflict mediation violence",
        "paix sécurité police conflit médiation violence",
        "paz seguridad policía conflicto mediación violencia",
    ),
}
CITIES = [
    *("Barcelona", "Gwangju", "Montréal", "Vienna", "Graz", "Bogotá", "Nantes", "Grenoble"),
    *("Strasbourg", "Dakar", "Rosario", "Utrecht", "York", "Lund", "Madrid", "Seoul", "Tunis"),
    *("Lyon", "Medellín", "Quito", "Mexico", "Rabat", "Bologna", "Porto"),
]
AUTHORS = [
    "UCLG-CSIPDHR",
    "City council",
    "Local human rights observatory",
    "Síndic de Greuges",
    "Université de Grenoble",
    "Red de ciudades",
    "",
]


def _weighted(words):
    """A Zipf-like weight per word: the first ones of each list are the most frequent."""
    return [1 / (rank + 1) ** 0.7 for rank in range(len(words))]


def _sentence(rng, words, topic):
    function, general, weights, phrases = words
    chosen = []
    for _ in range(rng.randint(8, 22)):
        draw = rng.random()
        if draw < 0.42:
            chosen.append(rng.choice(function))
        elif draw < 0.8 or not topic:
            chosen.append(rng.choices(general, weights)[0])
        elif draw < 0.98:
            chosen.append(rng.choice(topic))
        else:
            chosen.append(rng.choice(CITIES))
    if rng.random() < 0.1:
        chosen.insert(rng.randrange(len(chosen)), rng.choice(phrases))
    text = " ".join(chosen)
    return text[0].upper() + text[1:] + "."


def _sentence_pools(rng):
    """Per language: 3,000 general sentences, and 200 more per focus area."""
    pools = {}
    for language in FUNCTION:
        general = GENERAL[language].split()
        words = (FUNCTION[language].split(), general, _weighted(general), PHRASES[language])
        index = {"en": 0, "fr": 1, "es": 2}.get(language)
        by_area = {
            slug: [
                _sentence(rng, words, topic[index].split() if index is not None else general[-12:])
                for _ in range(200)
            ]
            for slug, topic in TOPICS.items()
        }
        pools[language] = ([_sentence(rng, words, None) for _ in range(3000)], by_area)
    return pools


def _page_count(rng):
    """1 to 40 pages, most documents short: 75 % have 1-8 pages, 18 % 9-20, 7 % 21-40 (about
    8 on average; a uniform 1-40 would hold 2.5 times the text and take 2.5 times as long)."""
    draw = rng.random()
    if draw < 0.75:
        return rng.randint(1, 8)
    if draw < 0.93:
        return rng.randint(9, 20)
    return rng.randint(21, 40)


def _pages(rng, pools, language, slugs):
    general, by_area = pools[language]
    topical = [s for slug in slugs for s in by_area[slug]]
    pages = []
    for _ in range(_page_count(rng)):
        target, parts, length = rng.randint(2000, 3000), [], 0
        while length < target:
            part = rng.choice(topical) if rng.random() < 0.35 else rng.choice(general)
            parts.append(part)
            length += len(part) + 1
        pages.append(" ".join(parts))
    if language == "en" and rng.random() < 0.002:
        at = rng.randrange(len(pages))
        pages[at] += f" The {RARE_WORD} received complaints from residents."
    return pages


def _generate_batch(start, pools, areas):
    """One batch of documents, their pages and focus areas (run in a thread of its own)."""
    rng = random.Random(2027 + start)
    first_day = date(2010, 1, 1)
    documents, pages_of, areas_of = [], [], []
    try:
        for n in range(start, min(start + BATCH, COUNT)):
            language = rng.choice(LANGUAGES)
            chosen = rng.sample(areas, rng.randint(1, 3))
            pages = _pages(rng, pools, language, [area.slug for area in chosen])
            name = {"en": chosen[0].name, "fr": chosen[0].name_fr, "es": chosen[0].name_es}
            documents.append(
                Document(
                    title=f"{name.get(language, chosen[0].name)}: {rng.choice(CITIES)} "
                    f"{2010 + n % 16}",
                    slug=f"bench-document-{n:05d}",
                    summary=pools[language][0][n % 3000],
                    kind=rng.choice(DocumentKind.values),
                    language=language,
                    published_on=first_day + timedelta(days=rng.randrange(16 * 365)),
                    author=rng.choice(AUTHORS),
                    link=f"https://www.example.org/library/{n}.pdf",
                    visibility=Visibility.MEMBERS if rng.random() < 0.25 else Visibility.PUBLIC,
                    state=DocumentState.PUBLISHED,
                    extraction_state=ExtractionState.DONE,
                    page_count=len(pages),
                    indexed_text="\n".join(pages)[:INDEXED_CHARACTERS],
                )
            )
            pages_of.append(pages)
            areas_of.append(chosen)
        Document.objects.bulk_create(documents)
        DocumentPage.objects.bulk_create(
            (
                DocumentPage(document=d, number=number, text=text, language=d.language)
                for d, pages in zip(documents, pages_of, strict=True)
                for number, text in enumerate(pages, start=1)
            ),
            batch_size=500,
        )
        through = Document.focus_areas.through
        through.objects.bulk_create(
            through(document_id=d.pk, focusarea_id=area.pk)
            for d, chosen in zip(documents, areas_of, strict=True)
            for area in chosen
        )
    finally:
        connection.close()  # this thread's own connection
    pages = [page for document_pages in pages_of for page in document_pages]
    return len(pages), sum(len(page) for page in pages)


def _generate():
    """The stored vectors (generated columns) cost the database about a microsecond per
    character, translate() most of it: the batches go in on two connections at once."""
    pools = _sentence_pools(random.Random(2027))
    areas = list(FocusArea.objects.all())
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        done = list(pool.map(lambda start: _generate_batch(start, pools, areas),
                             range(0, COUNT, BATCH)))  # fmt: skip
    return sum(pages for pages, _ in done), sum(characters for _, characters in done)


def _list_page(text, *, sort="relevance", user=None):
    """What the list page does: the first page of 20, the count (capped at 1,000, as the page
    does), the 20 snippets."""
    found, _areas = search(library(user=user), text=text, sort=sort)
    with index_first():
        page = CappedPaginator(found, 20).page(1)
        documents = list(page.object_list)
        snippets(documents, text=text)
    return page.paginator.count, documents


def _indexed(read):
    """``read()`` as the pages run it (docs_library.search.index_first)."""
    with index_first():
        return read()


def _explain(sql: str, *, settings=()) -> tuple[str, float]:
    with transaction.atomic(), connection.cursor() as cursor:
        for setting in settings:
            cursor.execute(f"SET LOCAL {setting}")
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    milliseconds = float(re.search(r"Execution Time: ([\d.]+) ms", plan).group(1))
    return plan, milliseconds


def _plans(harness, name, text, *, sort="relevance", only=None, settings=()):
    """EXPLAIN ANALYZE the queries of one list page (or ``only`` those named): printed, and
    their time recorded."""
    with CaptureQueriesContext(connection) as captured:
        _list_page(text, sort=sort)
    labels = ["focus area names", "count", "first 20", "focus areas", "members", "snippet pages",
              "snippet headlines"]  # fmt: skip
    wanted = only or {"count", "first 20", "snippet pages", "snippet headlines"}
    # The page's own queries, without the transaction and setting around them.
    queries = [
        query
        for query in captured.captured_queries
        if not query["sql"].startswith(
            ("SET ", "SAVEPOINT", "RELEASE", "ROLLBACK", "BEGIN", "COMMIT")
        )
    ]
    # As the page runs them (docs_library.search.index_first).
    settings = ("enable_seqscan = off", *settings)
    for label, query in zip(labels, queries, strict=False):
        if label not in wanted:
            continue
        plan, milliseconds = _explain(query["sql"], settings=settings)
        index = "_gin" in plan
        how = f", {', '.join(settings[1:])}" if settings[1:] else ""
        print(f"\n-- EXPLAIN ANALYZE, {name}, {label}{how}:\n{query['sql'][:600]}\n{plan}\n",
              flush=True)  # fmt: skip
        harness.record(
            f"plan: {name}, {label}{how} (EXPLAIN ANALYZE)",
            seconds=milliseconds / 1000,
            note=("uses a GIN index" if index else "no GIN index scan") + f"; {_nodes(plan)}",
        )


def _nodes(plan: str) -> str:
    """The plan's scan nodes in a line, for the table."""
    nodes = re.findall(r"((?:Parallel )?(?:Bitmap Heap|Bitmap Index|Index Only|Index|Seq) Scan"
                       r"(?: using| on) \w+)", plan)  # fmt: skip
    return ", ".join(dict.fromkeys(nodes))


def run(harness):
    started = time.perf_counter()
    total_pages, total_characters = _generate()
    harness.analyze()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_size_pretty(pg_total_relation_size('docs_library_document')),"
            " pg_size_pretty(pg_total_relation_size('docs_library_documentpage')),"
            " pg_size_pretty(pg_relation_size('document_public_gin')"
            " + pg_relation_size('document_published_gin')),"
            " (SELECT avg(pg_column_size(search_vector))::int FROM docs_library_document)"
        )
        documents_size, pages_size, gin_size, vector_bytes = cursor.fetchone()
    harness.record(
        f"generate {COUNT:,} documents, {total_pages:,} pages",
        seconds=time.perf_counter() - started,
        note=f"{total_characters / 1e6:.0f} M characters; documents {documents_size}, "
        f"pages {pages_size}, GIN {gin_size}; search_vector {vector_bytes:,} bytes on average "
        "(stored, compressed)",
    )
    measure(harness)


def measure(harness):
    """The measurements alone, on documents already there."""
    queries = [
        ("common word", "participation"),
        ("rare word", RARE_WORD),
        ("accent folded (fr)", "ecole"),
        ("Spanish stem", "derechos"),
        ("quoted phrase", '"right to the city"'),
        ("exclusion", "housing -water"),
        ("focus area named in Spanish", "vivienda"),
    ]
    for name, text in queries:
        count = search(library(user=None), text=text)[0].count()
        harness.time(
            f"list page: {name} “{text}” ({count:,} found)",
            lambda text=text: _list_page(text),
            target=TARGET,
        )
    count = search(library(user=None), text="participation")[0].count()
    harness.time(
        f"list page: common word by date ({count:,} found)",
        lambda: _list_page("participation", sort="date"),
        target=TARGET,
    )

    # The common word's parts, to see where its time goes.
    found, _areas = search(library(user=None), text="participation")
    first = list(found[:20])
    harness.time(
        "  common word: exact count (the page counts to 1,001)",
        lambda: _indexed(found.count),
        repeat=5,
    )
    harness.time("  common word: first 20 only", lambda: _indexed(lambda: list(found[:20])),
                 repeat=5)  # fmt: skip
    harness.time(
        "  common word: snippets of 20 only",
        lambda: snippets(first, text="participation"),
        repeat=5,
    )

    # The whole pages, through Django (templates, filters, site search's five groups).
    harness.page("/library/?q=participation (whole page)", "/library/?q=participation",
                 target=TARGET)  # fmt: skip
    harness.page("site search /search/?q=participation", "/search/?q=participation",
                 target="< 150 ms")  # fmt: skip
    harness.page("site search /search/?q=vivienda", "/search/?q=vivienda", target="< 150 ms")

    # A quoted phrase of two frequent words: its first page, alone.
    phrase, _areas = search(library(user=None), text='"right to the city"')
    harness.time("  quoted phrase: first 20 only", lambda: _indexed(lambda: list(phrase[:20])),
                 repeat=5)  # fmt: skip

    # Half the public documents hold the common word: the planner reads them all rather than
    # the GIN index (which a rare word's plan shows).
    _plans(harness, "common word", "participation")
    _plans(harness, "rare word", RARE_WORD, only={"count", "first 20"})
    if os.environ.get("BENCH_PLANS") == "all":
        for name, text in queries[2:]:
            _plans(harness, name, text)
        _plans(harness, "common word by date", "participation", sort="date")
