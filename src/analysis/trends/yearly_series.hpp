// A yearly mean of one recipe column with its weighted (WLS) trend: what trends.complexity and
// trends.nutrition repeat per column. The view draws one chart, one test row, one slope card and one
// sentence per series.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analysis/report.hpp"
#include "analysis/stats/regression.hpp"
#include "analysis/trends/common.hpp"

namespace mtm::analysis::trends {

struct YearlySeries {
  std::string id;              ///< the recipe column, e.g. "n_steps"
  std::vector<double> values;  ///< yearly means, aligned with the scope's years
  std::vector<double> spread;  ///< yearly standard deviations, or empty when not shown
  stats::LinearFit fit;        ///< WLS of values on years, weights the recipes per year
};

/// The series with its fit.
YearlySeries fit_series(std::string id, const YearScope& scope, std::vector<double> values,
                        std::vector<double> spread = {});

/// How a series is shown: colour, the unit code of its slope card ("steps/year", a catalog "unit.*" key)
/// and of its sentence ("steps", a "trends.per_year" select key), and the sentence's decimals.
struct SeriesLook {
  std::string_view color;
  std::string slope_unit;
  std::string sentence_unit;
  int decimals;
};

/// The series' chart, test row, slope card and sentence (labels "trends.series_name.<id>" and
/// "trends.series_subject.<id>").
void add_series(Report& report, const YearScope& scope, const YearlySeries& series, const SeriesLook& look);

}  // namespace mtm::analysis::trends
