"""Demo members: the contributors in the annex of the campaign's first report (seed 003) and the
cities named in the other seeds, with countries, UCLG regions, kinds, approximate coordinates,
networks and the focus areas the report associates with each. Idempotent."""

from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify

from accounts.models import User
from cities.models import Affiliation, FocusArea, Member, MemberKind, Network, Region
from cities.selectors import bump_map_generation

K = MemberKind

NETWORKS = [
    # slug, acronym, name, website
    ("uclg-csipdhr", "UCLG-CSIPDHR", "UCLG Committee on Social Inclusion, Participatory Democracy and Human Rights", "https://www.uclg-cisdp.org"),
    ("iccar", "ICCAR", "International Coalition of Inclusive and Sustainable Cities (UNESCO)", "https://www.unesco.org/en/sustainable-cities/iccar"),
    ("eccar", "ECCAR", "European Coalition of Cities Against Racism", "https://www.eccar.info"),
    ("coalition-lac", "Coalición LAC", "Latin American and Caribbean Coalition of Cities against Racism, Discrimination and Xenophobia", ""),
    ("ciutats-defensores", "CDDH", "Ciutats Defensores dels Drets Humans", ""),
    ("shelter-cities", "Shelter Cities", "Shelter City network for human rights defenders", ""),
]  # fmt: skip

