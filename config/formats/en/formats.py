# Dates as the network writes them in English (4 May 2026), not Django's American default.
DATE_FORMAT = "j F Y"
