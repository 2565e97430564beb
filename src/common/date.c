/*
 * Calendar dates with precision (YYYY, YYYY-MM, YYYY-MM-DD), proleptic
 * Gregorian, years 1-9999. Pure integer arithmetic: nothing here reads the
 * clock, the time zone or the locale.
 * SPDX-License-Identifier: MIT
 */
#include "internal.h"

#define YEAR_MIN 1
#define YEAR_MAX 9999

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_length(int y, int m)
{
    static const int len[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    return m == 2 && is_leap(y) ? 29 : len[m - 1];
}

/* Days since 1970-01-01 of a civil date: the well-known era-based method
 * (400-year cycles of 146097 days), exact for every proleptic Gregorian date. */
int64_t ldrt__days_from_civil(int y, int m, int d)
{
    int64_t yy = (int64_t)y - (m <= 2);
    int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
    int64_t yoe = yy - era * 400;
    int64_t mp = (m + 9) % 12;
    int64_t doy = (153 * mp + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void ldrt__civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t dd = doy - (153 * mp + 2) / 5 + 1;
    int64_t mm = mp < 10 ? mp + 3 : mp - 9;
    *y = (int)(yoe + era * 400 + (mm <= 2));
    *m = (int)mm;
    *d = (int)dd;
}

static void split(ldrt_date v, int *y, int *m, int *d)
{
    *y = v / 10000;
    *m = (v / 100) % 100;
    *d = v % 100;
}

int ldrt__date_is_valid(ldrt_date v)
{
    if (v <= 0)
        return 0;
    int y, m, d;
    split(v, &y, &m, &d);
    if (y < YEAR_MIN || y > YEAR_MAX || m > 12)
        return 0;
    if (m == 0)
        return d == 0;
    return d == 0 || d <= month_length(y, m);
}

static int check_date(ldrt_date v, const char *name)
{
    if (!ldrt__date_is_valid(v))
        return ldrt__error(LDRT_EINVAL, "%s: %ld is not a valid date (YYYYMMDD, month/day 0 when unknown)",
                           name, (long)v);
    return LDRT_OK;
}

static int check_full(ldrt_date v, const char *name)
{
    int rc = check_date(v, name);
    if (rc)
        return rc;
    if (v % 100 == 0)
        return ldrt__error(LDRT_EINVAL, "%s: date %ld is partial; a full date (day precision) is needed",
                           name, (long)v);
    return LDRT_OK;
}

int ldrt_date_validate(ldrt_date date)
{
    return check_date(date, "date");
}

int ldrt_date_make(int year, int month, int day, ldrt_date *out)
{
    LDRT__CHECK_NOT_NULL(out);
    if (year < YEAR_MIN || year > YEAR_MAX)
        return ldrt__error(LDRT_EINVAL, "year: must be 1 to 9999 (got %d)", year);
    if (month < 0 || month > 12)
        return ldrt__error(LDRT_EINVAL, "month: must be 1 to 12, or 0 when unknown (got %d)", month);
    if (month == 0 && day != 0)
        return ldrt__error(LDRT_EINVAL, "day: must be 0 when the month is unknown (got %d)", day);
    if (day < 0 || (month && day > month_length(year, month)))
        return ldrt__error(LDRT_EINVAL, "day: %04d-%02d has %d days (got %d)", year, month,
                           month ? month_length(year, month) : 0, day);
    *out = year * 10000 + month * 100 + day;
    return LDRT_OK;
}

static int digits(const char *s, int n, int *value)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        v = v * 10 + (s[i] - '0');
    }
    *value = v;
    return 1;
}

