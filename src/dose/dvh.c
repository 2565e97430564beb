/*
 * Dose-volume histograms from a dose grid and a mask, in one pass.
 *
 * The mask is read 64 bytes at a time and all-zero blocks are skipped
 * (the masked-DVH design of the project's performance reference: a 3 %
 * structure costs little more than a scan of its mask). Bins are defined by
 * their edges i w computed in double; the histogram grows when a dose beyond
 * the current bins appears.
 * SPDX-License-Identifier: MIT
 */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "dose_internal.h"

#define MAX_BINS ((size_t)1 << 26)

struct ldrt_dvh {
    double width;
    size_t bins;        /* floor(max / width) + 1 */
    uint64_t *counts;   /* bins entries */
    uint64_t voxels;
    double sum, min, max;
};

struct acc {
    double width, inv_width;
    size_t cap;
    uint64_t *counts;
    uint64_t voxels;
    double sum;
    float min, max;
};

/* Adds one voxel; returns LDRT_OK or an error naming index i. */
static int add_voxel(struct acc *a, const float *dose, size_t i)
{
    float d = dose[i];
    if (!(d >= 0.0f && d <= FLT_MAX))
        return ldrt__error(LDRT_EINVAL, "dose_gy[%zu]: must be finite and >= 0 (got %g)", i,
                           (double)d);
    double dd = d;
    double x = dd * a->inv_width;
    if (x >= (double)MAX_BINS)
        return ldrt__error(LDRT_ERANGE, "bin_width_gy: %g Gy gives more than %zu bins for the "
                           "dose %g Gy at dose_gy[%zu]", a->width, MAX_BINS, dd, i);
    size_t b = (size_t)x;
    /* Make b the bin whose edges [b w, (b+1) w) hold d exactly in double. */
    if (b > 0 && (double)b * a->width > dd) b--;
    else if ((double)(b + 1) * a->width <= dd) b++;
    if (b >= a->cap) {
        size_t ncap = a->cap * 2;
        while (ncap <= b) ncap *= 2;
        if (ncap > MAX_BINS + 1) ncap = MAX_BINS + 1;
        uint64_t *nc = ldrt__reallocarray(a->counts, ncap, sizeof *nc);
        if (nc == NULL)
            return ldrt__error(LDRT_ENOMEM, "dvh: out of memory for %zu bins", ncap);
        memset(nc + a->cap, 0, (ncap - a->cap) * sizeof *nc);
        a->counts = nc;
        a->cap = ncap;
    }
    a->counts[b]++;
    a->voxels++;
    a->sum += dd;
    if (d < a->min) a->min = d;
    if (d > a->max) a->max = d;
    return LDRT_OK;
}

static int scan(struct acc *a, const float *dose, const uint8_t *mask, size_t count)
{
    int rc;
    if (mask == NULL) {
        for (size_t i = 0; i < count; i++)
            if ((rc = add_voxel(a, dose, i)) != LDRT_OK) return rc;
        return LDRT_OK;
    }
    size_t i = 0;
    for (; i + 64 <= count; i += 64) {
        uint64_t w[8];
        memcpy(w, mask + i, 64);
        if ((w[0] | w[1] | w[2] | w[3] | w[4] | w[5] | w[6] | w[7]) == 0)
            continue;
        for (size_t k = 0; k < 8; k++) {
            if (w[k] == 0) continue;
            for (size_t j = i + 8 * k; j < i + 8 * k + 8; j++)
                if (mask[j] && (rc = add_voxel(a, dose, j)) != LDRT_OK) return rc;
        }
    }
    for (; i < count; i++)
        if (mask[i] && (rc = add_voxel(a, dose, i)) != LDRT_OK) return rc;
    return LDRT_OK;
}

int ldrt_dvh_compute_f32(const float *dose_gy, const uint8_t *mask, size_t count,
                         double bin_width_gy, ldrt_dvh **out)
{
    LDRT__CHECK_NOT_NULL(dose_gy);
    if (count == 0)
        return ldrt__error(LDRT_EINVAL, "count: must be >= 1 (got 0)");
    LDRT__CHECK_POS("bin_width_gy", bin_width_gy);
    LDRT__CHECK_NOT_NULL(out);
    struct acc a = { bin_width_gy, 1.0 / bin_width_gy, 256, NULL, 0, 0.0, FLT_MAX, 0.0f };
    a.counts = ldrt__calloc(a.cap, sizeof *a.counts);
    if (a.counts == NULL)
        return ldrt__error(LDRT_ENOMEM, "dvh: out of memory");
    int rc = scan(&a, dose_gy, mask, count);
    if (rc == LDRT_OK && a.voxels == 0)
        rc = ldrt__error(LDRT_EINVAL, "mask: selects no voxel");
    ldrt_dvh *h = NULL;
    if (rc == LDRT_OK) {
        h = ldrt__malloc(sizeof *h);
        if (h == NULL) rc = ldrt__error(LDRT_ENOMEM, "dvh: out of memory");
    }
    if (rc != LDRT_OK) {
        ldrt__free(a.counts);
        return rc;
    }
    /* The bin of Dmax is the last non-empty one. */
    size_t bins = a.cap;
    while (bins > 1 && a.counts[bins - 1] == 0) bins--;
    h->width = bin_width_gy;
    h->bins = bins;
    h->counts = a.counts; /* capacity >= bins; the tail is zero */
    h->voxels = a.voxels;
    h->sum = a.sum;
    h->min = a.min;
    h->max = a.max;
    *out = h;
    return LDRT_OK;
}

