"""The JSON log line's shape, shared by the site's logging (config/settings.py) and gunicorn's
(config/gunicorn.py, which is read before Django's settings exist)."""

JSON_FORMATTER = {
    "()": "pythonjsonlogger.json.JsonFormatter",
    "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
    "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
}