# name: (kind, country, region, lat, lon, networks, focus areas, description)
C = "uclg-csipdhr"
MEMBERS = {
    "AME (Ecuador)": (K.NETWORK, "EC", "latin-america", "-0.18", "-78.47", [C], ["human-rights-education", "migration-refugees", "anti-racism"], "The association of Ecuadorian municipalities sees the campaign as a way to share common frameworks, learning tools and training on human mobility and non-discrimination."),
    "Afadzato South": (K.DISTRICT, "GH", "africa", "7.05", "0.45", [C], ["health", "water-sanitation", "climate-environment", "housing"], "Links health with access to water and sanitation, and climate action with housing."),
    "Alfàs del Pi": (K.MUNICIPALITY, "ES", "europe", "38.58", "-0.10", [C], ["gender-equality", "human-rights-defenders"], "Raises awareness against gender stereotypes and female genital mutilation, and ties the campaign to its decentralised cooperation."),
    "Allonnes": (K.MUNICIPALITY, "FR", "europe", "47.97", "0.16", [C], ["migration-refugees"], "Welcomes refugees and works for dignified human mobility."),
    "Ames (A Coruña)": (K.MUNICIPALITY, "ES", "europe", "42.90", "-8.65", [C], ["health", "water-sanitation", "culture-memory"], "Joins the campaign to promote intercultural dialogue and respect for diversity."),
    "Amsterdam": (K.CITY, "NL", "europe", "52.37", "4.90", [C, "shelter-cities"], ["human-rights-defenders", "lgbtqi-inclusion", "housing", "climate-environment"], "Builds on tolerance and democracy as long-standing principles; protects human rights defenders and LGBTQI+ citizens."),
    "Bogotá": (K.CITY, "CO", "latin-america", "4.71", "-74.07", [C, "coalition-lac", "iccar"], ["human-rights-education", "peace-security", "culture-memory"], "Integrates international human rights frameworks into local action, with education for peace and memory."),
    "Bukavu MKAAJI MPYA": (K.CIVIL_SOCIETY, "CD", "africa", "-2.51", "28.86", [C], ["participation-democracy", "human-rights-education"], "A civil-society organisation that calls for shared responsibility of local governments and citizens for human rights."),
    "Bègles": (K.MUNICIPALITY, "FR", "europe", "44.81", "-0.55", [C], ["participation-democracy"], "Participatory mechanisms and cooperation with civil society."),
    "Chiguayante": (K.MUNICIPALITY, "CL", "latin-america", "-36.93", "-73.03", [C], ["participation-democracy"], "Local governments know the specific needs of their inhabitants: a key to translate human rights into local action."),
    "Coalition LAC": (K.NETWORK, "UY", "latin-america", None, None, [C, "coalition-lac"], ["anti-racism", "migration-refugees", "human-rights-education"], "A coalition of Latin American and Caribbean cities against racism, discrimination and xenophobia."),
    "Commune d'arrondissement Douala 3": (K.DISTRICT, "CM", "africa", "4.03", "9.74", [C], ["participation-democracy", "health"], "A district of Douala that contributed to the campaign's first report."),
    "Dannieh Municipalities Union": (K.UNION_OF_MUNICIPALITIES, "LB", "middle-east-west-asia", "34.40", "36.03", [C], ["health", "human-rights-education"], "Puts the emphasis on recovery from COVID-19 and on raising young people's awareness."),
    "Department of Seine-Saint-Denis": (K.DEPARTMENT, "FR", "europe", "48.91", "2.44", [C], ["human-rights-defenders", "participation-democracy"], "Calls for a greater part for local and regional governments in international human rights mechanisms."),
    "Department of Aude": (K.DEPARTMENT, "FR", "europe", "43.21", "2.35", [C], ["human-rights-education"], "Sees the campaign as a way to understand multi-level governance and measure joint impact."),
    "Diyarbakir Metropolitan Municipality": (K.METROPOLITAN_AREA, "TR", "middle-east-west-asia", "37.91", "40.24", [C], ["culture-memory", "anti-racism"], "Historical memory and intercultural dialogue for social cohesion."),
    "El Masnou": (K.MUNICIPALITY, "ES", "europe", "41.48", "2.32", [C, "ciutats-defensores"], ["participation-democracy"], "Participation, transparency and cooperation with civil society."),
    "Esteban Echeverría": (K.MUNICIPALITY, "AR", "latin-america", "-34.82", "-58.47", [C], ["human-rights-defenders", "culture-memory"], "Memory, culture and the defence of human rights defenders."),
    "Fuenlabrada": (K.CITY, "ES", "europe", "40.28", "-3.79", [C], ["lgbtqi-inclusion"], "Inclusive citizenship with the LGBTQI+ community."),
    "Gennevilliers": (K.MUNICIPALITY, "FR", "europe", "48.93", "2.29", [C], ["health", "water-sanitation", "human-rights-defenders"], "Proximity and participation drive innovation in public services."),
    "Getafe": (K.CITY, "ES", "europe", "40.31", "-3.73", [C], ["migration-refugees", "participation-democracy"], "Comprehensive, less sectoral policies; refugee welcome; participation."),
    "Girona": (K.CITY, "ES", "europe", "41.98", "2.82", [C, "ciutats-defensores"], ["human-rights-defenders"], "A member of the Catalan network of cities defending human rights."),
    "Goicoechea": (K.MUNICIPALITY, "CR", "latin-america", "9.95", "-84.05", [C], ["participation-democracy"], "Human rights for people-centred development and the 2030 Agenda."),
    "Granollers": (K.CITY, "ES", "europe", "41.61", "2.29", [C, "ciutats-defensores"], ["culture-memory"], "Institutionalising local commitment; memory and intercultural dialogue."),
    "Grenoble": (K.CITY, "FR", "europe", "45.19", "5.72", [C], ["climate-environment", "housing", "lgbtqi-inclusion"], "Climate action and housing as human rights; LGBTQI+ inclusion."),
    "Grigny": (K.MUNICIPALITY, "FR", "europe", "48.65", "2.38", [C], ["decent-work-poverty", "participation-democracy"], "A co-president of the CSIPDHR and one of the cities that launched the campaign in July 2022."),
    "Irbid": (K.CITY, "JO", "middle-east-west-asia", "32.56", "35.85", [C], ["participation-democracy"], "Multi-level governance and participation to deliver public services."),
    "Iztapalapa": (K.DISTRICT, "MX", "latin-america", "19.36", "-99.09", [C, "coalition-lac"], ["gender-equality", "public-space", "health", "water-sanitation"], "Women's access to public space and the fight against gender-based violence."),
    "Leganés": (K.CITY, "ES", "europe", "40.33", "-3.76", [C], ["decent-work-poverty", "anti-racism"], "A human-rights-based approach against poverty, discrimination and exclusion."),
    "Leuven": (K.CITY, "BE", "europe", "50.88", "4.70", [C, "shelter-cities"], ["human-rights-defenders"], "Declared itself a Human Rights City before the campaign and wants to scale up action."),
    "Libreville": (K.CITY, "GA", "africa", "0.42", "9.47", [C], ["health", "water-sanitation"], "Acting together to institutionalise local commitment to human rights."),
    "Lyon": (K.METROPOLITAN_AREA, "FR", "europe", "45.76", "4.84", [C], ["migration-refugees", "anti-racism", "human-rights-defenders"], "Links human rights with public service delivery; fights exclusion and discrimination."),
    "Macul": (K.MUNICIPALITY, "CL", "latin-america", "-33.49", "-70.60", [C], ["human-rights-education", "peace-security", "lgbtqi-inclusion", "participation-democracy"], "Education for peace and memory, LGBTQI+ inclusion and participation."),
    "Malakoff": (K.MUNICIPALITY, "FR", "europe", "48.82", "2.30", [C], ["human-rights-defenders", "health"], "Aligning local and national human rights plans for a change of scale."),
    "Manresa": (K.CITY, "ES", "europe", "41.73", "1.83", [C, "ciutats-defensores"], ["participation-democracy"], "Comprehensive local policies and citizen participation."),
    "Mayo": (K.COUNTY, "IE", "europe", "53.86", "-9.30", [C], ["human-rights-education", "health", "housing", "climate-environment"], "Multi-level governance to deliver infrastructure and services, with attention to rural and peri-urban areas."),
    "Mechelen": (K.CITY, "BE", "europe", "51.03", "4.48", [C, "shelter-cities"], ["lgbtqi-inclusion", "human-rights-defenders"], "Links the campaign to earlier commitments such as the Shelter Cities movement."),
    "Montegrotto Terme": (K.MUNICIPALITY, "IT", "europe", "45.33", "11.78", [C], ["childrens-rights"], "Guarantees children's rights."),
    "Municipio B (Montevideo)": (K.DISTRICT, "UY", "latin-america", "-34.91", "-56.18", [C, "coalition-lac"], ["participation-democracy"], "Human rights from a neighbourhood's point of view, in citizens' daily life."),
    "Municipio de Juárez": (K.MUNICIPALITY, "MX", "latin-america", "31.69", "-106.42", [C], ["migration-refugees"], "Works for dignified human mobility at the border."),
    "Móstoles": (K.CITY, "ES", "europe", "40.32", "-3.86", [C], ["migration-refugees"], "Refugee welcome and dignified human mobility."),
    "Nantes": (K.CITY, "FR", "europe", "47.22", "-1.55", [C], ["culture-memory", "anti-racism"], "Historical memory and intercultural dialogue for social cohesion."),
    "Network Together/Spiral": (K.NETWORK, "FR", "europe", None, None, [C], ["participation-democracy"], "A network that fosters shared responsibility of local governments and civil society for human rights."),
    "Nuremberg": (K.CITY, "DE", "europe", "49.45", "11.08", [C, "eccar", "iccar"], ["gender-equality", "anti-racism"], "Institutionalising human rights locally to support national institutions; awareness against misogyny."),
    "Padua": (K.CITY, "IT", "europe", "45.41", "11.88", [C], ["human-rights-defenders"], "Protects human rights defenders and links the campaign to decentralised cooperation."),
    "Parma": (K.CITY, "IT", "europe", "44.80", "10.33", [C], ["participation-democracy"], "A contributor to the campaign's first report."),
    "Puerto Real": (K.MUNICIPALITY, "ES", "europe", "36.53", "-6.19", [C], ["participation-democracy"], "A contributor to the campaign's first report."),
    "Quilmes": (K.MUNICIPALITY, "AR", "latin-america", "-34.72", "-58.25", [C], ["climate-environment", "gender-equality"], "The interdependence of human rights and sustainability."),
    "Quito": (K.CITY, "EC", "latin-america", "-0.18", "-78.47", [C, "coalition-lac"], ["anti-racism", "human-rights-education"], "International cooperation against exclusion and discrimination; outreach to peri-urban areas."),
    "Rabat": (K.CITY, "MA", "africa", "34.02", "-6.84", [C], ["gender-equality", "childrens-rights", "public-space"], "A human-rights-based approach to well-being; women in public space; children's rights."),
    "Red Diversa": (K.CIVIL_SOCIETY, "CL", "latin-america", None, None, [C], ["lgbtqi-inclusion"], "Extends rights to the LGBTQI+ community through local monitoring and participation."),
    "Rivas-Vaciamadrid": (K.MUNICIPALITY, "ES", "europe", "40.33", "-3.52", [C], ["participation-democracy"], "A contributor to the campaign's first report."),
    "Rouen": (K.CITY, "FR", "europe", "49.44", "1.10", [C], ["participation-democracy"], "A contributor to the campaign's first report."),
    "Saint-Louis": (K.CITY, "SN", "africa", "16.03", "-16.49", [C], ["food-security", "health"], "Food security and health; aligning local action with national and international law."),
    "San Antonio (Texas)": (K.CITY, "US", "north-america", "29.42", "-98.49", [C], ["decent-work-poverty", "housing", "culture-memory"], "Memory and diversity; job creation against poverty."),
    "San Antonio (Chile)": (K.MUNICIPALITY, "CL", "latin-america", "-33.59", "-71.61", [C], ["human-rights-education"], "Human rights training in the local public administration."),
    "Sant Boi de Llobregat": (K.CITY, "ES", "europe", "41.35", "2.04", [C, "ciutats-defensores"], ["human-rights-defenders"], "Links the campaign to ongoing cooperation for human rights."),
    "São Paulo": (K.CITY, "BR", "latin-america", "-23.55", "-46.63", [C, "coalition-lac"], ["lgbtqi-inclusion", "participation-democracy"], "Local governments must integrate international human rights frameworks."),
    "Sfax": (K.CITY, "TN", "africa", "34.74", "10.76", [C], ["food-security", "health", "climate-environment"], "A healthy environment; local bodies for human rights."),
    "Strasbourg": (K.CITY, "FR", "europe", "48.57", "7.75", [C], ["migration-refugees", "climate-environment", "gender-equality"], "Human rights and sustainability go together; refugee welcome."),
    "Tandil": (K.MUNICIPALITY, "AR", "latin-america", "-37.32", "-59.13", [C], ["health", "water-sanitation"], "Institutionalising local commitment to human rights."),
    "Terrassa": (K.CITY, "ES", "europe", "41.56", "2.01", [C, "ciutats-defensores"], ["participation-democracy"], "Comprehensive policies and support for national human rights institutions."),
    "Tuzla": (K.CITY, "BA", "europe", "44.54", "18.67", [C], ["culture-memory"], "Memory and diversity as guiding principles."),
    "Utrecht": (K.CITY, "NL", "europe", "52.09", "5.12", [C, "shelter-cities"], ["migration-refugees", "digital-rights", "decent-work-poverty"], "Co-president of the CSIPDHR; translates human rights standards into local priorities: circular economy, migration, equity and digitisation."),
    "Valencia": (K.CITY, "ES", "europe", "39.47", "-0.38", [C], ["lgbtqi-inclusion", "human-rights-defenders"], "Defends human rights defenders and builds new partnerships."),
    "Valparaíso": (K.CITY, "CL", "latin-america", "-33.05", "-71.62", [C], ["participation-democracy"], "Aligns local action with national and international law; participation and transparency."),
    "Vienna": (K.CITY, "AT", "europe", "48.21", "16.37", [C], ["childrens-rights", "decent-work-poverty"], "A human-rights-based approach to local action; a human rights office; children's rights."),
    # Named in the other seeds (forums, sessions and the 2017 meeting).
    "Barcelona": (K.CITY, "ES", "europe", "41.39", "2.17", [C, "ciutats-defensores"], ["human-rights-defenders", "housing", "anti-racism"], "A co-president of the CSIPDHR and one of the cities that launched the campaign."),
    "Gwangju": (K.CITY, "KR", "asia-pacific", "35.16", "126.85", [C, "iccar"], ["culture-memory", "participation-democracy", "human-rights-education"], "Host of the World Human Rights Cities Forum, a co-president of the CSIPDHR."),
    "Mexico City": (K.CITY, "MX", "latin-america", "19.43", "-99.13", [C, "coalition-lac"], ["participation-democracy", "gender-equality"], "A co-president of the CSIPDHR and one of the cities that launched the campaign."),
    "Montreal": (K.CITY, "CA", "north-america", "45.50", "-73.57", ["iccar"], ["anti-racism", "participation-democracy"], "Its Charter of Rights and Responsibilities and its ombudsman were presented at the 2021 forum."),
    "Jeonju": (K.CITY, "KR", "asia-pacific", "35.82", "127.15", ["iccar"], ["participation-democracy"], "Shared its local human rights practice at the 2021 forum."),
    "Subang Jaya": (K.CITY, "MY", "asia-pacific", "3.05", "101.58", [], ["participation-democracy"], "Shared its local practice at the 2021 forum."),
    "Marseille": (K.CITY, "FR", "europe", "43.30", "5.37", [], ["anti-racism"], "Took part in the 2023 workshop on the update of the Global Charter-Agenda."),
    "Kisumu County": (K.COUNTY, "KE", "africa", "-0.09", "34.77", [], ["health", "participation-democracy"], "Took part in the 2023 workshop on the update of the Global Charter-Agenda."),
    "Daejeon": (K.CITY, "KR", "asia-pacific", "36.35", "127.38", [], ["participation-democracy"], "Host of the 2022 UCLG World Congress where the first pioneer cities gathered."),
    "Graz": (K.CITY, "AT", "europe", "47.07", "15.44", ["eccar", "iccar"], ["human-rights-education", "anti-racism"], "Europe's first human rights city, with a local human rights council."),
    "Raoul Wallenberg Institute": (K.RESEARCH_CENTRE, "SE", "europe", "55.70", "13.19", [], ["human-rights-education"], "A research institute that works with human rights cities; took part in the 2023 workshop."),
}  # fmt: skip

