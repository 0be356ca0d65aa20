# Spanish: lower-case day and month names, "de" between day, month and year.
LONG_DATETIME_FORMAT = r"l, j \d\e F \d\e Y, H:i"  # miércoles, 3 de noviembre de 2027, 14:00
LONG_DATE_FORMAT = r"l, j \d\e F \d\e Y"
LONG_DAY_TIME_FORMAT = r"l, j \d\e F, H:i"
DAY_TIME_FORMAT = "j b, H:i"  # 1 dic, 19:00
WEEKDAY_DAY_TIME_FORMAT = "D j b, H:i"
WEEKDAY_DATE_FORMAT = "D j b Y"
WEEKDAY_DATETIME_FORMAT = "D j b Y, H:i"
DAY_MONTH_YEAR_FORMAT = "j b Y"
WEEKDAY_TIME_FORMAT = "D H:i"
