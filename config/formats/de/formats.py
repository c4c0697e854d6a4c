# German dates with the dots German writes: "28. Dez. 2026", "28. Dez." (Django's own German
# formats are kept for the rest: "28. Dezember 2026").
SHORT_DATE_FORMAT = "j. N Y"
SHORT_DATETIME_FORMAT = "j. N Y, H:i"
MONTH_DAY_FORMAT = "j. N"
DATETIME_FORMAT = "j. F Y, H:i"
YEAR_MONTH_FORMAT = "N Y"