int ldrt_date_parse(const char *text, ldrt_date *out)
{
    LDRT__CHECK_NOT_NULL(text);
    LDRT__CHECK_NOT_NULL(out);
    int y = 0, m = 0, d = 0;
    const char *s = text;
    if (!digits(s, 4, &y))
        return ldrt__error(LDRT_EPARSE, "date \"%.40s\": expected YYYY, YYYY-MM or YYYY-MM-DD", text);
    s += 4;
    if (*s == '-') {
        if (!digits(s + 1, 2, &m))
            return ldrt__error(LDRT_EPARSE, "date \"%.40s\": month must be two digits", text);
        s += 3;
        if (*s == '-') {
            if (!digits(s + 1, 2, &d))
                return ldrt__error(LDRT_EPARSE, "date \"%.40s\": day must be two digits", text);
            s += 3;
        }
    }
    if (*s != '\0')
        return ldrt__error(LDRT_EPARSE, "date \"%.40s\": unexpected text after the date", text);
    if (y < YEAR_MIN)
        return ldrt__error(LDRT_EPARSE, "date \"%.40s\": year 0000 does not exist", text);
    if (s - text > 4 && (m < 1 || m > 12))
        return ldrt__error(LDRT_EPARSE, "date \"%.40s\": month %02d is not 01 to 12", text, m);
    if (s - text > 7 && (d < 1 || d > month_length(y, m)))
        return ldrt__error(LDRT_EPARSE, "date \"%.40s\": %04d-%02d has %d days", text, y, m,
                           month_length(y, m));
    *out = y * 10000 + m * 100 + d;
    return LDRT_OK;
}

int ldrt_date_format(ldrt_date date, char *buf, size_t size)
{
    int rc = check_date(date, "date");
    if (rc)
        return rc;
    LDRT__CHECK_NOT_NULL(buf);
    int y, m, d;
    split(date, &y, &m, &d);
    size_t need = m == 0 ? 5 : d == 0 ? 8 : 11;
    if (size < need)
        return ldrt__error(LDRT_ERANGE, "size: %zu bytes needed, %zu given", need, size);
    char tmp[LDRT_DATE_BUFSIZE];
    int pos = 0;
    tmp[pos++] = (char)('0' + y / 1000);
    tmp[pos++] = (char)('0' + y / 100 % 10);
    tmp[pos++] = (char)('0' + y / 10 % 10);
    tmp[pos++] = (char)('0' + y % 10);
    if (m) {
        tmp[pos++] = '-';
        tmp[pos++] = (char)('0' + m / 10);
        tmp[pos++] = (char)('0' + m % 10);
        if (d) {
            tmp[pos++] = '-';
            tmp[pos++] = (char)('0' + d / 10);
            tmp[pos++] = (char)('0' + d % 10);
        }
    }
    tmp[pos] = '\0';
    for (int i = 0; i <= pos; i++)
        buf[i] = tmp[i];
    return LDRT_OK;
}

int ldrt_date_parts(ldrt_date date, int *year, int *month, int *day,
                    ldrt_date_precision *precision)
{
    int rc = check_date(date, "date");
    if (rc)
        return rc;
    int y, m, d;
    split(date, &y, &m, &d);
    if (year)
        *year = y;
    if (month)
        *month = m;
    if (day)
        *day = d;
    if (precision)
        *precision = m == 0 ? LDRT_DATE_PRECISION_YEAR
                   : d == 0 ? LDRT_DATE_PRECISION_MONTH : LDRT_DATE_PRECISION_DAY;
    return LDRT_OK;
}

static ldrt_date earliest(ldrt_date v)
{
    int y, m, d;
    split(v, &y, &m, &d);
    return y * 10000 + (m ? m : 1) * 100 + (d ? d : 1);
}

static ldrt_date latest(ldrt_date v)
{
    int y, m, d;
    split(v, &y, &m, &d);
    if (m == 0)
        return y * 10000 + 1231;
    return y * 10000 + m * 100 + (d ? d : month_length(y, m));
}

int ldrt_date_earliest(ldrt_date date, ldrt_date *out)
{
    int rc = check_date(date, "date");
    if (rc)
        return rc;
    LDRT__CHECK_NOT_NULL(out);
    *out = earliest(date);
    return LDRT_OK;
}

