/*
 * libldrt: the clinical record of immunotherapy plus (low-dose) radiotherapy.
 * SPDX-License-Identifier: MIT
 */
/**
 * @file ldrt/render.h
 * @brief Presentation: the timeline, assessment tables, the patient report and the SVG plots.
 */
#ifndef LDRT_RENDER_H
#define LDRT_RENDER_H

#include <stddef.h>

#include "ldrt/common.h"
#include "ldrt/patient.h"
#include "ldrt/response.h"

/**
 * @defgroup render Render: timeline, assessment tables, report, plots
 * @brief How a record looks: text, Markdown, JSON and SVG, written by the library.
 *
 * Every renderer builds its whole output in memory and hands it to the
 * caller (free it with ldrt_free()); on failure nothing is returned. The
 * `ldrt` command prints exactly these texts, so a program gets what
 * `ldrt report`, `ldrt timeline` and `ldrt assess` print.
 *
 * **Formats.** Text is for a terminal: aligned tables, wrapped paragraphs.
 * Markdown is GitHub-flavoured (headings, pipe tables). JSON is written by a
 * JSON library, never by hand, so that it always parses: a value that does
 * not apply or cannot be computed (a percent change from a 0 mm baseline) is
 * `null`, never `nan`, and a number is always a JSON number.
 *
 * **Text from the record** (ids, notes, names) is printed as it is, except
 * that in text and Markdown every control character (C0 but the newline of
 * a paragraph, DEL and C1: the terminal's escape sequences) and every byte
 * that is not valid UTF-8 is written as `\\xHH`, so that a record cannot
 * move the cursor, change colours or retitle the terminal. In a Markdown
 * table cell `|` is written `\\|` and a newline a space. JSON strings
 * carry the text exactly (JSON escapes control characters itself).
 *
 * **Numbers** are printed with bounded, checked formatting; a record cannot
 * hold a value above the limits of ldrt/limits.h (a fraction dose above
 * #LDRT_MAX_DOSE_GY, such as 1e30 Gy, is refused where it enters, naming the
 * field), and a value that is not finite is written as no value (`-` in
 * text, `null` in JSON).
 * @{
 */

