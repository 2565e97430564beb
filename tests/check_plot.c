/*
 * Tests of the SVG plots (swimmer, spider, cumulative dose): names, bad
 * arguments, the seed case's content, hostile text, in-field and
 * out-of-field lesions, partial dates, empty records, the atomic save and
 * allocation failures. Every document is checked for well-formedness by
 * tests/support/xmlcheck.c and, when python3 is present, by Python's XML
 * parser (xml.etree.ElementTree).
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <dirent.h>

#include "testutil.h"
#include "xmlcheck.h"

static ldrt_date D(const char *s)
{
    ldrt_date d = 0;
    ck_assert_int_eq(ldrt_date_parse(s, &d), LDRT_OK);
    return d;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    return n;
}

static void assert_well_formed(const char *svg)
{
    char why[160];
    ck_assert_msg(tu_xml_check(svg, why, sizeof why) == 0, "not well formed: %s", why);
    ck_assert_msg(strncmp(svg, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg ", 43) == 0,
                  "no XML declaration and svg root");
    /* Self-contained: no script, no external reference (url() only to a
     * fragment of the document itself: the hatching pattern in <defs>). */
    ck_assert_ptr_null(strstr(svg, "<script"));
    ck_assert_ptr_null(strstr(svg, "href=\""));
    for (const char *u = svg; (u = strstr(u, "url(")) != NULL; u += 4)
        ck_assert_msg(u[4] == '#', "url() to something outside the document");
    ck_assert_ptr_null(strstr(svg, "<image"));
    ck_assert_ptr_null(strstr(svg, "@import"));
}

/* Parses the SVG with Python's XML parser when python3 is available. */
static void assert_python_parses(const char *svg)
{
    if (system("python3 -c 'import xml.etree.ElementTree' >/dev/null 2>&1") != 0)
        return;
    char path[] = "/tmp/ldrt-plot-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    FILE *f = fdopen(fd, "w");
    ck_assert_ptr_nonnull(f);
    fputs(svg, f);
    fclose(f);
    char cmd[256];
    snprintf(cmd, sizeof cmd,
             "python3 -c 'import sys, xml.etree.ElementTree as E; "
             "r = E.parse(sys.argv[1]).getroot(); "
             "sys.exit(r.tag != \"{http://www.w3.org/2000/svg}svg\")' %s",
             path);
    int rc = system(cmd);
    unlink(path);
    ck_assert_msg(rc == 0, "Python's XML parser refused the SVG");
}

static char *render(const ldrt_patient *p, int kind)
{
    char *svg = NULL;
    size_t len = 0;
    tu_assert_ok(ldrt_plot_svg(p, kind, &svg, &len));
    ck_assert_uint_eq(len, strlen(svg));
    assert_well_formed(svg);
    return svg;
}

/* The number in the attribute that follows the first @p where. */
static double attr_after(const char *svg, const char *where, const char *attr)
{
    const char *w = strstr(svg, where);
    ck_assert_ptr_nonnull(w);
    const char *a = strstr(w, attr);
    ck_assert_ptr_nonnull(a);
    return strtod(a + strlen(attr), NULL);
}

/* The x of the axis label whose text ends with @p tail (">2023-07</text>"). */
static double label_x(const char *svg, const char *tail)
{
    const char *t = strstr(svg, tail);
    ck_assert_ptr_nonnull(t);
    const char *x = t;
    while (x > svg && strncmp(x, "<text x=\"", 9) != 0)
        x--;
    return strtod(x + 9, NULL);
}

static ldrt_patient *seed_case(void)
{
    ldrt_patient *p = NULL;
    tu_assert_ok(ldrt_patient_load_json(tu_example_path("case-fong-2025.json"), &p));
    return p;
}

/* ---- the well-formedness checker itself ----------------------------------------------- */

