"""The seeded vocabulary's names in German and French (a term an editor has already translated,
or removed, is left alone)."""

from django.db import migrations

NAMES = {
    "challenge": {
        "helplines-advice-centres": ("Beratungsstellen und Hotlines", "Lignes d’écoute et centres de conseil"),
        "mentoring": ("Mentoring", "Mentorat"),
        "mental-health-support": ("Psychische Gesundheit", "Soutien en santé mentale"),
        "family-support": ("Unterstützung von Familien", "Soutien aux familles"),
        "gender-specific-work": ("Geschlechtersensible Arbeit", "Travail sensible au genre"),
        "returnees": ("Rückkehrende aus Konfliktgebieten", "Personnes de retour de zones de conflit"),
        "prison-probation": ("Haft und Bewährungshilfe", "Prison et probation"),
        "online-narratives": ("Online-Narrative", "Discours en ligne"),
        "community-engagement": ("Arbeit mit dem Gemeinwesen", "Engagement des communautés"),
        "multi-agency-cooperation": ("Behördenübergreifende Zusammenarbeit", "Coopération multi-agences"),
        "local-action-plans": ("Lokale Aktionspläne", "Plans d’action locaux"),
        "evaluation": ("Evaluation der Präventionsarbeit", "Évaluation du travail de prévention"),
        "exit-work": ("Ausstieg und Distanzierung", "Sortie et désengagement"),
        "first-line-training": ("Schulung von Fachkräften", "Formation des professionnels de terrain"),
    },
    "setting": {
        "school": ("Schule", "École"),
        "family": ("Familie", "Famille"),
        "prison-probation": ("Haft und Bewährungshilfe", "Prison et probation"),
        "community": ("Gemeinwesen", "Quartier et communauté"),
        "youth-work": ("Jugendarbeit", "Travail de jeunesse"),
        "online": ("Online", "En ligne"),
        "health": ("Gesundheit und Soziales", "Santé et action sociale"),
        "municipality": ("Kommune", "Commune"),
    },
    "targetgroup": {
        "young-people-at-risk": ("Gefährdete junge Menschen", "Jeunes à risque"),
        "families": ("Familien und Angehörige", "Familles et proches"),
        "prisoners-returnees": ("Inhaftierte und Rückkehrende", "Détenus et personnes de retour"),
        "first-line-professionals": ("Fachkräfte", "Professionnels de terrain"),
        "communities": ("Gemeinschaften", "Communautés"),
        "women-girls": ("Frauen und Mädchen", "Femmes et filles"),
        "leaving-extremism": ("Menschen, die extremistische Gruppen verlassen", "Personnes qui quittent des groupes extrémistes"),
    },
    "language": {
        "en": ("Englisch", "anglais"),
        "de": ("Deutsch", "allemand"),
        "fr": ("Französisch", "français"),
        "nl": ("Niederländisch", "néerlandais"),
        "da": ("Dänisch", "danois"),
        "no": ("Norwegisch", "norvégien"),
        "sq": ("Albanisch", "albanais"),
        "ar": ("Arabisch", "arabe"),
        "sr": ("Serbisch", "serbe"),
        "tr": ("Türkisch", "turc"),
    },
}


def translate(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    locales = [Locale.objects.get_or_create(language_code=code)[0] for code in ("de", "fr")]
    english = Locale.objects.get(language_code="en")
    for model_name, names in NAMES.items():
        model = apps.get_model("cms", model_name)
        terms = model._base_manager
        for term in terms.filter(locale=english, slug__in=names):
            for locale, name in zip(locales, names[term.slug], strict=True):
                if terms.filter(locale=locale, translation_key=term.translation_key).exists():
                    continue
                if terms.filter(locale=locale, name=name).exists():
                    continue
                terms.create(
                    locale=locale,
                    translation_key=term.translation_key,
                    name=name,
                    slug=term.slug,
                    description=term.description,
                    sort_order=term.sort_order,
                )


class Migration(migrations.Migration):
    dependencies = [("cms", "0009_taxonomy_per_locale")]

    operations = [migrations.RunPython(translate, migrations.RunPython.noop)]
