# French dates: "28 déc. 2026", "28 déc." (Django's own French formats for the rest).
SHORT_DATE_FORMAT = "j N Y"
SHORT_DATETIME_FORMAT = "j N Y, H:i"
MONTH_DAY_FORMAT = "j N"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "N Y"
