"""The field's vocabulary as the search's first synonym groups: words practitioners use for the
same thing, per readers' language; the German and French groups also name the English words, so
that a search in those languages finds the practices written in English. Coordinators keep them
from here (admin: Search synonyms). Added once; never overwrites a group."""

from django.db import migrations

GROUPS = {
    "en": [
        "prison, custody, detention, jail, imprisonment, incarceration, inmates, prisoners",
        "probation, parole, release, resettlement",
        "counselling, advice, guidance, coaching",
        "helpline, hotline, advice line, phone line, chat service",
        "exit, disengagement, deradicalisation, leaving, distancing",
        "returnees, returning, repatriated",
        "families, relatives, next of kin",
        "parents, carers, guardians",
        "teachers, school staff, educators",
        "pupils, students, classroom",
        "mental health, psychological, psychologist, psychiatry, therapy",
        "volunteers, volunteer mentors",
        "municipality, city, municipal, local authority, town",
        "multi-agency, case conference, case table, safety house, interagency",
        "online, internet, social media, digital",
        "propaganda, narratives, extremist content",
        "youth work, youth workers",
        "employment, jobs, career, training and work",
        "gaming, video games",
        "religious leaders, imams, elders, faith leaders",
    ],
    "de": [
        "Gefängnis, Haft, JVA, Justizvollzug, Justizvollzugsanstalt, Strafvollzug, Inhaftierte, "
        "prison, custody, detention",
        "Bewährungshilfe, Bewährung, Haftentlassung, Entlassung, probation, release",
        "Beratung, Berater, Beraterin, Beratungsstelle, counselling, advice, coaching",
        "Hotline, Telefon, Beratungstelefon, helpline, chat",
        "Ausstieg, Ausstiegsarbeit, Distanzierung, Deradikalisierung, exit, disengagement",
        "Rückkehrer, Rückkehrende, Rückkehrerinnen, returnees, returning",
        "Eltern, Erziehungsberechtigte, parents",
        "Mütter, mothers",
        "Familie, Angehörige, families, relatives",
        "Lehrkräfte, Lehrer, Lehrerinnen, teachers, school staff",
        "Schule, Schüler, Schülerinnen, school, pupils",
        "Psychologe, Psychologin, Therapie, Psychiatrie, psychologist, mental health",
        "Trauma, traumatisiert, Traumatisierung",
        "Ehrenamtliche, Ehrenamt, Freiwillige, volunteers",
        "Kommune, Stadt, Gemeinde, municipality, city, municipal",
        "Fallkonferenz, Fallbesprechung, behördenübergreifend, case conference, case table, "
        "multi-agency",
        "Internet, online, soziale Medien, social media",
        "Propaganda, Narrative, propaganda, narratives",
        "Jugendarbeit, youth work, youth workers",
        "Arbeit, Beruf, Ausbildung, Arbeitsplatz, employment, jobs, career",
        "Mentoring, Mentor, Mentorin, Mentoren, mentoring, mentors",
        "Evaluation, Evaluierung, Wirkung, evaluation",
        "Frauen, Mädchen, women, girls",
        "Aktionsplan, Präventionsplan, action plan, prevention plan",
        "Gaming, Computerspiele, Spiele, gaming, video games",
    ],
    "fr": [
        "prison, détention, détenus, incarcération, milieu carcéral, custody, detention, prisoners",
        "probation, libération, sortie de prison, release",
        "conseil, accompagnement, écoute, counselling, advice, coaching",
        "ligne d'écoute, numéro vert, permanence téléphonique, helpline, hotline, chat",
        "désengagement, déradicalisation, exit, disengagement",
        "personnes de retour, revenants, rapatriés, returnees, returning",
        "mères, mothers",
        "familles, proches, families, relatives",
        "enseignants, professeurs, teachers",
        "école, élèves, classe, school, pupils",
        "santé mentale, psychologue, psychiatrie, mental health, psychologist",
        "traumatisme, trauma",
        "bénévoles, volontaires, volunteers",
        "commune, ville, municipalité, municipality, city, municipal",
        "coopération, partenariat, multi-agency, case conference",
        "en ligne, internet, réseaux sociaux, online, social media",
        "propagande, discours, propaganda, narratives",
        "mentorat, mentor, mentors, mentoring",
        "évaluation, evaluation",
        "femmes, filles, women, girls",
        "emploi, travail, insertion professionnelle, employment, jobs, career",
        "jeux vidéo, gaming, video games",
        "plan d'action, action plan",
    ],
}


def seed(apps, schema_editor):
    SynonymGroup = apps.get_model("cms", "SynonymGroup")
    if SynonymGroup.objects.exists():
        return
    SynonymGroup.objects.bulk_create(
        SynonymGroup(language=language, words=words)
        for language, groups in GROUPS.items()
        for words in groups
    )


class Migration(migrations.Migration):
    dependencies = [("cms", "0014_search_synonyms")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
