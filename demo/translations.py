"""The demo's German and French content: the home page, the two sections, an organisation profile
in each, some practices translated, and one practice in each written first in that language (it
exists only there, and the other languages show it with a notice). Fictional, like the rest of
the demo; added once, never overwriting an editor's translation."""

from datetime import date

from wagtail.models import Locale, Page

from cms.builders import publish, translate
from cms.models import Challenge, Language, PracticeCountry, PracticePage, Setting, TargetGroup

HOME = {
    "de": {
        "title": "Startseite",
        "hero_heading": "Voneinander lernen, in der Praxis",
        "hero_text": (
            "Ein fiktives Demo-Netzwerk von Fachleuten der Extremismusprävention: "
            "Familienberatung, Mentoring, Arbeit in Haft und Ausstiegsbegleitung. Sie verbringen "
            "einige Tage in einer Partnerorganisation im Ausland und sehen, wie dort gearbeitet wird."
        ),
        "intro": (
            "<p>Eine Hospitation zeigt, <b>wie</b> eine Organisation arbeitet: das erste Gespräch "
            "mit besorgten Eltern, das Mentoring nach der Haftentlassung, die Fallkonferenz von "
            "Jugendarbeit und Polizei.</p>"
        ),
    },
    "fr": {
        "title": "Accueil",
        "hero_heading": "Apprendre de la pratique des autres",
        "hero_text": (
            "Un réseau de démonstration fictif de praticiens de la prévention de l’extrémisme "
            "violent\u00a0: conseil aux familles, mentorat, travail en prison et accompagnement à la "
            "sortie. Ils passent quelques jours dans une organisation partenaire à l’étranger."
        ),
        "intro": (
            "<p>Une visite d’immersion montre <b>comment</b> une organisation travaille\u00a0: le "
            "premier entretien avec des parents inquiets, le mentorat après la sortie de prison, "
            "la réunion de cas entre travail de jeunesse et police.</p>"
        ),
    },
}

SECTIONS = {
    "practices": {
        "de": {
            "title": "Praxisbibliothek",
            "intro": "<p>Praxisansätze, die Mitglieder bei einer Hospitation zeigen können.</p>",
        },
        "fr": {
            "title": "Bibliothèque des pratiques",
            "intro": "<p>Des pratiques que les membres peuvent montrer lors d’une visite.</p>",
        },
    },
    "organisations": {
        "de": {"title": "Mitgliedsorganisationen"},
        "fr": {"title": "Organisations membres"},
    },
}

ORGANISATIONS = {
    ("lindenhof-family-counselling", "de"): {
        "title": "Familienberatung Lindenhof",
        "description": (
            "<p>Fiktive Demo-Organisation. Betreibt ein Beratungstelefon und Hausbesuche für "
            "Eltern und Geschwister, die sich sorgen, dass ein junger Mensch in extremistische "
            "Gruppen abgleitet.</p>"
        ),
    },
    ("atelier-dialogue-jeunesse", "fr"): {
        "title": "Atelier Dialogue Jeunesse",
        "description": (
            "<p>Organisation de démonstration fictive. Des ateliers médias où les jeunes "
            "réalisent leurs propres vidéos et débattent de celles qui les ciblent.</p>"
        ),
    },
}

PRACTICES = {
    ("first-call-protocol", "de"): {
        "title": "Ein Leitfaden für das Erstgespräch",
        "summary": (
            "Ein strukturiertes erstes Telefongespräch, das besorgte Eltern beruhigt, erfragt, "
            "was die Beratung wissen muss, und vor dem Auflegen einen nächsten Schritt vereinbart."
        ),
        "mechanism": (
            "Eltern rufen oft in einer Krise an; ein ruhiges, vorhersehbares Gespräch schafft das "
            "Vertrauen, auf dem jeder spätere Schritt aufbaut."
        ),
    },
    ("video-workshops", "fr"): {
        "title": "Ateliers vidéo sur la propagande en ligne",
        "summary": (
            "Les élèves décortiquent des vidéos de propagande, puis écrivent et tournent leurs "
            "propres réponses pour leurs camarades."
        ),
        "mechanism": (
            "Les jeunes croient davantage leurs pairs que les adultes ; réaliser une vidéo "
            "transforme l’esprit critique en pratique."
        ),
    },
    ("teacher-conversation-kit", "fr"): {
        "title": "Un kit de conversation pour les enseignants",
        "summary": (
            "Des cartes et des jeux de rôle qui aident les enseignants à ouvrir une discussion en "
            "classe après un attentat ou une controverse."
        ),
        "mechanism": (
            "Les enseignants qui se sentent préparés n’évitent pas les questions difficiles, et "
            "les élèves le remarquent."
        ),
    },
}