static const struct { const char *xml; int ok; } xml_rows[] = {
    { "<a/>", 1 },
    { "<?xml version=\"1.0\"?>\n<a x=\"1\" y='2'>t &amp; &#38; &#x26; <b/></a>\n", 1 },
    { "<a><!-- c --><b>\xc3\xa9</b></a>", 1 },
    { "<a>", 0 },                          /* unclosed */
    { "<a></b>", 0 },                      /* mismatched */
    { "<a><b></a></b>", 0 },               /* badly nested */
    { "<a b=1/>", 0 },                     /* unquoted attribute */
    { "<a b=\"1\" b=\"2\"/>", 0 },         /* duplicate attribute */
    { "<a b=\"<\"/>", 0 },                 /* '<' in an attribute */
    { "<a>&foo;</a>", 0 },                 /* unknown entity */
    { "<a>& b</a>", 0 },                   /* bare ampersand */
    { "<a>\x01</a>", 0 },                  /* forbidden control character */
    { "<a>\xff</a>", 0 },                  /* invalid UTF-8 */
    { "<a>\xef\xbf\xbe</a>", 0 },          /* U+FFFE */
    { "<a/><b/>", 0 },                     /* two roots */
    { "text<a/>", 0 },                     /* text outside the root */
    { "<a/>\n<?xml version=\"1.0\"?>", 0 }, /* declaration not first */
    { "", 0 },                             /* no root */
};

START_TEST(xml_checker_rejects_malformed_documents)
{
    char why[160];
    int rc = tu_xml_check(xml_rows[_i].xml, why, sizeof why);
    ck_assert_msg((rc == 0) == xml_rows[_i].ok, "row %d: \"%s\" -> %d (%s)", _i,
                  xml_rows[_i].xml, rc, rc ? why : "accepted");
}
END_TEST

/* ---- names and arguments --------------------------------------------------------- */

START_TEST(kind_names_round_trip)
{
    static const struct { int kind; const char *name; } rows[] = {
        { LDRT_PLOT_SWIMMER, "swimmer" }, { LDRT_PLOT_SPIDER, "spider" }, { LDRT_PLOT_DOSE, "dose" },
    };
    for (size_t i = 0; i < 3; i++) {
        ck_assert_str_eq(ldrt_plot_kind_name(rows[i].kind), rows[i].name);
        ldrt_plot_kind k = LDRT_PLOT_SWIMMER;
        tu_assert_ok(ldrt_plot_kind_parse(rows[i].name, &k));
        ck_assert_int_eq(k, rows[i].kind);
    }
    ck_assert_ptr_null(ldrt_plot_kind_name(0));
    ck_assert_ptr_null(ldrt_plot_kind_name(4));
    ldrt_plot_kind k = (ldrt_plot_kind)77;
    tu_assert_error(ldrt_plot_kind_parse("waterfall", &k), LDRT_ENOTFOUND, "waterfall");
    ck_assert_int_eq(k, 77);
    tu_assert_error(ldrt_plot_kind_parse("Swimmer", &k), LDRT_ENOTFOUND, "name");
    tu_assert_error(ldrt_plot_kind_parse(NULL, &k), LDRT_EINVAL, "name");
    tu_assert_error(ldrt_plot_kind_parse("dose", NULL), LDRT_EINVAL, "kind");
}
END_TEST

START_TEST(bad_arguments_change_nothing)
{
    ldrt_patient *p = NULL;
    tu_assert_ok(ldrt_patient_new("p", &p));
    char *svg = (char *)"untouched";
    size_t len = 99;
    tu_assert_error(ldrt_plot_svg(NULL, LDRT_PLOT_SWIMMER, &svg, &len), LDRT_EINVAL, "patient");
    tu_assert_error(ldrt_plot_svg(p, LDRT_PLOT_SWIMMER, NULL, &len), LDRT_EINVAL, "out");
    tu_assert_error(ldrt_plot_svg(p, 0, &svg, &len), LDRT_EINVAL, "kind");
    tu_assert_error(ldrt_plot_svg(p, 42, &svg, &len), LDRT_EINVAL, "kind");
    ck_assert_str_eq(svg, "untouched");
    ck_assert_uint_eq(len, 99);
    tu_assert_error(ldrt_plot_save_svg(NULL, LDRT_PLOT_DOSE, "x.svg"), LDRT_EINVAL, "patient");
    tu_assert_error(ldrt_plot_save_svg(p, LDRT_PLOT_DOSE, NULL), LDRT_EINVAL, "path");
    tu_assert_error(ldrt_plot_save_svg(p, LDRT_PLOT_DOSE, ""), LDRT_EINVAL, "path");
    tu_assert_error(ldrt_plot_save_svg(p, -1, "x.svg"), LDRT_EINVAL, "kind");
    ck_assert_int_eq(access("x.svg", F_OK), -1);
    ldrt_patient_free(p);
}
END_TEST

