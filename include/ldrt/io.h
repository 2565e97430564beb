/*
 * libldrt: the clinical record of immunotherapy plus (low-dose) radiotherapy.
 * SPDX-License-Identifier: MIT
 */
/**
 * @file ldrt/io.h
 * @brief The patient document (JSON) in and out, validation, the timeline renderer and the plots.
 */
#ifndef LDRT_IO_H
#define LDRT_IO_H

#include <stddef.h>

#include "ldrt/common.h"
#include "ldrt/patient.h"
#include "ldrt/response.h"

/**
 * @defgroup io Documents: JSON in and out, timeline
 * @brief The canonical patient document (format version 1) and its renderers.
 *
 * The document format is described in the guide "The patient document".
 * Loading builds a whole patient or nothing: on any error no patient is
 * returned, and the message names the JSON path of the first problem
 * (`events[4].fractions[2].dose_gy: must be > 0 and finite (got 0)`).
 *
 * **Round trip.** Members the library does not know are kept (in their
 * order) and written back after the known ones. Series and prescriptions are
 * written in the compact form they were given (`repeat`, `prescription`),
 * never expanded. Saving a loaded document, loading that and saving again
 * gives the same bytes. Numbers of known fields with an integral value are
 * written as integers (`200`, `22`), others with the fewest digits that read
 * back to the same double (`2.2`).
 *
 * **Limits** against hostile documents (each refused with #LDRT_ERANGE and
 * a message naming the path): #LDRT_JSON_MAX_BYTES, #LDRT_JSON_MAX_DEPTH,
 * #LDRT_JSON_MAX_STRING, and the record limits (#LDRT_MAX_EVENTS,
 * #LDRT_MAX_ITEMS, #LDRT_MAX_FRACTIONS, #LDRT_MAX_REPEAT_COUNT,
 * #LDRT_MAX_GENERATED), all in ldrt/limits.h. Duplicate keys in an object
 * and NUL characters in strings are refused. The same limits hold when a
 * record is built through the API and when it is saved, so whatever is
 * saved can be loaded again.
 *
 * **Memory.** The documents are parsed with jansson. jansson's own
 * allocations use jansson's allocator (json_set_alloc_funcs(), which this
 * library never calls: it is process-wide and belongs to the program);
 * every allocation of libldrt itself goes through the hooks of
 * ldrt_set_allocator(). What jansson read is checked against the text, so
 * an allocation failure inside jansson that it does not report (its lexer
 * drops a character) is #LDRT_ENOMEM, never a record with changed text.
 *
 * **Saving** to a file is atomic: the document is written to a temporary file
 * in the same directory, flushed and synced, then renamed over the target;
 * on any failure the temporary file is removed and the previous file is left
 * as it was. A new file is created readable and writable by its owner only
 * (a patient record is confidential); an existing file keeps its permissions.
 * @{
 */

