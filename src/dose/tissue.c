/*
 * Tissue parameter presets. Every row carries its citation and whether the
 * value was read in the cited source (verified = 1) or is still unconfirmed
 * against a primary source (verified = 0). doc/guides/dose.md lists the same
 * table; keep them in step.
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <string.h>

#include "dose_internal.h"

struct tissue {
    const char *name;
    double ab, low, high;         /* Gy; low/high: CI or published range, NAN if none */
    double tk, tpot, alpha;       /* days, days, 1/Gy; NAN if unknown */
    const char *citation;
    int verified;
};

#define NONE NAN

static const struct tissue tissues[] = {
    { "tumour", 10.0, NONE, NONE, NONE, NONE, NONE,
      "Early-responding tissue and tumour default: DICOMautomaton BEDConvert documentation "
      "(AlphaBetaRatioEarly 10); cliot radiation_bed_calculator documentation (Fowler 1989)", 1 },
    { "late", 3.0, NONE, NONE, NONE, NONE, NONE,
      "Late-responding tissue default: DICOMautomaton BEDConvert documentation "
      "(AlphaBetaRatioLate 3); cliot radiation_bed_calculator documentation", 1 },
    { "melanoma", 0.6, -1.1, 2.5, NONE, NONE, NONE,
      "Bentzen SM, Overgaard J, Thames HD et al., Radiother Oncol 1989;16:169-182; 95% CI "
      "-1.1 to 2.5 Gy, as stated in Thames HD, Bentzen SM, Turesson I, Overgaard M, "
      "Van den Bogaert W, Radiother Oncol 1990;19:219-235", 1 },
    { "melanoma-overgaard", 2.5, NONE, NONE, NONE, NONE, NONE,
      "618 melanoma lesions: Int J Radiat Oncol Biol Phys 1986;12(6):867-872 (PMID 2424880), "
      "abstract", 1 },
    { "liposarcoma", 0.4, -1.4, 5.4, NONE, NONE, NONE,
      "Thames HD, Bentzen SM, Turesson I, Overgaard M, Van den Bogaert W, Radiother Oncol "
      "1990;19:219-235, abstract (95% CI)", 1 },
    { "prostate", 1.5, 1.5, 3.0, NONE, NONE, NONE,
      "Range 1.5-3 Gy: cliot radiation_bed_calculator documentation; value 1.5 Gy: the ROI "
      "heuristic of a public voxel EQD2 tool", 1 },
    { "prostate-pr5", 1.12, -3.3, 5.6, NONE, NONE, NONE,
      "PR5 trial estimate quoted in \"The alpha/beta ratio for prostate cancer: what is it, "
      "really?\", Radiother Oncol 2005;76(1):1-3 (PMID 15990189); 95% CI", 1 },
    { "cns", 2.0, 1.5, 3.0, NONE, NONE, NONE,
      "CNS and spinal cord, conservative value recommended by Jones & Grant 2014 (as used by "
      "DICOMautomaton); range 1.5-3 Gy for cervical cord from Joiner, Basic Clinical "
      "Radiobiology 4th ed., Table 8.1 (as cited by DICOMautomaton)", 1 },
    { "nsclc", 10.0, NONE, NONE, 28.0, 3.0, 0.35,
      "CERR model library, Lung BED.json: alpha/beta 10 Gy, alpha 0.35 /Gy, Tk 28 d, Tpot 3 d", 1 },
    { "nsclc-h460-usc", 8.6048, NONE, NONE, NONE, NONE, 0.33,
      "Park C et al., Int J Radiat Oncol Biol Phys 2008;70:847-852 (H460: alpha 0.33 /Gy, "
      "D0 1.25 Gy, Dq 1.8 Gy), via the JoliverApps Unified-BED-Calculator data; alpha/beta is "
      "the tangent-consistent value; primary not read", 0 },
    { "oar-umro", 2.5, NONE, NONE, NONE, NONE, NONE,
      "University of Michigan DVHAnalysis NTCP presets (lung, liver, colon, bowel, cord, "
      "heart), Metrics.xml", 1 },
    { "gamma-knife-millar", 2.47, NONE, NONE, NONE, NONE, NONE,
      "Millar WT et al. 2015 (Gamma Knife biexponential repair), via klinge-th/modelBED; "
      "primary not read", 0 },
    { "head-neck-scc", 10.0, 10.0, 14.0, NONE, NONE, NONE,
      "Secondary reference table; primary source not identified", 0 },
    { "breast", 4.0, 3.5, 4.5, NONE, NONE, NONE,
      "Secondary reference table; primary source not identified", 0 },
};

#define N_TISSUES (sizeof tissues / sizeof tissues[0])

size_t ldrt_tissue_count(void)
{
    return N_TISSUES;
}

int ldrt_tissue_find(const char *name, size_t *index)
{
    LDRT__CHECK_NOT_NULL(name);
    LDRT__CHECK_NOT_NULL(index);
    for (size_t i = 0; i < N_TISSUES; i++)
        if (ldrt__ascii_casecmp(name, tissues[i].name) == 0) {
            *index = i;
            return LDRT_OK;
        }
    return ldrt__error(LDRT_ENOTFOUND, "name: no tissue preset \"%.64s\"", name);
}

int ldrt_tissue_info(size_t index, const char **name, double *alpha_beta_gy, double *low_gy,
                     double *high_gy, const char **citation, int *verified)
{
    if (index >= N_TISSUES)
        return ldrt__error(LDRT_ERANGE, "index: must be < %zu (got %zu)", N_TISSUES, index);
    const struct tissue *t = &tissues[index];
    if (name) *name = t->name;
    if (alpha_beta_gy) *alpha_beta_gy = t->ab;
    if (low_gy) *low_gy = t->low;
    if (high_gy) *high_gy = t->high;
    if (citation) *citation = t->citation;
    if (verified) *verified = t->verified;
    return LDRT_OK;
}

int ldrt_tissue_kinetics(size_t index, double *kickoff_days, double *tpot_days,
                         double *alpha_per_gy)
{
    if (index >= N_TISSUES)
        return ldrt__error(LDRT_ERANGE, "index: must be < %zu (got %zu)", N_TISSUES, index);
    const struct tissue *t = &tissues[index];
    if (isnan(t->tk) || isnan(t->tpot) || isnan(t->alpha))
        return ldrt__error(LDRT_ENOTFOUND, "index: preset \"%s\" has no published kinetics",
                           t->name);
    if (kickoff_days) *kickoff_days = t->tk;
    if (tpot_days) *tpot_days = t->tpot;
    if (alpha_per_gy) *alpha_per_gy = t->alpha;
    return LDRT_OK;
}
