/*
 * libldrt: the clinical record of immunotherapy plus (low-dose) radiotherapy.
 * SPDX-License-Identifier: MIT
 */
/**
 * @file ldrt/io.h
 * @brief The patient document (JSON) in and out, validation, renderers and plots.
 */
#ifndef LDRT_IO_H
#define LDRT_IO_H

#include <stddef.h>

#include "ldrt/common.h"
#include "ldrt/patient.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup plot Plots: swimmer, spider and cumulative dose (SVG)
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
 *   its course id, total dose and number of fractions; surgeries; scans,
 *   coloured and labelled by their recorded response; toxicities with
 *   their grade; and the diagnosis, recurrence and progression events.
 * - **Spider** (#LDRT_PLOT_SPIDER): each measured lesion's percent change
 *   in diameter from its baseline over time, with the RECIST 1.1 partial
 *   response (-30%) and progression (+20%) thresholds drawn as reference
 *   lines (Eisenhauer et al., Eur J Cancer 2009;45:228-247). A lesion's
 *   baseline is its measurement on the last scan marked `baseline` that
 *   measured it, else its first measurement; lesions whose baseline is 0 mm
 *   have no percent change and are listed in a note. Lesions a
 *   radiotherapy course targets (in field) are drawn solid, the others (out
 *   of field, where an abscopal response would show) dashed; the courses
 *   are shaded bands.
 * - **Cumulative dose** (#LDRT_PLOT_DOSE): the physical dose each
 *   irradiated lesion has received over time, a step per fraction, one line
 *   per lesion a course targets (a course without targets is drawn under
 *   its course id).
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

#endif /* LDRT_IO_H */
