"""The shared vocabularies: UCLG world regions and the community's focus areas (en, fr, es).

Loaded by a data migration so every database has them; the admin may add more.
"""

REGIONS = [
    # slug, English, French, Spanish
    ("africa", "Africa", "Afrique", "África"),
    ("asia-pacific", "Asia-Pacific", "Asie-Pacifique", "Asia-Pacífico"),
    ("eurasia", "Eurasia", "Eurasie", "Eurasia"),
    ("europe", "Europe", "Europe", "Europa"),
    ("latin-america", "Latin America", "Amérique latine", "América Latina"),
    (
        "middle-east-west-asia",
        "Middle East and West Asia",
        "Moyen-Orient et Asie de l’Ouest",
        "Oriente Medio y Asia Occidental",
    ),
    ("north-america", "North America", "Amérique du Nord", "América del Norte"),
]

FOCUS_AREAS = [
    ("migration-refugees", "Migration and refugees", "Migrations et réfugiés", "Migración y personas refugiadas"),
    ("gender-equality", "Gender equality", "Égalité de genre", "Igualdad de género"),
    ("human-rights-education", "Human rights education", "Éducation aux droits humains", "Educación en derechos humanos"),
    ("housing", "Housing", "Logement", "Vivienda"),
    ("food-security", "Food security", "Sécurité alimentaire", "Seguridad alimentaria"),
    ("health", "Health", "Santé", "Salud"),
    ("water-sanitation", "Water and sanitation", "Eau et assainissement", "Agua y saneamiento"),
    ("climate-environment", "Climate and environment", "Climat et environnement", "Clima y medio ambiente"),
    ("childrens-rights", "Children's rights", "Droits de l’enfant", "Derechos de la infancia"),
    ("lgbtqi-inclusion", "LGBTQI+ inclusion", "Inclusion LGBTQI+", "Inclusión LGBTQI+"),
    ("disability-accessibility", "Disability and accessibility", "Handicap et accessibilité", "Discapacidad y accesibilidad"),
    ("anti-racism", "Anti-racism and non-discrimination", "Antiracisme et non-discrimination", "Antirracismo y no discriminación"),
    ("participation-democracy", "Participation and local democracy", "Participation et démocratie locale", "Participación y democracia local"),
    ("human-rights-defenders", "Human rights defenders", "Défenseurs des droits humains", "Personas defensoras de derechos humanos"),
    ("culture-memory", "Culture and memory", "Culture et mémoire", "Cultura y memoria"),
    ("digital-rights", "Digital rights", "Droits numériques", "Derechos digitales"),
    ("decent-work-poverty", "Decent work and poverty", "Travail décent et pauvreté", "Trabajo decente y pobreza"),
    ("access-to-justice", "Access to justice", "Accès à la justice", "Acceso a la justicia"),
    ("public-space", "Public space and the right to the city", "Espace public et droit à la ville", "Espacio público y derecho a la ciudad"),
    ("peace-security", "Peace and safety", "Paix et sécurité", "Paz y seguridad"),
]  # fmt: skip


def load_vocabulary(Region, FocusArea) -> None:
    for order, (slug, en, fr, es) in enumerate(REGIONS):
        Region.objects.update_or_create(
            slug=slug, defaults={"name": en, "name_fr": fr, "name_es": es, "order": order}
        )
    for order, (slug, en, fr, es) in enumerate(FOCUS_AREAS):
        FocusArea.objects.update_or_create(
            slug=slug, defaults={"name": en, "name_fr": fr, "name_es": es, "order": order}
        )