int ldrt_date_latest(ldrt_date date, ldrt_date *out)
{
    int rc = check_date(date, "date");
    if (rc)
        return rc;
    LDRT__CHECK_NOT_NULL(out);
    *out = latest(date);
    return LDRT_OK;
}

int ldrt_date_compare(ldrt_date a, ldrt_date b, int *order)
{
    int rc = check_date(a, "a");
    if (!rc)
        rc = check_date(b, "b");
    if (rc)
        return rc;
    LDRT__CHECK_NOT_NULL(order);
    *order = (a > b) - (a < b);
    return LDRT_OK;
}

int ldrt_date_relation(ldrt_date a, ldrt_date b, ldrt_date_rel *relation)
{
    int rc = check_date(a, "a");
    if (!rc)
        rc = check_date(b, "b");
    if (rc)
        return rc;
    LDRT__CHECK_NOT_NULL(relation);
    if (latest(a) < earliest(b))
        *relation = LDRT_DATE_BEFORE;
    else if (earliest(a) > latest(b))
        *relation = LDRT_DATE_AFTER;
    else
        *relation = LDRT_DATE_OVERLAPS;
    return LDRT_OK;
}

static int64_t day_number(ldrt_date v)
{
    int y, m, d;
    split(v, &y, &m, &d);
    return ldrt__days_from_civil(y, m, d);
}

int ldrt_date_days_between(ldrt_date from, ldrt_date to, int64_t *days)
{
    int rc = check_full(from, "from");
    if (!rc)
        rc = check_full(to, "to");
    if (rc)
        return rc;
    LDRT__CHECK_NOT_NULL(days);
    *days = day_number(to) - day_number(from);
    return LDRT_OK;
}

int ldrt_date_days_between_range(ldrt_date from, ldrt_date to, int64_t *min_days,
                                 int64_t *max_days)
{
    int rc = check_date(from, "from");
    if (!rc)
        rc = check_date(to, "to");
    if (rc)
        return rc;
    if (min_days)
        *min_days = day_number(earliest(to)) - day_number(latest(from));
    if (max_days)
        *max_days = day_number(latest(to)) - day_number(earliest(from));
    return LDRT_OK;
}

static const int64_t DAYS_MIN = -719162;  /* 0001-01-01 */
static const int64_t DAYS_MAX = 2932896;  /* 9999-12-31 */

int ldrt_date_from_days(int64_t days, ldrt_date *out)
{
    LDRT__CHECK_NOT_NULL(out);
    if (days < DAYS_MIN || days > DAYS_MAX)
        return ldrt__error(LDRT_ERANGE, "days: %lld is outside years 1-9999", (long long)days);
    int y, m, d;
    ldrt__civil_from_days(days, &y, &m, &d);
    *out = y * 10000 + m * 100 + d;
    return LDRT_OK;
}

int ldrt_date_add_days(ldrt_date date, int64_t days, ldrt_date *out)
{
    int rc = check_full(date, "date");
    if (rc)
        return rc;
    LDRT__CHECK_NOT_NULL(out);
    int64_t base = day_number(date);
    if (days < DAYS_MIN - base || days > DAYS_MAX - base)
        return ldrt__error(LDRT_ERANGE, "days: adding %lld to %ld leaves years 1-9999",
                           (long long)days, (long)date);
    return ldrt_date_from_days(base + days, out);
}

int ldrt_date_to_days(ldrt_date date, int64_t *days)
{
    int rc = check_full(date, "date");
    if (rc)
        return rc;
    LDRT__CHECK_NOT_NULL(days);
    *days = day_number(date);
    return LDRT_OK;
}

int ldrt_date_weekday(ldrt_date date, int *weekday)
{
    int rc = check_full(date, "date");
    if (rc)
        return rc;
    LDRT__CHECK_NOT_NULL(weekday);
    /* 1970-01-01 was a Thursday (ISO weekday 4). */
    int64_t z = day_number(date);
    int64_t w = (z + 3) % 7;
    if (w < 0)
        w += 7;
    *weekday = (int)w + 1;
    return LDRT_OK;
}