/* ---- the seed case (Fong, Ho & So 2025) ---------------------------------------------- */

START_TEST(seed_swimmer_tells_the_history)
{
    ldrt_patient *p = seed_case();
    char *svg = render(p, LDRT_PLOT_SWIMMER);
    assert_python_parses(svg);
    /* One row per drug, in order of first administration. */
    const char *niv = strstr(svg, ">nivolumab</text>"), *ipi = strstr(svg, ">ipilimumab</text>"),
               *pem = strstr(svg, ">pembrolizumab</text>");
    ck_assert(niv && ipi && pem && niv < ipi && ipi < pem);
    /* Administrations, series expanded: nivolumab 16 (every 14 days x 16);
     * ipilimumab 4 + 4; pembrolizumab 4 + 7 + 4 + 1 = 16 dated (cycles 5-18
     * of the rechallenge are a series with unknown dates, drawn as a bar,
     * not as ticks). All start from month-only dates. */
    ck_assert_uint_eq(count(svg, "<rect class=\"dose"), 16 + 8 + 16);
    ck_assert_uint_eq(count(svg, "<rect class=\"dose partial\""), 16 + 8 + 16);
    /* The series with unknown dates: the hatching defined once, one bar
     * (a tinted rectangle under a hatched one) with its tooltip, and the
     * legend entry. The bar runs from 1 July 2023 (the series' date) to
     * 30 June 2024 (the last day of its until, 2024-06): it starts on the
     * 2023-07 grid line and ends one day (365 of the 366 days from 2023-07
     * to 2024-07) before the 2024-07 one. */
    ck_assert_uint_eq(count(svg, "<defs>"), 1);
    ck_assert_uint_eq(count(svg, "<pattern id=\"ldrt-undated-hatch\""), 1);
    ck_assert_uint_eq(count(svg, "<rect class=\"undated\""), 2);
    ck_assert_uint_eq(count(svg, "fill=\"url(#ldrt-undated-hatch)\""), 2);
    ck_assert_ptr_nonnull(strstr(svg, "pembrolizumab x14 every 21 days (cycles 5-18), dates not "
                                      "recorded: from 2023-07, the last by 2024-06</title>"));
    ck_assert_ptr_nonnull(strstr(svg, ">dates not recorded: a series given on days"));
    double g0 = label_x(svg, ">2023-07</text>"), g1 = label_x(svg, ">2024-07</text>");
    double bx = attr_after(svg, "<rect class=\"undated\"", "x=\"");
    double bw = attr_after(svg, "<rect class=\"undated\"", "width=\"");
    ck_assert_double_eq_tol(bx, g0, 0.06);
    ck_assert_double_eq_tol(bx + bw, g0 + (g1 - g0) * 365.0 / 366.0, 0.15);
    /* The holiday from 13 June 2022, with its reason in the tooltip. */
    ck_assert_uint_eq(count(svg, "<rect class=\"hold\""), 1);
    ck_assert_ptr_nonnull(strstr(svg, "pembrolizumab holiday from 2022-06-13: immune-related grade 2"));
    ck_assert_ptr_nonnull(strstr(svg, "holiday from 2022-06-13</text>"));
    /* The courses: SBRT 40 Gy in 5 fractions (May 2022) and L-XRT 10 Gy in 5
     * (21 to 26 July 2023). EQD2 by hand at alpha/beta 10 Gy:
     * 40 x (8 + 10) / (2 + 10) = 60 Gy; 10 x (2 + 10) / (2 + 10) = 10 Gy. */
    ck_assert_ptr_nonnull(strstr(svg, ">SBRT-2022: SBRT 40 Gy / 5 fx, EQD2 60 Gy, sbrt</text>"));
    ck_assert_ptr_nonnull(strstr(svg, ">LXRT-2023: 10 Gy / 5 fx, EQD2 10 Gy, low-dose</text>"));
    ck_assert_ptr_nonnull(strstr(svg, "2023-07-21 to 2023-07-26</title>"));
    ck_assert_ptr_nonnull(strstr(svg, "SBRT 40 Gy / 5 fx, EQD2 60 Gy, sbrt to left pelvic lymph node, 2022-05 to 2022-05</title>"));
    ck_assert_uint_eq(count(svg, "<rect class=\"course"), 2);
    /* Surgeries (5), scans (10), toxicities (2), disease events (1 + 2 + 1). */
    ck_assert_ptr_nonnull(strstr(svg, ">small bowel excision</text>"));
    ck_assert_ptr_nonnull(strstr(svg, ">G2 Diarrhea</text>"));
    ck_assert_ptr_nonnull(strstr(svg, ">baseline PET/CT</text>"));
    /* Scans labelled by their RECIST 1.1 response (T1 22 -> 14 -> 0 -> 0 mm). */
    ck_assert_ptr_nonnull(strstr(svg, ">CT PR</text>"));
    ck_assert_ptr_nonnull(strstr(svg, ">CT CR</text>"));
    ck_assert_ptr_nonnull(strstr(svg, ">PET/CT CR</text>"));
    ck_assert_uint_eq(count(svg, "class=\"disease\""), 1 + 2 + 1);
    ck_assert_ptr_nonnull(strstr(svg, "hollow marker"));
    ldrt_free(svg);
    ldrt_patient_free(p);
}
END_TEST