void ldrt_dvh_free(ldrt_dvh *dvh)
{
    if (dvh == NULL) return;
    ldrt__free(dvh->counts);
    ldrt__free(dvh);
}

int ldrt_dvh_bins(const ldrt_dvh *dvh, size_t *bins, double *bin_width_gy)
{
    LDRT__CHECK_NOT_NULL(dvh);
    if (bins) *bins = dvh->bins;
    if (bin_width_gy) *bin_width_gy = dvh->width;
    return LDRT_OK;
}

static int check_out_array(const ldrt_dvh *dvh, const double *v, size_t bins)
{
    LDRT__CHECK_NOT_NULL(dvh);
    LDRT__CHECK_NOT_NULL(v);
    if (bins != dvh->bins)
        return ldrt__error(LDRT_ERANGE, "bins: must be %zu, the DVH's number of bins (got %zu)",
                           dvh->bins, bins);
    return LDRT_OK;
}

int ldrt_dvh_differential(const ldrt_dvh *dvh, double *volume_pct, size_t bins)
{
    int rc = check_out_array(dvh, volume_pct, bins);
    if (rc) return rc;
    for (size_t i = 0; i < bins; i++)
        volume_pct[i] = 100.0 * (double)dvh->counts[i] / (double)dvh->voxels;
    return LDRT_OK;
}

/* Voxels with dose >= edge i, for i = 0..bins (entry bins is 0). */
static uint64_t above(const ldrt_dvh *dvh, size_t i)
{
    uint64_t n = 0;
    for (size_t k = i; k < dvh->bins; k++) n += dvh->counts[k];
    return n;
}

int ldrt_dvh_cumulative(const ldrt_dvh *dvh, double *volume_pct, size_t bins)
{
    int rc = check_out_array(dvh, volume_pct, bins);
    if (rc) return rc;
    uint64_t n = 0;
    for (size_t i = bins; i-- > 0;) {
        n += dvh->counts[i];
        volume_pct[i] = 100.0 * (double)n / (double)dvh->voxels;
    }
    return LDRT_OK;
}

int ldrt_dvh_stats(const ldrt_dvh *dvh, uint64_t *voxels, double *mean_gy, double *min_gy,
                   double *max_gy)
{
    LDRT__CHECK_NOT_NULL(dvh);
    if (voxels) *voxels = dvh->voxels;
    if (mean_gy) *mean_gy = dvh->sum / (double)dvh->voxels;
    if (min_gy) *min_gy = dvh->min;
    if (max_gy) *max_gy = dvh->max;
    return LDRT_OK;
}

int ldrt_dvh_dose_at_volume(const ldrt_dvh *dvh, double volume_pct, double *dose_gy)
{
    LDRT__CHECK_NOT_NULL(dvh);
    if (!(volume_pct >= 0.0 && volume_pct <= 100.0))
        return ldrt__error(LDRT_EINVAL, "volume_pct: must be 0 to 100 (got %g)", volume_pct);
    LDRT__CHECK_NOT_NULL(dose_gy);
    double total = (double)dvh->voxels;
    /* Largest edge i with C_i >= volume_pct, C_i = 100 above(i) / total. */
    double d = dvh->max;
    uint64_t n = 0; /* voxels >= edge i+1 while walking down */
    for (size_t i = dvh->bins; i-- > 0;) {
        double c_next = 100.0 * (double)n / total;
        n += dvh->counts[i];
        double c = 100.0 * (double)n / total;
        if (c >= volume_pct) {
            d = ((double)i + (c - volume_pct) / (c - c_next)) * dvh->width;
            break;
        }
    }
    if (d < dvh->min) d = dvh->min;
    if (d > dvh->max) d = dvh->max;
    *dose_gy = d;
    return LDRT_OK;
}

int ldrt_dvh_volume_at_dose(const ldrt_dvh *dvh, double dose_gy, double *volume_pct)
{
    LDRT__CHECK_NOT_NULL(dvh);
    LDRT__CHECK_DOSE("dose_gy", dose_gy);
    LDRT__CHECK_NOT_NULL(volume_pct);
    double total = (double)dvh->voxels;
    double x = dose_gy / dvh->width;
    double v;
    if (x >= (double)dvh->bins) {
        v = 0.0;
    } else {
        size_t i = (size_t)x;
        double c = 100.0 * (double)above(dvh, i) / total;
        double c_next = 100.0 * (double)above(dvh, i + 1) / total;
        v = c - (c - c_next) * (x - (double)i);
    }
    *volume_pct = v;
    return LDRT_OK;
}
