"""The questions a survey starts with when a year has none yet and no earlier year to copy:
short, one per evaluation level that the moment can tell about. The coordinators change them in
the admin ("Surveys")."""

from exchange.surveys.models import AnswerType, Level, SurveyKind

SCALE, CHOICE, NUMBER, TEXT = (
    AnswerType.SCALE,
    AnswerType.CHOICE,
    AnswerType.NUMBER,
    AnswerType.TEXT,
)

DEFAULT_QUESTIONS = {
    SurveyKind.AFTER_VISIT: [
        ("How useful was the visit for your work?", SCALE, Level.REACTION, True, ""),
        ("How well did the visit meet its learning goals?", SCALE, Level.REACTION, True, ""),
        ("How much did you learn that you did not know before?", SCALE, Level.LEARNING, True, ""),
        (
            "Which will you try first at home?",
            CHOICE,
            Level.LEARNING,
            False,
            "A method of working with clients\nA way of organising the team\n"
            "A way of working with other agencies\nNothing yet",
        ),
        ("What should the network change about visits?", TEXT, Level.REACTION, False, ""),
    ],
    SurveyKind.FOLLOW_UP: [
        (
            "Have you used what you saw in your own practice?",
            SCALE,
            Level.BEHAVIOUR,
            True,
            "",
        ),
        (
            "How many colleagues have you shared it with?",
            NUMBER,
            Level.BEHAVIOUR,
            False,
            "",
        ),
        (
            "Has it changed anything for the people you work with?",
            SCALE,
            Level.RESULTS,
            True,
            "",
        ),
        ("What stopped you, or what helped?", TEXT, Level.BEHAVIOUR, False, ""),
    ],
}
