# French: lower-case day and month names, no comma before the time.
LONG_DATETIME_FORMAT = r"l j F Y \à H:i"  # mercredi 3 novembre 2027 à 14:00
LONG_DATE_FORMAT = "l j F Y"
LONG_DAY_TIME_FORMAT = r"l j F \à H:i"
DAY_TIME_FORMAT = "j b H:i"  # 1 déc 19:00
WEEKDAY_DAY_TIME_FORMAT = "D j b H:i"
WEEKDAY_DATE_FORMAT = "D j b Y"
WEEKDAY_DATETIME_FORMAT = "D j b Y H:i"
DAY_MONTH_YEAR_FORMAT = "j b Y"
WEEKDAY_TIME_FORMAT = "D H:i"