START_TEST(seed_spider_shows_the_mesenteric_nodule)
{
    ldrt_patient *p = seed_case();
    char *svg = render(p, LDRT_PLOT_SPIDER);
    assert_python_parses(svg);
    /* T1, 22 mm at baseline (July 2023), 14 mm in September, 0 mm from December:
     * (14 - 22) / 22 = -36.4%, (0 - 22) / 22 = -100%. */
    ck_assert_ptr_nonnull(strstr(svg, "T1 2023-09: 14 mm, -36.4% from baseline 22 mm"));
    ck_assert_ptr_nonnull(strstr(svg, "T1 2023-12: 0 mm, -100% from baseline 22 mm"));
    ck_assert_ptr_nonnull(strstr(svg, ">-36.4%</text>"));
    ck_assert_uint_eq(count(svg, "font-weight=\"bold\">-100%</text>"), 2);
    /* Only T1 has measurements; it is in the field of the L-XRT course. */
    ck_assert_uint_eq(count(svg, "<g class=\"lesion "), 1);
    ck_assert_ptr_nonnull(strstr(svg, "<g class=\"lesion in-field\">"));
    ck_assert_ptr_nonnull(strstr(svg, "(baseline 22 mm; in field of LXRT-2023)"));
    /* The RECIST 1.1 thresholds. */
    ck_assert_uint_eq(count(svg, "<g class=\"threshold\">"), 2);
    ck_assert_ptr_nonnull(strstr(svg, "-30%: partial response"));
    ck_assert_ptr_nonnull(strstr(svg, "+20%: progression"));
    ck_assert_ptr_nonnull(strstr(svg, "LXRT-2023 10 Gy/5 fx"));
    /* The RECIST 1.1 answers along the bottom: PR, CR, CR. */
    const char *row = strstr(svg, "<g class=\"recist\"");
    ck_assert_ptr_nonnull(row);
    const char *pr = strstr(row, ">PR</text>"), *cr = strstr(row, ">CR</text>");
    ck_assert(pr && cr && pr < cr && strstr(cr + 1, ">CR</text>"));
    ldrt_free(svg);
    ldrt_patient_free(p);
}
END_TEST

START_TEST(seed_dose_chart_sums_fractions)
{
    ldrt_patient *p = seed_case();
    char *svg = render(p, LDRT_PLOT_DOSE);
    assert_python_parses(svg);
    ck_assert_uint_eq(count(svg, "<g class=\"dose-series\">"), 2);
    ck_assert_ptr_nonnull(strstr(svg, "pelvic-node-2022: left pelvic lymph node, 40 Gy in 5 fractions, EQD2 60 Gy"));
    ck_assert_ptr_nonnull(strstr(svg, "T1: mesentery (2.2 cm mesenteric nodule), 10 Gy in 5 fractions, EQD2 10 Gy"));
    ck_assert_ptr_nonnull(strstr(svg, "Cumulative dose (Gy)"));
    ldrt_free(svg);
    ldrt_patient_free(p);
}
END_TEST

