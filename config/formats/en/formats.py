"""Date formats by language (FORMAT_MODULE_PATH): templates and mail name a format, never a pattern.

Every language module defines every name below; Django's own module for the language gives the rest.
"""

LONG_DATETIME_FORMAT = "l j F Y, H:i"  # Wednesday 3 November 2027, 14:00
LONG_DATE_FORMAT = "l j F Y"
LONG_DAY_TIME_FORMAT = "l j F, H:i"
DAY_TIME_FORMAT = "j M, H:i"  # 1 Dec, 19:00
WEEKDAY_DAY_TIME_FORMAT = "D j M, H:i"
WEEKDAY_DATE_FORMAT = "D j M Y"
WEEKDAY_DATETIME_FORMAT = "D j M Y, H:i"
DAY_MONTH_YEAR_FORMAT = "j M Y"
WEEKDAY_TIME_FORMAT = "D H:i"