# Written first in German or French: each exists in its language only.
ORIGINALS = [
    {
        "language": "de",
        "slug": "ausstiegsbegleitung-nach-der-haft",
        "title": "Ausstiegsbegleitung nach der Haft",
        "organisation": "donaubruecke-exit-work",
        "countries": ["AT"],
        "challenges": ["exit-work", "prison-probation"],
        "prevention_level": "individual",
        "target_groups": ["prisoners-returnees", "leaving-extremism"],
        "work_settings": ["prison-probation"],
        "languages": ["de"],
        "summary": (
            "Ausstiegswillige werden schon in der Haft begleitet und nach der Entlassung ein Jahr "
            "lang bei Wohnung, Arbeit und neuen Kontakten unterstützt."
        ),
        "mechanism": (
            "Der Ausstieg gelingt eher, wenn dieselbe Person vor und nach der Entlassung da ist "
            "und die ersten Wochen in Freiheit nicht allein bewältigt werden müssen."
        ),
        "tags": ["Ausstieg", "Haftentlassung"],
    },
    {
        "language": "fr",
        "slug": "groupe-de-parole-des-meres",
        "title": "Un groupe de parole pour les mères",
        "organisation": "atelier-dialogue-jeunesse",
        "countries": ["FR"],
        "challenges": ["family-support"],
        "prevention_level": "at_risk",
        "target_groups": ["families"],
        "work_settings": ["family"],
        "languages": ["fr"],
        "summary": (
            "Chaque mois, des mères dont un enfant s’est radicalisé se retrouvent avec deux "
            "animatrices pour parler, s’informer et ne plus rester seules."
        ),
        "mechanism": (
            "Une mère qui en entend une autre raconter le même parcours sort de la honte et ose "
            "demander de l’aide."
        ),
        "tags": ["familles", "mères"],
    },
]


# The home page's cards, in each language (the pages they link to are translated below).
CARDS = {
    "de": {
        "practices": "Praxisansätze, die Mitglieder Gästen zeigen können, gefiltert nach "
        "Herausforderung, Arbeitsfeld und Evidenz.",
        "organisations": "Wer zum Netzwerk gehört, wo sie arbeiten und woran.",
        "how-visits-work": "Von einer gemeinsamen Herausforderung zur Hospitation, zur Reflexion "
        "und zu einer Erkenntnis für das ganze Feld.",
        "join": "Wer dem Netzwerk beitreten kann, und wie: Die Mitgliedschaft erfolgt auf "
        "Einladung.",
        "privacy": "Was das Netzwerk über Sie speichert, warum, wer es liest und wie lange.",
    },
    "fr": {
        "practices": "Des pratiques que les membres peuvent montrer aux visiteurs, filtrées par "
        "défi, cadre d’intervention et niveau de preuve.",
        "organisations": "Qui fait partie du réseau, où et sur quoi ils travaillent.",
        "how-visits-work": "D’un défi partagé à une visite, une réflexion et un enseignement pour "
        "tout le domaine.",
        "join": "Qui peut rejoindre le réseau, et comment : l’adhésion se fait sur invitation.",
        "privacy": "Ce que le réseau conserve sur vous, pourquoi, qui le lit et combien de temps.",
    },
}