/* ---- built records ---------------------------------------------------------------- */

/* Two lesions: A in the field of course C1 (2 x 4 Gy), B out of field.
 * A: 40 -> 20 mm (-50%); B: 20 -> 25 mm (+25%). Exact dates only. */
static ldrt_patient *two_lesions(const char *id_a, const char *site_a)
{
    ldrt_patient *p;
    ldrt_lesion *l;
    ldrt_event *c, *s1, *s2;
    tu_assert_ok(ldrt_patient_new("two", &p));
    tu_assert_ok(ldrt_patient_add_lesion(p, id_a, &l));
    tu_assert_ok(ldrt_lesion_set_site(l, site_a));
    tu_assert_ok(ldrt_patient_add_lesion(p, "B", NULL));
    tu_assert_ok(ldrt_patient_add_event(p, LDRT_EVENT_IMAGING, D("2024-01-10"), &s1));
    tu_assert_ok(ldrt_scan_set_baseline(ldrt_event_as_scan_mut(s1), 1));
    tu_assert_ok(ldrt_scan_add_measurement(ldrt_event_as_scan_mut(s1), id_a, 40, 0));
    tu_assert_ok(ldrt_scan_add_measurement(ldrt_event_as_scan_mut(s1), "B", 20, 0));
    tu_assert_ok(ldrt_patient_add_event(p, LDRT_EVENT_RADIOTHERAPY, D("2024-01-15"), &c));
    tu_assert_ok(ldrt_event_set_text(c, LDRT_FIELD_COURSE_ID, "C1"));
    tu_assert_ok(ldrt_course_add_target(ldrt_event_as_course_mut(c), id_a));
    tu_assert_ok(ldrt_course_add_fraction(ldrt_event_as_course_mut(c), D("2024-01-15"), 4, NULL));
    tu_assert_ok(ldrt_course_add_fraction(ldrt_event_as_course_mut(c), D("2024-01-16"), 4, NULL));
    tu_assert_ok(ldrt_patient_add_event(p, LDRT_EVENT_IMAGING, D("2024-03-10"), &s2));
    tu_assert_ok(ldrt_scan_add_measurement(ldrt_event_as_scan_mut(s2), id_a, 20, 0));
    tu_assert_ok(ldrt_scan_add_measurement(ldrt_event_as_scan_mut(s2), "B", 25, 0));
    return p;
}

START_TEST(spider_distinguishes_in_and_out_of_field)
{
    ldrt_patient *p = two_lesions("A", "liver");
    char *svg = render(p, LDRT_PLOT_SPIDER);
    ck_assert_uint_eq(count(svg, "<g class=\"lesion in-field\">"), 1);
    ck_assert_uint_eq(count(svg, "<g class=\"lesion out-of-field\">"), 1);
    ck_assert_ptr_nonnull(strstr(svg, "A 2024-03-10: 20 mm, -50% from baseline 40 mm"));
    ck_assert_ptr_nonnull(strstr(svg, "B 2024-03-10: 25 mm, +25% from baseline 20 mm"));
    ck_assert_ptr_nonnull(strstr(svg, "B (baseline 20 mm; out of field)"));
    /* Exact dates only: no note about hollow markers. */
    ck_assert_ptr_null(strstr(svg, "hollow"));
    ldrt_free(svg);
    svg = render(p, LDRT_PLOT_DOSE);
    /* 2 x 4 Gy: EQD2 = 8 x (4 + 10) / 12 = 9.33 Gy. */
    ck_assert_ptr_nonnull(strstr(svg, "A: liver, 8 Gy in 2 fractions, EQD2 9.33 Gy"));
    ck_assert_ptr_null(strstr(svg, "hollow"));
    ldrt_free(svg);
    svg = render(p, LDRT_PLOT_SWIMMER);
    ck_assert_ptr_nonnull(strstr(svg, ">C1: 8 Gy / 2 fx, EQD2 9.33 Gy, hypofractionated</text>"));
    ck_assert_ptr_null(strstr(svg, "hollow"));
    ldrt_free(svg);
    ldrt_patient_free(p);
}
END_TEST