#ifdef __cplusplus
extern "C" {
#endif

/** The document format version this library reads and writes (`"ldrt": 1`). */
#define LDRT_FORMAT_VERSION 1
/* The document limits (LDRT_JSON_MAX_BYTES, LDRT_JSON_MAX_STRING, ...) are in ldrt/limits.h. */

/** Output formats of ldrt_timeline_render(). */
typedef enum ldrt_timeline_format {
    LDRT_TIMELINE_TEXT = 1,      /**< A plain-text table (`"text"`). */
    LDRT_TIMELINE_MARKDOWN = 2,  /**< A Markdown table (`"markdown"`). */
    LDRT_TIMELINE_JSON = 3       /**< A JSON array of rows (`"json"`). */
} ldrt_timeline_format;

/**
 * Loads a patient document from a file.
 * @param path  file name; not NULL, not empty.
 * @param out   receives the new patient, owned by the caller (ldrt_patient_free()); not NULL.
 * @return #LDRT_OK; #LDRT_EINVAL (NULL argument, or a document that breaks a
 *         rule: the message names its path); #LDRT_EIO (cannot read);
 *         #LDRT_EPARSE (not JSON); #LDRT_ERANGE (a limit);
 *         #LDRT_EUNSUPPORTED (another `"ldrt"` version); #LDRT_ENOMEM.
 */
LDRT_API int ldrt_patient_load_json(const char *path, ldrt_patient **out);

/**
 * Loads a patient document from memory.
 * @param data  the document (UTF-8 JSON, need not be NUL-terminated); not NULL.
 * @param size  its length in bytes.
 * @param out   receives the new patient, owned by the caller; not NULL.
 * @return as ldrt_patient_load_json(), without #LDRT_EIO.
 */
LDRT_API int ldrt_patient_load_json_buffer(const char *data, size_t size, ldrt_patient **out);

/**
 * Saves a patient document to a file, atomically (see the group notes).
 * @param patient  a patient; not NULL.
 * @param path     file name; not NULL, not empty.
 * @return #LDRT_OK, #LDRT_EINVAL, #LDRT_ERANGE (the document would be longer
 *         than #LDRT_JSON_MAX_BYTES; nothing is written), #LDRT_EIO (the
 *         message names the file and the system error; the previous file is
 *         intact) or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_patient_save_json(const ldrt_patient *patient, const char *path);

/**
 * Saves a patient document to memory.
 * @param patient  a patient; not NULL.
 * @param out      receives the document, NUL-terminated, owned by the caller
 *                 (free with ldrt_free()); not NULL.
 * @param size     receives its length without the NUL; may be NULL.
 * @return #LDRT_OK, #LDRT_EINVAL, #LDRT_ERANGE (the document would be longer
 *         than #LDRT_JSON_MAX_BYTES, which the loader refuses) or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_patient_save_json_buffer(const ldrt_patient *patient, char **out,
                                           size_t *size);

/**
 * Checks a document in memory and lists every problem found, each with its
 * JSON path (after a problem in one diagnosis, lesion or event the check goes
 * on with the next one).
 * @param data      the document; not NULL.
 * @param size      its length in bytes.
 * @param report    receives the problems, one per line (each line ends with
 *                  a newline; "" when valid), owned by the caller (ldrt_free());
 *                  not NULL. After #LDRT_JSON_MAX_PROBLEMS lines, one last line
 *                  says how many more problems were found.
 * @param problems  receives the number of problems (0: valid); not NULL.
 * @return #LDRT_OK when the check ran (whatever it found), #LDRT_EINVAL
 *         (NULL argument) or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_json_validate_buffer(const char *data, size_t size, char **report,
                                       size_t *problems);

/**
 * Checks a document file, as ldrt_json_validate_buffer().
 * @param path      file name; not NULL, not empty.
 * @param report    receives the problems (owned by the caller); not NULL.
 * @param problems  receives their number; not NULL.
 * @return #LDRT_OK when the check ran, #LDRT_EINVAL, #LDRT_EIO (cannot read
 *         the file) or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_json_validate_file(const char *path, char **report, size_t *problems);

/**
 * Parses a timeline format name.
 * @param name    `"text"`, `"markdown"` or `"json"`; not NULL.
 * @param format  receives the ::ldrt_timeline_format; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOTFOUND.
 */
LDRT_API int ldrt_timeline_format_parse(const char *name, int *format);

/**
 * Renders a patient's timeline: one row per recorded event in time order
 * (a series is one row), with its date and a one-line summary of its fields
 * (agents and doses, courses with dose, fractions and targets, measurements,
 * grades, holds, notes).
 *
 * The JSON form is an object `{"patient": ID, "events": [ROW...]}` whose rows
 * have the stable keys `"date"`, `"type"`, `"summary"` and, when present,
 * `"id"`, `"end"` and `"note"`.
 * @param patient  a patient; not NULL.
 * @param format   an ::ldrt_timeline_format.
 * @param out      receives the text, NUL-terminated, owned by the caller (ldrt_free()); not NULL.
 * @param size     receives its length; may be NULL.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_timeline_render(const ldrt_patient *patient, int format, char **out,
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
 * @param format      an ::ldrt_timeline_format (text, Markdown or JSON).
 * @param out         receives the text, NUL-terminated, owned by the caller (ldrt_free()); not NULL.
 * @param size        receives its length; may be NULL.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_assessment_render(const ldrt_assessment *assessment, int format, char **out,
                                    size_t *size);

/**
 * @defgroup plot Plots: swimmer, spider and cumulative dose (SVG)
 * @ingroup io
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
LDRT_API const char *ldrt_plot_kind_name(int kind);

/**
 * Parses a plot kind name.
 * @param name  `"swimmer"`, `"spider"` or `"dose"`; not NULL.
 * @param kind  receives the ::ldrt_plot_kind; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL (NULL) or #LDRT_ENOTFOUND (unknown name).
 */
LDRT_API int ldrt_plot_kind_parse(const char *name, int *kind);

/**
 * Renders a plot of a patient's record as an SVG document.
 * @param patient  a patient; not NULL.
 * @param kind     an ::ldrt_plot_kind.
 * @param out      receives the SVG text, NUL-terminated, owned by the caller
 *                 (free with ldrt_free()); not NULL. Written only on success.
 * @param size     receives its length in bytes without the NUL; may be NULL.
 * @return #LDRT_OK, #LDRT_EINVAL (NULL argument or unknown kind) or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_plot_svg(const ldrt_patient *patient, int kind, char **out, size_t *size);

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
LDRT_API int ldrt_plot_save_svg(const ldrt_patient *patient, int kind, const char *path);

/** @} */

#ifdef __cplusplus
}
#endif

/** @} */
#endif /* LDRT_IO_H */
