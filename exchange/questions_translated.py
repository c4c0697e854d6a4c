# ruff: noqa: E501 -- sentences, kept whole on their line for the translators
"""The German and French wording of the questions the platform starts with (the reflection
questions of migration 0007 and the surveys' default questions), by their English text. Used by
migration 0018 for questions already in the database and by the surveys' defaults for new ones;
a coordinator's own wording is never replaced."""

REFLECTION = {
    "What do you expect to see for this goal, and how will you know you have learned something?": (
        "Was erwarten Sie zu diesem Ziel zu sehen, und woran merken Sie, dass Sie etwas gelernt haben?",
        "Qu’attendez-vous de voir pour cet objectif, et comment saurez-vous que vous avez appris quelque chose ?",
    ),
    "One answer per goal of your signed learning agreement.": (
        "Eine Antwort je Ziel Ihrer unterzeichneten Lernvereinbarung.",
        "Une réponse par objectif de votre convention d’apprentissage signée.",
    ),
    "What does your own team already do about this challenge?": (
        "Was tut Ihr eigenes Team bereits zu dieser Herausforderung?",
        "Que fait déjà votre propre équipe face à ce défi ?",
    ),
    "A few lines are enough: they help you compare after the visit.": (
        "Ein paar Zeilen genügen: Sie helfen beim Vergleich nach dem Besuch.",
        "Quelques lignes suffisent : elles vous aideront à comparer après la visite.",
    ),
    "What did you observe today?": (
        "Was haben Sie heute beobachtet?",
        "Qu’avez-vous observé aujourd’hui ?",
    ),
    "Short notes by day. Leave out anything that could identify a client.": (
        "Kurze Notizen pro Tag. Lassen Sie alles weg, was eine Klientin oder einen Klienten erkennbar macht.",
        "De courtes notes par jour. Omettez tout ce qui pourrait identifier une personne accompagnée.",
    ),
    "What surprised you, and what would you like to ask your host?": (
        "Was hat Sie überrascht, und was möchten Sie Ihre Gastgeber fragen?",
        "Qu’est-ce qui vous a surpris, et que voudriez-vous demander à votre hôte ?",
    ),
    "What did you see for this goal?": (
        "Was haben Sie zu diesem Ziel gesehen?",
        "Qu’avez-vous vu pour cet objectif ?",
    ),
    "Describe what people did, not who they worked with.": (
        "Beschreiben Sie, was die Fachleute getan haben, nicht mit wem sie gearbeitet haben.",
        "Décrivez ce que les personnes ont fait, pas avec qui elles ont travaillé.",
    ),
    "Why does it work there?": (
        "Warum funktioniert es dort?",
        "Pourquoi cela fonctionne-t-il là-bas ?",
    ),
    "The mechanism: what makes the difference, in this setting.": (
        "Der Wirkmechanismus: Was in diesem Umfeld den Unterschied macht.",
        "Le mécanisme : ce qui fait la différence, dans ce contexte.",
    ),
    "What would it take at home?": (
        "Was bräuchte es bei Ihnen zu Hause?",
        "Que faudrait-il chez vous ?",
    ),
    "People, rules, money, partners: what you would need to do the same.": (
        "Personal, Regeln, Geld, Partner: Was Sie bräuchten, um dasselbe zu tun.",
        "Des personnes, des règles, de l’argent, des partenaires : ce qu’il vous faudrait pour faire de même.",
    ),
    "Which practices of the library did you see at work?": (
        "Welche Praxisbeispiele der Bibliothek haben Sie in Aktion gesehen?",
        "Quelles pratiques de la bibliothèque avez-vous vues à l’œuvre ?",
    ),
    "Name them as the library does, if you can.": (
        "Nennen Sie sie, wenn möglich, wie die Bibliothek sie nennt.",
        "Nommez-les comme la bibliothèque, si vous le pouvez.",
    ),
    "What have you changed in your own practice since the visit?": (
        "Was haben Sie seit dem Besuch an Ihrer eigenen Praxis geändert?",
        "Qu’avez-vous changé dans votre propre pratique depuis la visite ?",
    ),
    "What stopped you, or what would help you go further?": (
        "Was hat Sie gebremst, oder was würde Ihnen helfen weiterzugehen?",
        "Qu’est-ce qui vous a freiné, ou qu’est-ce qui vous aiderait à aller plus loin ?",
    ),
    # The host mentor's own questions (migration 0028).
    "What will you show the visitor for this goal, and who on your team will show it?": (
        "Was werden Sie dem Gast zu diesem Ziel zeigen, und wer in Ihrem Team zeigt es?",
        "Que montrerez-vous au visiteur pour cet objectif, et qui dans votre équipe le montrera ?",
    ),
    "One answer per goal of the signed learning agreement.": (
        "Eine Antwort je Ziel der unterzeichneten Lernvereinbarung.",
        "Une réponse par objectif de la convention d’apprentissage signée.",
    ),
    "What would you like to learn from the visitor's own practice?": (
        "Was möchten Sie aus der eigenen Praxis des Gastes lernen?",
        "Qu’aimeriez-vous apprendre de la pratique du visiteur ?",
    ),
    "A visitor brings their own way of working: what would you ask them?": (
        "Ein Gast bringt seine eigene Arbeitsweise mit: Was würden Sie ihn fragen?",
        "Un visiteur apporte sa propre façon de travailler : que lui demanderiez-vous ?",
    ),
    "What did you show today, and what did the visitor ask?": (
        "Was haben Sie heute gezeigt, und was hat der Gast gefragt?",
        "Qu’avez-vous montré aujourd’hui, et qu’a demandé le visiteur ?",
    ),
    "What did you show for this goal, and what did the visitor make of it?": (
        "Was haben Sie zu diesem Ziel gezeigt, und was hat der Gast daraus gemacht?",
        "Qu’avez-vous montré pour cet objectif, et qu’en a retenu le visiteur ?",
    ),
    "What did the visitor's questions make you see in your own practice?": (
        "Was haben die Fragen des Gastes Sie an Ihrer eigenen Praxis sehen lassen?",
        "Que vous ont fait voir les questions du visiteur dans votre propre pratique ?",
    ),
    "What you do without thinking about it, and why it works or does not.": (
        "Was Sie tun, ohne darüber nachzudenken, und warum es wirkt oder nicht.",
        "Ce que vous faites sans y penser, et pourquoi cela fonctionne ou non.",
    ),
    "What would you change in your own work after this visit?": (
        "Was würden Sie nach diesem Besuch an Ihrer eigenen Arbeit ändern?",
        "Que changeriez-vous dans votre propre travail après cette visite ?",
    ),
    "Have you changed anything in your own practice since hosting the visit?": (
        "Haben Sie seit dem Besuch etwas an Ihrer eigenen Praxis geändert?",
        "Avez-vous changé quelque chose dans votre propre pratique depuis la visite ?",
    ),
}