#ifdef __cplusplus
extern "C" {
#endif

/** Output formats of the renderers. Values are stable. */
typedef enum ldrt_format {
    LDRT_FORMAT_TEXT = 1,     /**< Plain text for a terminal (`"text"`). */
    LDRT_FORMAT_MARKDOWN = 2, /**< GitHub-flavoured Markdown (`"markdown"`). */
    LDRT_FORMAT_JSON = 3      /**< JSON (`"json"`), written by the JSON library. */
} ldrt_format;

/** The older name of ::ldrt_format (same values). */
typedef ldrt_format ldrt_timeline_format;
/** The older name of #LDRT_FORMAT_TEXT. */
#define LDRT_TIMELINE_TEXT LDRT_FORMAT_TEXT
/** The older name of #LDRT_FORMAT_MARKDOWN. */
#define LDRT_TIMELINE_MARKDOWN LDRT_FORMAT_MARKDOWN
/** The older name of #LDRT_FORMAT_JSON. */
#define LDRT_TIMELINE_JSON LDRT_FORMAT_JSON

/**
 * The name of a format.
 * @param format  an ::ldrt_format.
 * @return `"text"`, `"markdown"` or `"json"` (static), or NULL for an unknown value.
 */
LDRT_API const char *ldrt_format_name(ldrt_format format);

/**
 * Parses a format name.
 * @param name    `"text"`, `"markdown"` or `"json"`; not NULL.
 * @param format  receives the ::ldrt_format; not NULL. Unchanged on failure.
 * @return #LDRT_OK, #LDRT_EINVAL (NULL argument) or #LDRT_ENOTFOUND (another name).
 */
LDRT_API int ldrt_format_parse(const char *name, ldrt_format *format);

/**
 * Escapes text from a record for a format, as the renderers do: for
 * #LDRT_FORMAT_TEXT every control character (C0 but the newline, DEL, C1)
 * and every byte that is not valid UTF-8 becomes `\\xHH`; for
 * #LDRT_FORMAT_MARKDOWN also `|` becomes `\\|` and a newline a space (a
 * table cell); for #LDRT_FORMAT_JSON the text is a JSON string literal,
 * quotes included. For a program that prints record text itself.
 * @param text    the text; not NULL.
 * @param format  an ::ldrt_format.
 * @param out     receives the escaped text, NUL-terminated, owned by the
 *                caller (ldrt_free()); not NULL. Written only on success.
 * @return #LDRT_OK, #LDRT_EINVAL (NULL argument or unknown format) or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_text_escape(const char *text, ldrt_format format, char **out);

/** @name The patient report
 * @{ */

/** Sections of the patient report (ldrt_patient_report()), as bits; they
 *  are written in this order. Values are stable. */
typedef enum ldrt_report_section {
    LDRT_REPORT_SUMMARY = 1u << 0,         /**< A few sentences that tell the story (`"summary"`). */
    LDRT_REPORT_PATIENT = 1u << 1,         /**< The patient and the diagnoses (`"patient"`). */
    LDRT_REPORT_TIMELINE = 1u << 2,        /**< The events, as ldrt_timeline_render() (`"timeline"`). */
    LDRT_REPORT_RADIOTHERAPY = 1u << 3,    /**< Each course: dose, BED, EQD2, regimen and its rules (`"radiotherapy"`). */
    LDRT_REPORT_IMMUNOTHERAPY = 1u << 4,   /**< Exposure per drug, with its holds (`"immunotherapy"`). */
    LDRT_REPORT_TIMING = 1u << 5,          /**< Each drug against each course (`"timing"`). */
    LDRT_REPORT_RESPONSE = 1u << 6,        /**< RECIST 1.1, iRECIST and PERCIST 1.0, as ldrt_assessment_render() (`"response"`). */
    LDRT_REPORT_COURSE_RESPONSE = 1u << 7, /**< Each lesion before and after each course, in field and abscopal (`"course_response"`). */
    LDRT_REPORT_RESISTANCE = 1u << 8,      /**< SITC resistance per line of therapy (`"resistance"`). */
    LDRT_REPORT_TOXICITY = 1u << 9         /**< Toxicities (`"toxicity"`). */
} ldrt_report_section;

/** Every section of the report (what `ldrt report` prints). */
#define LDRT_REPORT_ALL 0x3FFu

/**
 * The whole story of a patient, as `ldrt report` prints it: a title, then
 * the chosen sections in the order of ::ldrt_report_section.
 *
 * In text and Markdown each section is a heading followed by tables and
 * paragraphs; a table with no row says "None recorded". The JSON form is one
 * object: `"title"`, then one member per section, named as in
 * ::ldrt_report_section, each an object whose tables are arrays of row
 * objects with stable keys (a cell that does not apply is `null`; numbers
 * are numbers). `"timeline"` is the object of ldrt_timeline_render(), and
 * `"response"` holds each criteria's object of ldrt_assessment_render()
 * under its name (`"recist1.1"`, `"irecist"`, `"percist1.0"`).
 *
 * Parts of the record that cannot be assessed (no baseline scan, a course
 * without fractions) are reported as such, with the reason, in their row;
 * they do not make the call fail.
 * @param patient   a patient; not NULL.
 * @param format    an ::ldrt_format.
 * @param sections  the sections to write: #LDRT_REPORT_ALL or an OR of
 *                  ::ldrt_report_section bits (not 0).
 * @param out       receives the report, NUL-terminated, owned by the caller
 *                  (ldrt_free()); not NULL. Written only on success.
 * @param size      receives its length in bytes without the NUL; may be NULL.
 * @return #LDRT_OK; #LDRT_EINVAL (NULL argument, unknown format, no or an
 *         unknown section bit); #LDRT_ENOMEM.
 */
LDRT_API int ldrt_patient_report(const ldrt_patient *patient, ldrt_format format,
                                 unsigned sections, char **out, size_t *size);

/** @} */

/** @name Timeline and assessment tables
 * @{ */

/**
 * Parses a format name (the older name of ldrt_format_parse(), kept: same
 * behaviour).
 * @param name    `"text"`, `"markdown"` or `"json"`; not NULL.
 * @param format  receives the ::ldrt_format; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOTFOUND.
 */
LDRT_API int ldrt_timeline_format_parse(const char *name, ldrt_format *format);

/**
 * Renders a patient's timeline: one row per recorded event in time order
 * (a series is one row), with its date and a one-line summary of its fields
 * (agents and doses, courses with dose, fractions and targets, measurements,
 * grades, holds, notes). Time order is by the first day of each event's
 * placed span (ldrt_event_placed_span()): a toxicity that names the event it
 * occurred during (`during`) comes after that event's start, not at the first
 * day of its month, and after the other events of its first day; its summary
 * says `during: ID, placed FIRST to LAST`. The date shown is the recorded one.
 *
 * The JSON form is an object `{"patient": ID, "events": [ROW...]}` whose rows
 * have the stable keys `"date"`, `"type"`, `"summary"` and, when present,
 * `"id"`, `"end"`, `"during"` and `"note"`.
 * @param patient  a patient; not NULL.
 * @param format   an ::ldrt_format.
 * @param out      receives the text, NUL-terminated, owned by the caller (ldrt_free()); not NULL.
 * @param size     receives its length; may be NULL.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_timeline_render(const ldrt_patient *patient, ldrt_format format, char **out,
                                  size_t *size);


/**
 * Renders a response assessment (response.h).
 *
 * The JSON form is the object of the patient document format ("The `ldrt
 * assess` JSON output"), with the stable keys `"criteria"`, `"settings"`
 * (`"confirm_days"`, `"sd_min_days"`, `"reference_date"`), `"timepoints"`
 * (each with `"date"`, `"target_sum_mm"`, `"change_from_baseline_pct"`,
 * `"change_from_nadir_pct"`, `"target"`, `"non_target"`, `"new_lesions"`,
 * `"overall"`, `"reason"`; PERCIST gives `"sul_peak"` instead of the sum and
 * no nadir, target or non-target), `"best_overall_response"` and
 * `"confirmed_best_overall_response"`, plus `"baseline"`, the two best
 * responses' reasons, `"endpoints"` and `"warnings"`. The baseline scan is
 * not a time point; percentages and millimetres are rounded to one decimal,
 * SUL to two; a value that does not apply is `null`. The text and Markdown
 * forms are tables of the same content.
 * @param assessment  an assessment; not NULL.
 * @param format      an ::ldrt_format (text, Markdown or JSON).
 * @param out         receives the text, NUL-terminated, owned by the caller (ldrt_free()); not NULL.
 * @param size        receives its length; may be NULL.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_assessment_render(const ldrt_assessment *assessment, ldrt_format format, char **out,
                                    size_t *size);

/**
 * Assesses a patient by the criteria (ldrt_patient_assess()) and renders
 * the result as ldrt_assessment_render() does; a patient without data for
 * the criteria (no baseline scan with data for them and no recorded
 * response, #LDRT_ENOTFOUND from ldrt_patient_assess()) is not an error
 * but the answer "not assessable", with the reason, as the patient report
 * gives it: in text `Response by percist1.0: not assessable: patient: no
 * baseline scan with SULpeak data and no recorded percist1.0 response`; in
 * JSON an object with `"criteria"`, `"assessable": false`, `"reason"`, an
 * empty `"timepoints"` and null best responses (an assessable patient's
 * object has `"assessable": true`). `ldrt assess` prints this.
 * @param patient   a patient; not NULL.
 * @param criteria  an ::ldrt_criteria value.
 * @param options   settings, or NULL for the defaults.
 * @param format    an ::ldrt_format (text, Markdown or JSON).
 * @param out       receives the text, NUL-terminated, owned by the caller (ldrt_free()); not NULL.
 * @param size      receives its length; may be NULL.
 * @return #LDRT_OK (also for "not assessable"), #LDRT_EINVAL or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_patient_assessment_render(const ldrt_patient *patient, ldrt_criteria criteria,
                                            const ldrt_response_options *options,
                                            ldrt_format format, char **out, size_t *size);

/** @} */

/**
 * @defgroup plot Plots: swimmer, spider and cumulative dose (SVG)
 * @ingroup render
 * @brief Pictures of a patient's record, written by the library as
 *        self-contained SVG.
 *
 * Every plot is one SVG 1.1 document: no script, no external reference (no
 * font, image or style sheet to fetch), valid XML in UTF-8, with a `<title>`
 * and a `<desc>` for screen readers. Text from the record is escaped;
 * invalid UTF-8 and control characters are replaced and long labels are
 * shortened. The guide "Plots" shows the seed case's plots.
 *
 * - **Swimmer** (#LDRT_PLOT_SWIMMER): the treatment history on one time
 *   axis. One row per drug with a tick per administration (series
 *   expanded) and its holidays as shaded bands (from the hold to the next
 *   administration of the drug, or to its `end`); one row of radiotherapy
 *   courses, each a bar from its first to its last fraction labelled with
 *   its course id, total dose, number of fractions, EQD2 (alpha/beta of
 *   the `tumour` preset, 10 Gy) and regimen class (ldrt_course_classify());
 *   surgeries; scans, coloured and labelled by
 *   their RECIST 1.1 response (ldrt_patient_assess()) when the record has a
 *   baseline, else by the response recorded on them; toxicities with their
 *   grade; and the diagnosis, recurrence and progression events.
 * - **Spider** (#LDRT_PLOT_SPIDER): each measured lesion's percent change
 *   in diameter from its baseline over time, with the RECIST 1.1 partial
 *   response (-30%) and progression (+20%) thresholds drawn as reference
 *   lines (Eisenhauer et al., Eur J Cancer 2009;45:228-247). A lesion's
 *   baseline is its measurement on the last scan marked `baseline` that
 *   measured it, else its first measurement; lesions whose baseline is 0 mm
 *   have no percent change and are listed in a note. Lesions a
 *   radiotherapy course targets (in field) are drawn solid, the others (out
 *   of field, where an abscopal response would show) dashed; the courses
 *   are shaded bands, and the RECIST 1.1 overall response of each scan
 *   (ldrt_patient_assess()) is written along the bottom when the record
 *   can be assessed.
 * - **Cumulative dose** (#LDRT_PLOT_DOSE): the physical dose (solid) and
 *   the EQD2 (dashed) each irradiated lesion has received over time, a step
 *   per fraction, one line per lesion a course targets (a course without
 *   targets is drawn under its course id).
 *
 * **Partial dates** are never given a day: an item dated only to the month
 * or year is drawn at the earliest day it can fall on (ldrt_event_span(),
 * ldrt_fraction_span()), with a hollow marker, and a note under the plot
 * says so. A record with nothing to draw gives a valid plot that says so.
 *
 * @code
 * char *svg;
 * if (ldrt_plot_svg(patient, LDRT_PLOT_SWIMMER, &svg, NULL) == LDRT_OK) {
 *     fputs(svg, stdout);
 *     ldrt_free(svg);
 * }
 * // or straight to a file, atomically:
 * ldrt_plot_save_svg(patient, LDRT_PLOT_SPIDER, "spider.svg");
 * @endcode
 * @{
 */

/** The kinds of plot. Values are stable. */
typedef enum ldrt_plot_kind {
    LDRT_PLOT_SWIMMER = 1, /**< `"swimmer"`: the treatment history on one time axis. */
    LDRT_PLOT_SPIDER = 2,  /**< `"spider"`: percent change of each lesion from baseline. */
    LDRT_PLOT_DOSE = 3     /**< `"dose"`: cumulative physical dose per irradiated lesion. */
} ldrt_plot_kind;

/**
 * The name of a plot kind.
 * @param kind an ::ldrt_plot_kind.
 * @return `"swimmer"`, `"spider"` or `"dose"` (static), or NULL for an unknown value.
 */
LDRT_API const char *ldrt_plot_kind_name(ldrt_plot_kind kind);

/**
 * Parses a plot kind name.
 * @param name  `"swimmer"`, `"spider"` or `"dose"`; not NULL.
 * @param kind  receives the ::ldrt_plot_kind; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL (NULL) or #LDRT_ENOTFOUND (unknown name).
 */
LDRT_API int ldrt_plot_kind_parse(const char *name, ldrt_plot_kind *kind);

/**
 * Renders a plot of a patient's record as an SVG document.
 * @param patient  a patient; not NULL.
 * @param kind     an ::ldrt_plot_kind.
 * @param out      receives the SVG text, NUL-terminated, owned by the caller
 *                 (free with ldrt_free()); not NULL. Written only on success.
 * @param size     receives its length in bytes without the NUL; may be NULL.
 * @return #LDRT_OK, #LDRT_EINVAL (NULL argument or unknown kind) or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_plot_svg(const ldrt_patient *patient, ldrt_plot_kind kind, char **out, size_t *size);

/**
 * Renders a plot and writes it to a file atomically: the SVG is written to
 * a temporary file in the same directory, synced, then renamed over
 * @p path; on failure the temporary file is removed and a previous file is
 * left as it was. A new file is readable and writable by its owner only (a
 * plot shows a patient's record); an existing file keeps its permissions.
 * @param patient  a patient; not NULL.
 * @param kind     an ::ldrt_plot_kind.
 * @param path     the file to write; not NULL, not empty.
 * @return #LDRT_OK, #LDRT_EINVAL, #LDRT_EIO (the message names the file and
 *         the system error) or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_plot_save_svg(const ldrt_patient *patient, ldrt_plot_kind kind, const char *path);

/** @} */

#ifdef __cplusplus
}
#endif

/** @} */
#endif /* LDRT_RENDER_H */