STANDARD_PAGES = {
    ("how-visits-work", "de"): {
        "title": "So funktionieren Hospitationen",
        "summary": CARDS["de"]["how-visits-work"],
        "body": [
            ("heading", {"text": "1. Die eigene Herausforderung beschreiben", "level": "h2"}),
            (
                "paragraph",
                "<p>Jede Fachkraft im Netzwerk beschreibt die Herausforderungen, vor denen sie "
                "steht, etwa die Begleitung von Familien gefährdeter Jugendlicher oder das "
                "Mentoring nach der Haftentlassung, und die Praxisansätze, die sie anderen "
                "zeigen kann.</p>",
            ),
            ("heading", {"text": "2. Sich bewerben oder Gäste empfangen", "level": "h2"}),
            (
                "paragraph",
                "<p>Gastgebende veröffentlichen Zeiträume, in denen sie Gäste empfangen können. "
                "Gäste bewerben sich mit einer Beschreibung ihrer Herausforderung und ihren "
                "Lernzielen.</p>",
            ),
            ("heading", {"text": "3. Zuordnung", "level": "h2"}),
            (
                "paragraph",
                "<p>Die Koordination bringt Gäste und Gastgebende zusammen, die eine "
                "Herausforderung teilen, aus verschiedenen Organisationen und mit einer "
                "gemeinsamen Arbeitssprache.</p>",
            ),
            ("heading", {"text": "4. Hospitieren und reflektieren", "level": "h2"}),
            (
                "paragraph",
                "<p>Eine Lernvereinbarung legt Ziele, Aufgaben, eine Mentorin oder einen Mentor "
                "und die Regeln für die Beobachtung fest. Vor, während und nach der Hospitation "
                "führt der Gast ein privates Reflexionstagebuch und kann später, mit "
                "Einwilligung, Passagen für die Veröffentlichung des Netzwerks zu übergreifenden "
                "Themen anbieten.</p>",
            ),
            ("heading", {"text": "5. Der nächste Schritt", "level": "h2"}),
            (
                "paragraph",
                '<p>Mitglieder <a href="/offers/">finden ein Gastangebot</a> oder bewerben sich '
                "über ihr Dashboard für die nächste Vermittlungsrunde. Noch kein Mitglied? "
                '<a href="/de/join/">So treten Sie dem Netzwerk bei</a>.</p>',
            ),
        ],
    },
    ("join", "de"): {
        "title": "Mitglied werden",
        "summary": CARDS["de"]["join"],
        "body": [
            (
                "paragraph",
                "<p>Mitglieder des Netzwerks sind Organisationen, die gewalttätigem Extremismus "
                "vorbeugen: Familienberatung, Jugendarbeit, Mentoring, Ausstiegsarbeit, Justiz "
                "und Bewährungshilfe sowie diejenigen, die diese Arbeit evaluieren.</p>",
            ),
            ("heading", {"text": "So treten Sie bei", "level": "h2"}),
            (
                "paragraph",
                "<p>Die Mitgliedschaft erfolgt auf Einladung. Ist Ihre Organisation Mitglied, "
                "bitten Sie Ihre Ansprechperson, Sie von der Koordination einladen zu lassen: "
                "Die Einladung enthält einen Link, mit dem Sie Ihr Konto anlegen. Ist Ihre "
                "Organisation noch kein Mitglied, schreiben Sie der Koordination an "
                "coordinators@demo.example (eine fiktive Adresse dieser Demo) ein paar Zeilen "
                "über Ihre Arbeit.</p>",
            ),
            (
                "paragraph",
                '<p>Lesen Sie vorher die <a href="/de/privacy/">Datenschutzhinweise</a>: was '
                "das Netzwerk über Sie speichert und warum.</p>",
            ),
        ],
    },
    ("how-visits-work", "fr"): {
        "title": "Comment se déroulent les visites",
        "summary": CARDS["fr"]["how-visits-work"],
        "body": [
            ("heading", {"text": "1. Décrire son défi", "level": "h2"}),
            (
                "paragraph",
                "<p>Chaque praticien membre décrit les défis auxquels il fait face, comme "
                "l’accompagnement des familles de jeunes à risque ou le mentorat après la sortie "
                "de prison, et les pratiques qu’il peut montrer aux autres.</p>",
            ),
            ("heading", {"text": "2. Postuler ou accueillir", "level": "h2"}),
            (
                "paragraph",
                "<p>Les hôtes publient des périodes pendant lesquelles ils peuvent recevoir des "
                "visiteurs. Les visiteurs postulent avec une description de leur défi et leurs "
                "objectifs d’apprentissage.</p>",
            ),
            ("heading", {"text": "3. La mise en relation", "level": "h2"}),
            (
                "paragraph",
                "<p>La coordination associe des visiteurs et des hôtes qui partagent un défi, "
                "issus d’organisations différentes et avec une langue de travail commune.</p>",
            ),
            ("heading", {"text": "4. Visiter et réfléchir", "level": "h2"}),
            (
                "paragraph",
                "<p>Une convention d’apprentissage fixe les objectifs, les tâches, un mentor et "
                "les règles d’observation. Avant, pendant et après la visite, le visiteur tient "
                "un journal de réflexion privé et peut ensuite proposer, avec son consentement, "
                "des passages pour la publication du réseau sur les thèmes transversaux.</p>",
            ),
            ("heading", {"text": "5. La prochaine étape", "level": "h2"}),
            (
                "paragraph",
                '<p>Les membres <a href="/offers/">trouvent une offre d’accueil</a> ou postulent '
                "au prochain tour d’appariement depuis leur tableau de bord. Pas encore membre ? "
                '<a href="/fr/join/">Comment rejoindre le réseau</a>.</p>',
            ),
        ],
    },
    ("join", "fr"): {
        "title": "Rejoindre le réseau",
        "summary": CARDS["fr"]["join"],
        "body": [
            (
                "paragraph",
                "<p>Les membres du réseau sont des organisations qui préviennent l’extrémisme "
                "violent : conseil aux familles, travail de jeunesse, mentorat, travail de sortie, "
                "services pénitentiaires et de probation, et ceux qui évaluent ce travail.</p>",
            ),
            ("heading", {"text": "Comment adhérer", "level": "h2"}),
            (
                "paragraph",
                "<p>L’adhésion se fait sur invitation. Si votre organisation est membre, "
                "demandez à votre contact de vous faire inviter par les coordinateurs : "
                "l’invitation contient un lien pour créer votre compte. Si votre organisation "
                "n’est pas encore membre, écrivez aux coordinateurs à coordinators@demo.example "
                "(une adresse fictive de cette démo) quelques lignes sur votre travail.</p>",
            ),
            (
                "paragraph",
                '<p>Lisez d’abord la <a href="/fr/privacy/">politique de confidentialité</a> : '
                "ce que le réseau conserve sur vous, et pourquoi.</p>",
            ),
        ],
    },
    ("privacy", "de"): {
        "title": "Datenschutzhinweise",
        "summary": CARDS["de"]["privacy"],
        "authority": "Die Datenschutzbehörde des Landes, in dem das Netzwerk eingetragen ist "
        "(in dieser fiktiven Demo keine: Ein echtes Netzwerk nennt seine eigene).",
        "body": [
            (
                "paragraph",
                "<p>Keine Zahl über weniger als fünf Personen wird je veröffentlicht, und kein "
                "Zitat erscheint ohne die Einwilligung seiner Autorin oder seines Autors zu genau "
                "diesem Text.</p>",
            ),
        ],
    },
    ("privacy", "fr"): {
        "title": "Politique de confidentialité",
        "summary": CARDS["fr"]["privacy"],
        "authority": "L’autorité de protection des données du pays où le réseau est enregistré "
        "(dans cette démo fictive, aucune : un vrai réseau nomme la sienne).",
        "body": [
            (
                "paragraph",
                "<p>Aucun chiffre portant sur moins de cinq personnes n’est jamais publié, et "
                "aucune citation ne paraît sans le consentement de son auteur à ce texte "
                "précis.</p>",
            ),
        ],
    },
}