SURVEY = {
    "How useful was the visit for your work?": (
        "Wie nützlich war der Besuch für Ihre Arbeit?",
        "Dans quelle mesure la visite a-t-elle été utile pour votre travail ?",
    ),
    "How well did the visit meet its learning goals?": (
        "Wie gut hat der Besuch seine Lernziele erreicht?",
        "Dans quelle mesure la visite a-t-elle atteint ses objectifs d’apprentissage ?",
    ),
    "How much did you learn that you did not know before?": (
        "Wie viel haben Sie gelernt, das Sie vorher nicht wussten?",
        "Qu’avez-vous appris que vous ne saviez pas avant, et dans quelle mesure ?",
    ),
    "Which will you try first at home?": (
        "Was werden Sie zu Hause zuerst ausprobieren?",
        "Qu’allez-vous essayer en premier chez vous ?",
    ),
    "A method of working with clients\nA way of organising the team\n"
    "A way of working with other agencies\nNothing yet": (
        "Eine Methode der Arbeit mit Klientinnen und Klienten\nEine Art, das Team zu organisieren\n"
        "Eine Art der Zusammenarbeit mit anderen Stellen\nNoch nichts",
        "Une méthode de travail avec les personnes accompagnées\nUne façon d’organiser l’équipe\n"
        "Une façon de travailler avec d’autres services\nRien pour l’instant",
    ),
    "What should the network change about visits?": (
        "Was sollte das Netzwerk an den Besuchen ändern?",
        "Que devrait changer le réseau dans les visites ?",
    ),
    "Have you used what you saw in your own practice?": (
        "Haben Sie das Gesehene in Ihrer eigenen Praxis angewandt?",
        "Avez-vous utilisé ce que vous avez vu dans votre propre pratique ?",
    ),
    "How many colleagues have you shared it with?": (
        "Mit wie vielen Kolleginnen und Kollegen haben Sie es geteilt?",
        "Avec combien de collègues l’avez-vous partagé ?",
    ),
    "Has it changed anything for the people you work with?": (
        "Hat es etwas für die Menschen verändert, mit denen Sie arbeiten?",
        "Cela a-t-il changé quelque chose pour les personnes avec qui vous travaillez ?",
    ),
    "What stopped you, or what helped?": (
        "Was hat Sie gebremst, oder was hat geholfen?",
        "Qu’est-ce qui vous a freiné, ou qu’est-ce qui a aidé ?",
    ),
    # The host mentor's own questions.
    "How useful was hosting the visit for your own team?": (
        "Wie nützlich war es für Ihr eigenes Team, den Besuch zu empfangen?",
        "Dans quelle mesure l’accueil de la visite a-t-il été utile pour votre équipe ?",
    ),
    "How much did the visitor's questions make you look again at your own practice?": (
        "Wie sehr haben die Fragen des Gastes Sie Ihre eigene Praxis neu betrachten lassen?",
        "Dans quelle mesure les questions du visiteur vous ont-elles fait revoir votre pratique ?",
    ),
    "What will you change first in your own work?": (
        "Was werden Sie an Ihrer eigenen Arbeit zuerst ändern?",
        "Que changerez-vous en premier dans votre propre travail ?",
    ),
    "What should the network change about hosting?": (
        "Was sollte das Netzwerk am Empfangen von Gästen ändern?",
        "Que devrait changer le réseau dans l’accueil des visites ?",
    ),
    "Have you changed anything in your own practice since hosting the visit?": (
        "Haben Sie seit dem Besuch etwas an Ihrer eigenen Praxis geändert?",
        "Avez-vous changé quelque chose dans votre propre pratique depuis la visite ?",
    ),
    "Are you still in touch with the visitor's organisation?": (
        "Stehen Sie noch mit der Organisation des Gastes in Kontakt?",
        "Êtes-vous toujours en contact avec l’organisation du visiteur ?",
    ),
    "Yes, we work together\nYes, now and then\nNo": (
        "Ja, wir arbeiten zusammen\nJa, ab und zu\nNein",
        "Oui, nous travaillons ensemble\nOui, de temps en temps\nNon",
    ),
    "What helped or hindered you in hosting?": (
        "Was hat Ihnen beim Empfangen geholfen oder Sie behindert?",
        "Qu’est-ce qui vous a aidé ou gêné dans l’accueil ?",
    ),
}


def fill(question, wording: dict, fields: tuple[str, ...], english: str = "") -> bool:
    """Set the German and French of each field still empty whose English text is known (in
    `field` + `english`: migration 0018's questions had no `_en` columns yet); whether anything
    was set."""
    changed = False
    for field in fields:
        source = getattr(question, field + english)
        if source not in wording:
            continue
        for language, text in zip(("de", "fr"), wording[source], strict=True):
            if not getattr(question, f"{field}_{language}"):
                setattr(question, f"{field}_{language}", text)
                changed = True
    return changed