START_TEST(hostile_text_is_escaped)
{
    /* Markup, quotes, control characters, U+FFFE (valid UTF-8 that XML
     * forbids; the record refuses invalid UTF-8 itself) and a long text. */
    char longsite[700];
    memset(longsite, 'x', sizeof longsite - 1);
    longsite[sizeof longsite - 1] = '\0';
    ldrt_patient *p = two_lesions("<script>alert(\"&'\")</script>", longsite);
    ldrt_event *s;
    tu_assert_ok(ldrt_patient_set_id(p, "]]> <!-- \x01 \xef\xbf\xbe & --> <svg onload=x>"));
    tu_assert_ok(ldrt_patient_add_event(p, LDRT_EVENT_SURGERY, D("2024-02"), &s));
    tu_assert_ok(ldrt_event_set_text(s, LDRT_FIELD_PROCEDURE, "a <b>bold</b> \"cut\" & \x7f run"));
    tu_assert_ok(ldrt_patient_add_event(p, LDRT_EVENT_SYSTEMIC, D("2024-01-01"), &s));
    tu_assert_ok(ldrt_systemic_add_agent(ldrt_event_as_systemic_mut(s), "drug\" onmouseover=\"x", 1, "mg<"));
    for (int kind = LDRT_PLOT_SWIMMER; kind <= LDRT_PLOT_DOSE; kind++) {
        char *svg = render(p, kind);
        assert_python_parses(svg);
        ck_assert_ptr_null(strstr(svg, "<b>"));
        ck_assert_ptr_null(strstr(svg, "<svg onload"));
        ck_assert_ptr_null(strstr(svg, "\" onmouseover"));
        ck_assert_ptr_null(strstr(svg, "\xef\xbf\xbe"));
        ck_assert_ptr_null(strstr(svg, "\x01"));
        if (kind == LDRT_PLOT_SWIMMER)
            ck_assert_ptr_nonnull(strstr(svg, "a &lt;b&gt;bold&lt;/b&gt; &quot;cut&quot; &amp;   run"));
        else
            ck_assert_ptr_nonnull(strstr(svg, "&lt;script&gt;alert(&quot;&amp;&apos;&quot;)"));
        /* The long site is shortened with an ellipsis (U+2026). */
        ck_assert_ptr_null(strstr(svg, longsite));
        ldrt_free(svg);
    }
    ldrt_patient_free(p);
}
END_TEST

START_TEST(empty_records_give_valid_plots)
{
    ldrt_patient *p;
    tu_assert_ok(ldrt_patient_new("empty", &p));
    for (int kind = LDRT_PLOT_SWIMMER; kind <= LDRT_PLOT_DOSE; kind++) {
        char *svg = render(p, kind);
        ck_assert_ptr_nonnull(strstr(svg, "Nothing to plot"));
        ldrt_free(svg);
    }
    /* A lesion with a 0 mm baseline has no percent change. */
    ldrt_event *s;
    tu_assert_ok(ldrt_patient_add_lesion(p, "Z", NULL));
    tu_assert_ok(ldrt_patient_add_event(p, LDRT_EVENT_IMAGING, D("2024-01-01"), &s));
    tu_assert_ok(ldrt_scan_add_measurement(ldrt_event_as_scan_mut(s), "Z", 0, 0));
    char *svg = render(p, LDRT_PLOT_SPIDER);
    ck_assert_ptr_nonnull(strstr(svg, "Nothing to plot"));
    ldrt_free(svg);
    ldrt_patient_free(p);
}
END_TEST