def seed_translations(home: Page, library: Page, organisations: Page) -> list[str]:
    done: list[str] = []
    for language, fields in HOME.items():
        _translated(home, language, done, **fields, sections=_cards(home, language))
    for (slug, language), fields in STANDARD_PAGES.items():
        page = home.get_children().filter(slug=slug).first()
        if page:
            _translated(page.specific, language, done, **fields)
    for index, slug in ((library, "practices"), (organisations, "organisations")):
        for language, fields in SECTIONS[slug].items():
            _translated(index, language, done, **fields)
    for (slug, language), fields in ORGANISATIONS.items():
        page = organisations.get_children().filter(slug=slug).first()
        if page:
            _translated(page.specific, language, done, **fields)
    for (slug, language), fields in PRACTICES.items():
        page = library.get_children().filter(slug=slug).first()
        if page:
            _translated(page.specific, language, done, **fields)
    for spec in ORIGINALS:
        _original(library, organisations, dict(spec), done)
    return done


def _cards(home: Page, language: str) -> list:
    """The home page's cards with their descriptions in `language` (each card links to the
    page in the default language; the home page shows its translation)."""
    cards = []
    for block in home.sections:
        card = dict(block.value)
        if card.get("page") is not None:
            text = CARDS[language].get(card["page"].slug)
            card["description"] = text or card.get("description", "")
        cards.append((block.block_type, card))
    return cards


def _translated(page: Page, language: str, done: list[str], **fields) -> bool:
    existing = page.get_translation_or_none(Locale.objects.get(language_code=language))
    if existing is not None and not existing.alias_of_id:
        return False  # an editor's (or an earlier seed's) translation: left as it is
    copy = translate(page, language, **fields)
    done.append(f"page {copy.url}")
    return True


def _original(library: Page, organisations: Page, spec: dict, done: list[str]) -> None:
    language = spec.pop("language")
    locale = Locale.objects.get(language_code=language)
    index = library.get_translation(locale)  # made by the sections above
    if PracticePage.objects.filter(locale=locale, slug=spec["slug"]).exists():
        return
    organisation = organisations.get_children().filter(slug=spec.pop("organisation")).first()
    terms = {
        "challenges": Challenge,
        "target_groups": TargetGroup,
        "work_settings": Setting,
        "languages": Language,
    }
    for field, model in terms.items():
        spec[field] = list(model.vocabulary.filter(slug__in=spec[field]))
    tags = spec.pop("tags")
    countries = [PracticeCountry(country=code) for code in spec.pop("countries")]
    page = publish(
        index,
        PracticePage(
            **spec,
            countries=countries,
            organisation=organisation.specific if organisation else None,
            description=[("paragraph", f"<p>{spec['summary']}</p>")],
            evidence="internal",
            scope="regional",
            start_year=2019,
            last_reviewed=date(2026, 5, 4),
        ),
        tags=tags,
    )
    done.append(f"page {page.url}")
