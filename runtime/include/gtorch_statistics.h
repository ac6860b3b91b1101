/* gtorch_statistics.h - the statistics module's exact averages and
 * spreads (statistics.c), and its StatisticsError.
 *
 * CPython computes mean, variance and their kin with Fractions and rounds
 * once at the end; these functions do the same with exact sums of the
 * data in fixed point, so each result is CPython's to the last bit. A
 * function of a list[int] gives an int where CPython's gives one (the
 * result is exact and whole), else the nearest float: a gt_num. */
#ifndef GTORCH_STATISTICS_H
#define GTORCH_STATISTICS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* statistics.StatisticsError, a ValueError. */
typedef gt_exc gt_StatisticsError;
extern const gt_class gt_StatisticsError_class;
gt_StatisticsError *gt_StatisticsError_new(gt_str *msg);

gt_num gt_statistics_mean_int(const gt_list *data);
double gt_statistics_mean_float(const gt_list *data);
gt_num gt_statistics_median_int(const gt_list *data);
double gt_statistics_median_float(const gt_list *data);

/* The mean given (xbar, mu) is GT_NONE_INT or GT_NONE_FLOAT where the
 * program gives none: then the data's own, exactly. */
gt_num gt_statistics_variance_int(const gt_list *data, int64_t xbar);
double gt_statistics_variance_int_xfloat(const gt_list *data, double xbar);
double gt_statistics_variance_float(const gt_list *data, double xbar);
gt_num gt_statistics_pvariance_int(const gt_list *data, int64_t mu);
double gt_statistics_pvariance_int_xfloat(const gt_list *data, double mu);
double gt_statistics_pvariance_float(const gt_list *data, double mu);
double gt_statistics_stdev_int(const gt_list *data, int64_t xbar);
double gt_statistics_stdev_int_xfloat(const gt_list *data, double xbar);
double gt_statistics_stdev_float(const gt_list *data, double xbar);
double gt_statistics_pstdev_int(const gt_list *data, int64_t mu);
double gt_statistics_pstdev_int_xfloat(const gt_list *data, double mu);
double gt_statistics_pstdev_float(const gt_list *data, double mu);

#ifdef __cplusplus
}
#endif

#endif