START_TEST(partial_dates_are_marked)
{
    /* A course prescribed from a month-only date: no day is invented; the
     * fractions are drawn hollow at the earliest day they can fall on. */
    ldrt_patient *p;
    ldrt_event *c;
    tu_assert_ok(ldrt_patient_new("partial", &p));
    tu_assert_ok(ldrt_patient_add_lesion(p, "L", NULL));
    tu_assert_ok(ldrt_patient_add_event(p, LDRT_EVENT_RADIOTHERAPY, D("2022-05"), &c));
    tu_assert_ok(ldrt_course_add_target(ldrt_event_as_course_mut(c), "L"));
    tu_assert_ok(ldrt_course_set_prescription(ldrt_event_as_course_mut(c), 40, 5, LDRT_SCHEDULE_ALTERNATE_DAYS));
    char *svg = render(p, LDRT_PLOT_DOSE);
    ck_assert_uint_eq(count(svg, "fill=\"#ffffff\" stroke=\"#0072B2\""), 5);
    ck_assert_ptr_nonnull(strstr(svg, "hollow: fraction day not recorded"));
    ldrt_free(svg);
    svg = render(p, LDRT_PLOT_SWIMMER);
    ck_assert_ptr_nonnull(strstr(svg, "<rect class=\"course partial\""));
    ck_assert_ptr_nonnull(strstr(svg, "hollow marker"));
    ldrt_free(svg);
    ldrt_patient_free(p);
}
END_TEST

START_TEST(swimmer_survives_a_record_that_cannot_be_assessed)
{
    /* A target lesion measured after baseline but not on it (found by
     * fuzzing): RECIST 1.1 selects targets among the lesions measured at
     * baseline, so the assessment leaves A out with a warning naming it and
     * assesses B; the swimmer still renders. */
    ldrt_patient *p;
    ldrt_event *s1, *s2;
    tu_assert_ok(ldrt_patient_new("nobase", &p));
    ldrt_lesion *l;
    tu_assert_ok(ldrt_patient_add_lesion(p, "A", &l));
    tu_assert_ok(ldrt_lesion_set_category(l, LDRT_ROLE_TARGET));
    tu_assert_ok(ldrt_patient_add_lesion(p, "B", NULL));
    tu_assert_ok(ldrt_patient_add_event(p, LDRT_EVENT_IMAGING, D("2024-01-01"), &s1));
    tu_assert_ok(ldrt_scan_set_baseline(ldrt_event_as_scan_mut(s1), 1));
    tu_assert_ok(ldrt_scan_add_measurement(ldrt_event_as_scan_mut(s1), "B", 20, 0));
    tu_assert_ok(ldrt_patient_add_event(p, LDRT_EVENT_IMAGING, D("2024-03-01"), &s2));
    tu_assert_ok(ldrt_scan_add_measurement(ldrt_event_as_scan_mut(s2), "A", 12, 0));
    tu_assert_ok(ldrt_scan_set_recorded_response(ldrt_event_as_scan_mut(s2), "recist1.1", "SD"));
    ldrt_assessment *a = NULL;
    tu_assert_ok(ldrt_patient_assess(p, LDRT_CRITERIA_RECIST11, NULL, &a));
    ck_assert_uint_eq(ldrt_assessment_warning_count(a), 1);
    ck_assert_str_eq(ldrt_assessment_warning(a, 0),
                     "lesions[A]: target lesion not measured on the baseline scan 2024-01-01; left "
                     "out of the assessment (RECIST 1.1 targets are the lesions measured at "
                     "baseline)");
    ldrt_assessment_free(a);
    char *svg = render(p, LDRT_PLOT_SWIMMER);
    ck_assert_ptr_nonnull(strstr(svg, "</svg>"));
    ldrt_free(svg);
    ldrt_patient_free(p);
}
END_TEST

/* ---- saving ------------------------------------------------------------------------- */

static char tmpdir[64];

static void make_tmpdir(void)
{
    strcpy(tmpdir, "/tmp/ldrt-plot-dir-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static size_t dir_entries(const char *dir)
{
    DIR *d = opendir(dir);
    ck_assert_ptr_nonnull(d);
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            n++;
    closedir(d);
    return n;
}


START_TEST(save_is_atomic_and_private)
{
    ldrt_patient *p = two_lesions("A", "liver");
    make_tmpdir();
    char path[128];
    snprintf(path, sizeof path, "%s/spider.svg", tmpdir);
    tu_assert_ok(ldrt_plot_save_svg(p, LDRT_PLOT_SPIDER, path));
    char *svg;
    tu_assert_ok(ldrt_plot_svg(p, LDRT_PLOT_SPIDER, &svg, NULL));
    char *file = tu_slurp(path, NULL);
    ck_assert_str_eq(file, svg);
    free(file);
    ldrt_free(svg);
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0600);
    /* An existing file keeps its mode and is replaced whole. */
    ck_assert_int_eq(chmod(path, 0644), 0);
    tu_assert_ok(ldrt_plot_save_svg(p, LDRT_PLOT_DOSE, path));
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0644);
    file = tu_slurp(path, NULL);
    ck_assert_ptr_nonnull(strstr(file, "Cumulative radiotherapy dose"));
    free(file);
    ck_assert_uint_eq(dir_entries(tmpdir), 1);
    /* A directory that does not exist: EIO naming the file, nothing left. */
    char bad[160];
    snprintf(bad, sizeof bad, "%s/missing/plot.svg", tmpdir);
    tu_assert_error(ldrt_plot_save_svg(p, LDRT_PLOT_SWIMMER, bad), LDRT_EIO, bad);
    ck_assert_uint_eq(dir_entries(tmpdir), 1);
    unlink(path);
    rmdir(tmpdir);
    ldrt_patient_free(p);
}
END_TEST