MECHANISMS = {
    "Vienna": {"has_human_rights_office": True, "local_charter": "Vienna – City of Human Rights declaration", "local_charter_year": 2014},
    "Utrecht": {"has_human_rights_office": True},
    "Sfax": {"has_observatory": True},
    "Chiguayante": {"has_observatory": True},
    "Graz": {"has_observatory": True, "local_charter": "Declaration as Human Rights City", "local_charter_year": 2001},
    "Montreal": {"has_ombudsman": True, "local_charter": "Montréal Charter of Rights and Responsibilities", "local_charter_year": 2006},
    "Gwangju": {"has_ombudsman": True, "has_human_rights_office": True, "local_charter": "Gwangju Human Rights Charter", "local_charter_year": 2012},
    "Barcelona": {"has_ombudsman": True, "has_human_rights_office": True, "local_charter": "European Charter for the Safeguarding of Human Rights in the City", "local_charter_year": 2000},
    "Mexico City": {"has_human_rights_office": True, "local_charter": "Mexico City Charter for the Right to the City", "local_charter_year": 2010},
}  # fmt: skip

# Seed people affiliated to demo members: email -> (member, role, focal point)
AFFILIATIONS = {
    "focal.point@example.org": ("Gwangju", "Human rights officer", True),
    "member@example.org": ("Saint-Louis", "Social inclusion advisor", False),
    "steering@example.org": ("Lyon", "Deputy mayor for human rights", False),
}


