"""The controlled vocabularies every deployment starts with; the coordinator edits them later.

The challenges follow the components of local action plans against radicalisation that
practitioners across European cities describe (helplines, mentoring, mental health, family support,
gender, returnees, prison, online narratives, community engagement, multi-agency work, ...).
"""

from django.db import migrations

CHALLENGES = [
    ("helplines-advice-centres", "Helplines and advice centres",
     "First contact for worried families, friends and professionals: listening, assessing, referring."),
    ("mentoring", "Mentoring", "One-to-one mentoring of young people at risk or leaving extremist milieus."),
    ("mental-health-support", "Mental health support",
     "The role of psychologists and mental health services in prevention and exit work."),
    ("family-support", "Family support", "Counselling and coaching parents and relatives of radicalised people."),
    ("gender-specific-work", "Gender-specific work",
     "Work that takes the different roles of women, men, girls and boys into account."),
    ("returnees", "Returnees from conflict zones",
     "Supporting returning adults and children, and their families, after conflict zones."),
    ("prison-probation", "Prison and probation",
     "Prevention and disengagement work in custody, and support through release and probation."),
    ("online-narratives", "Online narratives",
     "Counter- and alternative narratives, and youth work in online spaces."),
    ("community-engagement", "Community engagement",
     "Building trust and resilience with local communities, faith groups and civil society."),
    ("multi-agency-cooperation", "Multi-agency cooperation",
     "Case work across police, social services, schools, health and NGOs, with clear information rules."),
    ("local-action-plans", "Local action plans",
     "Municipal strategies that bring prevention components together in one plan."),
    ("evaluation", "Evaluation of prevention work", "Measuring what works, and learning from it."),
    ("exit-work", "Exit and disengagement",
     "Helping people leave violent extremist groups and build a life outside them."),
    ("first-line-training", "Training first-line practitioners",
     "Equipping teachers, youth and social workers to recognise and respond to radicalisation."),
]
SETTINGS = [
    ("school", "School"), ("family", "Family"), ("prison-probation", "Prison and probation"),
    ("community", "Community"), ("youth-work", "Youth work"), ("online", "Online"),
    ("health", "Health and social care"), ("municipality", "Municipality"),
]
TARGET_GROUPS = [
    ("young-people-at-risk", "Young people at risk"), ("families", "Families and relatives"),
    ("prisoners-returnees", "Prisoners and returnees"), ("first-line-professionals", "First-line professionals"),
    ("communities", "Communities"), ("women-girls", "Women and girls"),
    ("leaving-extremism", "People leaving extremist groups"),
]
LANGUAGES = [
    ("en", "English"), ("de", "German"), ("fr", "French"), ("nl", "Dutch"), ("da", "Danish"),
    ("no", "Norwegian"), ("sq", "Albanian"), ("ar", "Arabic"), ("sr", "Serbian"), ("tr", "Turkish"),
]


def seed(apps, schema_editor):
    vocabularies = [
        ("Challenge", [(slug, name, description) for slug, name, description in CHALLENGES]),
        ("Setting", [(slug, name, "") for slug, name in SETTINGS]),
        ("TargetGroup", [(slug, name, "") for slug, name in TARGET_GROUPS]),
        ("Language", [(slug, name, "") for slug, name in LANGUAGES]),
    ]
    for model_name, terms in vocabularies:
        model = apps.get_model("cms", model_name)
        for order, (slug, name, description) in enumerate(terms, start=1):
            model.objects.get_or_create(
                slug=slug, defaults={"name": name, "description": description, "sort_order": order * 10}
            )


class Migration(migrations.Migration):
    dependencies = [("cms", "0003_library")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
