"""The questions a survey starts with when a year has none yet and no earlier year to copy:
short, one per evaluation level that the moment can tell about, the visitor's and the host
mentor's each their own (a host who is shadowed learns other things). The coordinators change
them in the admin ("Surveys")."""

from exchange.reflections.models import AskedOf
from exchange.surveys.models import AnswerType, Level, SurveyKind

SCALE, CHOICE, NUMBER, TEXT = (
    AnswerType.SCALE,
    AnswerType.CHOICE,
    AnswerType.NUMBER,
    AnswerType.TEXT,
)

VISITOR, HOST = AskedOf.VISITOR, AskedOf.HOST
CHANGES = (
    "A method of working with clients\nA way of organising the team\n"
    "A way of working with other agencies\nNothing yet"
)

# (question, answer type, level, required, choices, asked of)
DEFAULT_QUESTIONS = {
    SurveyKind.AFTER_VISIT: [
        ("How useful was the visit for your work?", SCALE, Level.REACTION, True, "", VISITOR),
        (
            "How well did the visit meet its learning goals?",
            SCALE,
            Level.REACTION,
            True,
            "",
            VISITOR,
        ),
        (
            "How much did you learn that you did not know before?",
            SCALE,
            Level.LEARNING,
            True,
            "",
            VISITOR,
        ),
        ("Which will you try first at home?", CHOICE, Level.LEARNING, False, CHANGES, VISITOR),
        ("What should the network change about visits?", TEXT, Level.REACTION, False, "", VISITOR),
        (
            "How useful was hosting the visit for your own team?",
            SCALE,
            Level.REACTION,
            True,
            "",
            HOST,
        ),
        (
            "How much did the visitor's questions make you look again at your own practice?",
            SCALE,
            Level.LEARNING,
            True,
            "",
            HOST,
        ),
        (
            "What will you change first in your own work?",
            CHOICE,
            Level.LEARNING,
            False,
            CHANGES,
            HOST,
        ),
        ("What should the network change about hosting?", TEXT, Level.REACTION, False, "", HOST),
    ],
    SurveyKind.FOLLOW_UP: [
        (
            "Have you used what you saw in your own practice?",
            SCALE,
            Level.BEHAVIOUR,
            True,
            "",
            VISITOR,
        ),
        (
            "How many colleagues have you shared it with?",
            NUMBER,
            Level.BEHAVIOUR,
            False,
            "",
            VISITOR,
        ),
        (
            "Has it changed anything for the people you work with?",
            SCALE,
            Level.RESULTS,
            True,
            "",
            VISITOR,
        ),
        ("What stopped you, or what helped?", TEXT, Level.BEHAVIOUR, False, "", VISITOR),
        (
            "Have you changed anything in your own practice since hosting the visit?",
            SCALE,
            Level.BEHAVIOUR,
            True,
            "",
            HOST,
        ),
        (
            "Are you still in touch with the visitor's organisation?",
            CHOICE,
            Level.BEHAVIOUR,
            False,
            "Yes, we work together\nYes, now and then\nNo",
            HOST,
        ),
        ("What helped or hindered you in hosting?", TEXT, Level.BEHAVIOUR, False, "", HOST),
    ],
}