/* ---- allocation failures ----------------------------------------------------------- */

struct render_arg {
    const ldrt_patient *p;
    int kind;
    char *svg;
};

static int render_once(void *a)
{
    struct render_arg *r = a;
    return ldrt_plot_svg(r->p, r->kind, &r->svg, NULL);
}

static void render_cleanup(void *a)
{
    struct render_arg *r = a;
    ldrt_free(r->svg);
    r->svg = NULL;
}

START_TEST(allocation_failures_are_clean)
{
    ldrt_patient *p = seed_case();
    tu_alloc_install();
    for (int kind = LDRT_PLOT_SWIMMER; kind <= LDRT_PLOT_DOSE; kind++) {
        struct render_arg r = { p, kind, NULL };
        long n = tu_alloc_fail_each(render_once, render_cleanup, &r);
        ck_assert_int_gt(n, 0);
    }
    tu_alloc_uninstall();
    ldrt_patient_free(p);
}
END_TEST

struct save_arg {
    const ldrt_patient *p;
    const char *path;
};

static int save_once(void *a)
{
    struct save_arg *s = a;
    return ldrt_plot_save_svg(s->p, LDRT_PLOT_SPIDER, s->path);
}

START_TEST(save_allocation_failures_leave_no_file)
{
    ldrt_patient *p = two_lesions("A", "liver");
    make_tmpdir();
    char path[128];
    snprintf(path, sizeof path, "%s/s.svg", tmpdir);
    struct save_arg s = { p, path };
    tu_alloc_install();
    tu_alloc_fail_at(0);
    tu_assert_error(save_once(&s), LDRT_ENOMEM, "plot");
    tu_alloc_fail_at(-1);
    ck_assert_uint_eq(dir_entries(tmpdir), 0);
    (void)tu_alloc_fail_each(save_once, NULL, &s);
    tu_alloc_uninstall();
    ck_assert_uint_eq(dir_entries(tmpdir), 1);
    unlink(path);
    rmdir(tmpdir);
    ldrt_patient_free(p);
}
END_TEST

static Suite *plot_suite(void)
{
    Suite *s = suite_create("plot");
    TCase *tc = tcase_create("plot");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, xml_checker_rejects_malformed_documents, 0,
                        (int)(sizeof xml_rows / sizeof xml_rows[0]));
    tcase_add_test(tc, kind_names_round_trip);
    tcase_add_test(tc, bad_arguments_change_nothing);
    tcase_add_test(tc, seed_swimmer_tells_the_history);
    tcase_add_test(tc, seed_spider_shows_the_mesenteric_nodule);
    tcase_add_test(tc, seed_dose_chart_sums_fractions);
    tcase_add_test(tc, spider_distinguishes_in_and_out_of_field);
    tcase_add_test(tc, hostile_text_is_escaped);
    tcase_add_test(tc, empty_records_give_valid_plots);
    tcase_add_test(tc, partial_dates_are_marked);
    tcase_add_test(tc, swimmer_survives_a_record_that_cannot_be_assessed);
    tcase_add_test(tc, save_is_atomic_and_private);
    tcase_add_test(tc, allocation_failures_are_clean);
    tcase_add_test(tc, save_allocation_failures_leave_no_file);
    suite_add_tcase(s, tc);
    return s;
}

TU_MAIN(plot_suite)