def load() -> None:
    networks = {}
    for slug, acronym, name, website in NETWORKS:
        networks[slug], _ = Network.objects.update_or_create(
            slug=slug, defaults={"acronym": acronym, "name": name, "website": website}
        )
    regions = {region.slug: region for region in Region.objects.all()}
    focus_areas = {area.slug: area for area in FocusArea.objects.all()}
    joined = date(2022, 10, 12)  # the pioneer cities gathered at the Daejeon World Congress
    for name, (kind, country, region, lat, lon, nets, areas, text) in MEMBERS.items():
        member, _ = Member.objects.update_or_create(
            slug=slugify(name),
            defaults={
                "name": name,
                "kind": kind,
                "country": country,
                "region": regions[region],
                "latitude": Decimal(lat) if lat else None,
                "longitude": Decimal(lon) if lon else None,
                "description": text,
                "joined_on": joined if "uclg-csipdhr" in nets else None,
                "is_published": True,
                **MECHANISMS.get(name, {}),
            },
        )
        member.networks.set([networks[slug] for slug in nets])
        member.focus_areas.set([focus_areas[slug] for slug in areas])
    for email, (member_name, role, focal) in AFFILIATIONS.items():
        user = User.objects.filter(email=email).first()
        if user is None:
            continue
        Affiliation.objects.update_or_create(
            user=user,
            defaults={
                "member": Member.objects.get(slug=slugify(member_name)),
                "role_title": role,
                "is_focal_point": focal,
                "confirmed_at": timezone.now(),
            },
        )
    bump_map_generation()
