// What the Ratings page's analyses share: star counts per group of cells, the monthly statistics
// (§7.5) that validation, trend and distribution read, and the pieces of their views (months kept,
// trend band, the trend and volume sentences) written as catalog messages (i18n/<lang>.json, ids
// "ratings.*").
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/cells.hpp"
#include "analysis/filters.hpp"
#include "analysis/report.hpp"
#include "analysis/stats/regression.hpp"
#include "analysis/stats/result.hpp"
#include "data/duckdb.hpp"

namespace mtm::analysis::ratings {

/// Ratings 1–5 counted per star.
using StarCounts = std::vector<std::int64_t>;

/// The star levels 1–5, as the moments and quantiles read them.
inline const std::vector<double> kStars = {1, 2, 3, 4, 5};

/// Ratings in scope counted per star and per group of cells (group −1 left out).
std::vector<StarCounts> star_counts(const RatingCells& cells, const std::vector<int>& groups, std::size_t n_groups);
std::int64_t rating_total(const StarCounts& counts);

struct Month {
  int year = 0;
  int month = 0;
  double t = 0;  ///< months since 2000-01
  double n = 0;
  double mean = stats::kNaN;
  double sd = stats::kNaN;
  double weight = stats::kNaN;              ///< √n
  double norm_weight = stats::kNaN;         ///< weight / Σ weight
  bool partial = false;                     ///< first or last month of the data, not covered in full
  [[nodiscard]] std::string label() const;  ///< "2010-03"
  [[nodiscard]] std::string date() const;   ///< "2010-03-01"
};

/// The months with ratings in scope; those with at least min_interactions ratings are kept.
struct MonthlySeries {
  std::vector<Month> kept;
  std::size_t total = 0;
  std::size_t excluded = 0;
  int threshold = 0;
  double mean_volume_all = stats::kNaN;
  double mean_volume_kept = stats::kNaN;
  std::string period_all;
  bool gaps = false;
  std::vector<double> t, mean, n, w;
};

MonthlySeries monthly(db::Connection& con, const Filters& f);

// ---- view pieces (message ids only) ----

/// Fill of a 95 % confidence band: the trend's red-orange at 20 % opacity.
std::string band_fill();

/// A number with any count of fixed decimals (signed: sign always written) as a label; "n/a" when not finite.
nlohmann::json fixed_label(double value, int decimals, bool with_sign = false);
/// Items joined the language's way ("a, b, c").
nlohmann::json list_label(const std::vector<nlohmann::json>& items);

/// The "months" field and the sentence on the months kept.
void describe_months(Report& report, const MonthlySeries& s);
nlohmann::json month_dates(const MonthlySeries& s);
nlohmann::json monthly_rows(const MonthlySeries& s);
extern const std::vector<std::string> kMonthColumns;
/// Marker sizes 6–30 px in proportion to each month's normalised weight.
nlohmann::json weight_sizes(const MonthlySeries& s);
Text not_enough_months();

/// Trend line and its 95 % confidence band over the kept months, appended to traces.
void add_trend(nlohmann::json& traces, const MonthlySeries& s, const stats::LinearFit& fit);
Text trend_sentence(const stats::LinearFit& fit);
Text volume_sentence(double rho_w, const stats::Correlation& rho);

/// The result with a metric's unit replaced by a catalog label (Report takes units as plain strings).
void set_metric_unit(nlohmann::json& result, const std::string& metric_id, const nlohmann::json& unit);

}  // namespace mtm::analysis::ratings
