#include "analysis/ratings/common.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "analysis/group_tests.hpp"
#include "analysis/query_helpers.hpp"
#include "analysis/words.hpp"
#include "data/calendar.hpp"
#include "present/charts/line.hpp"
#include "present/message.hpp"
#include "present/theme.hpp"

namespace mtm::analysis::ratings {

using nlohmann::json;
using present::label;

std::vector<StarCounts> star_counts(const RatingCells& cells, const std::vector<int>& groups, std::size_t n_groups) {
  std::vector<StarCounts> out(n_groups, StarCounts(5, 0));
  for (std::size_t c = 0; c < CellGrid::kSize; ++c) {
    if (groups[c] < 0) continue;
    auto& row = out[static_cast<std::size_t>(groups[c])];
    for (std::size_t k = 0; k < 5; ++k) row[k] += static_cast<std::int64_t>(cells.count[c][k]);
  }
  return out;
}

std::int64_t rating_total(const StarCounts& counts) {
  return std::accumulate(counts.begin(), counts.end(), std::int64_t{0});
}

// Machine forms of a month (chart x values and table keys), not words.
std::string Month::label() const {
  return fmt::format("{:04d}-{:02d}", year, month);
}
std::string Month::date() const {
  return fmt::format("{:04d}-{:02d}-01", year, month);
}

namespace {

struct MonthRow {
  int year = 0;
  int month = 0;
  Moments moments;
};

std::vector<MonthRow> month_rows(const RatingCells& cells, const Filters& f) {
  // One group per (year, month) of the grid, in calendar order.
  const auto by_month =
      star_counts(cells, cell_groups(CellGrid::scope(f), [](int c) { return c / 14; }), CellGrid::kSize / 14);
  std::vector<MonthRow> rows;
  for (std::size_t g = 0; g < by_month.size(); ++g) {
    if (rating_total(by_month[g]) == 0) continue;
    const auto cell = static_cast<int>(g) * 14;
    rows.push_back({CellGrid::year(cell), CellGrid::month(cell), moments_from_counts(by_month[g], kStars)});
  }
  return rows;
}

// The first and last months of the whole data set are partial when the data does not cover them in full.
void mark_partial_months(MonthlySeries& s, const RatingCells& cells) {
  if (!cells.has_clean) return;
  const std::string first = db::format_date({cells.clean_min_day}).substr(0, 7);
  const std::string last = db::format_date({cells.clean_max_day}).substr(0, 7);
  const bool first_partial = data::calendar_features({cells.clean_min_day}).day != 1;
  const bool last_partial = data::calendar_features({cells.clean_max_day + 1}).day != 1;
  for (auto& m : s.kept) {
    if (first_partial && m.label() == first) m.partial = true;
    if (last_partial && m.label() == last) m.partial = true;
  }
}

void finish_series(MonthlySeries& s) {
  double sum_w = 0;
  double volume_kept = 0;
  for (const auto& m : s.kept) {
    sum_w += m.weight;
    volume_kept += m.n;
  }
  s.mean_volume_kept = s.kept.empty() ? NAN : volume_kept / static_cast<double>(s.kept.size());
  for (std::size_t i = 0; i < s.kept.size(); ++i) {
    auto& m = s.kept[i];
    m.norm_weight = m.weight / sum_w;
    if (i > 0 && m.t - s.kept[i - 1].t > 1) s.gaps = true;
    s.t.push_back(m.t);
    s.mean.push_back(m.mean);
    s.n.push_back(m.n);
    s.w.push_back(m.weight);
  }
}

}  // namespace

MonthlySeries monthly(db::Connection& con, const Filters& f) {
  const auto cells = rating_cells(con);
  const std::vector<MonthRow> rows = month_rows(*cells, f);
  MonthlySeries s;
  s.total = rows.size();
  s.threshold = f.min_interactions;
  double volume_all = 0;
  for (const auto& r : rows) {
    volume_all += r.moments.n;
    if (r.moments.n < f.min_interactions || r.moments.n == 0) {
      ++s.excluded;
      continue;
    }
    Month m;
    m.year = r.year;
    m.month = r.month;
    m.t = (m.year - 2000) * 12.0 + (m.month - 1);
    m.n = r.moments.n;
    m.mean = r.moments.mean;
    m.sd = r.moments.sd();
    m.weight = std::sqrt(m.n);
    s.kept.push_back(m);
  }
  if (!rows.empty()) mark_partial_months(s, *cells);
  s.mean_volume_all = rows.empty() ? NAN : volume_all / static_cast<double>(rows.size());
  finish_series(s);
  if (!rows.empty()) {
    s.period_all = fmt::format("{:04d}-{:02d} → {:04d}-{:02d}", rows.front().year, rows.front().month, rows.back().year,
                               rows.back().month);
  }
  return s;
}

// ---------------------------------------------------------------------------------------------------
// View pieces

std::string band_fill() {
  return present::charts::translucent(present::theme::kRedOrange, 0.2);
}

json fixed_label(double value, int decimals, bool with_sign) {
  if (!std::isfinite(value)) return label("fmt.not_available");
  if (decimals <= 4) return with_sign ? signed_label(value, decimals) : number_label(value, decimals);
  return label(with_sign ? "ratings.fmt.signed" : "ratings.fmt.fixed",
               {{"value", value}, {"decimals", std::to_string(std::min(decimals, 6))}});
}

json list_label(const std::vector<json>& items) {
  if (items.empty()) return "";
  json out = items.back();
  for (auto it = items.rbegin() + 1; it != items.rend(); ++it)
    out = label("ratings.list", {{"head", *it}, {"tail", out}});
  return out;
}

void describe_months(Report& report, const MonthlySeries& s) {
  const std::string kept_period = s.kept.empty() ? "" : s.kept.front().label() + " → " + s.kept.back().label();
  const double pct_excluded = s.total ? 100.0 * static_cast<double>(s.excluded) / static_cast<double>(s.total) : NAN;
  report.set("months", {{"threshold", s.threshold},
                        {"total", s.total},
                        {"kept", s.kept.size()},
                        {"excluded", s.excluded},
                        {"pct_excluded", number(pct_excluded)},
                        {"period_all", s.period_all},
                        {"period_kept", kept_period},
                        {"gaps", s.gaps},
                        {"mean_volume_all", number(s.mean_volume_all)},
                        {"mean_volume_kept", number(s.mean_volume_kept)}});
  json period = s.kept.empty()
                    ? label("ratings.months.no_period")
                    : label("ratings.months.period", {{"from", s.kept.front().label()}, {"to", s.kept.back().label()}});
  report.say(msg("ratings.months.kept", {{"kept", s.kept.size()},
                                         {"total", s.total},
                                         {"threshold", s.threshold},
                                         {"excluded", s.excluded},
                                         {"share", s.total ? json(number_label(pct_excluded, 1)) : json("")},
                                         {"has_share", s.total ? "yes" : "no"},
                                         {"period", std::move(period)},
                                         {"gaps", s.gaps ? "yes" : "no"}}));
}

json month_dates(const MonthlySeries& s) {
  json out = json::array();
  for (const auto& m : s.kept) out.push_back(m.date());
  return out;
}

json monthly_rows(const MonthlySeries& s) {
  json rows = json::array();
  for (const auto& m : s.kept) {
    rows.push_back(
        {m.label(), m.t, m.n, number(m.mean), number(m.sd), number(m.weight), number(m.norm_weight), m.partial});
  }
  return rows;
}

const std::vector<std::string> kMonthColumns = {
    "month", "months_since_2000_01", "n", "mean_rating", "std_rating", "weight", "norm_weight", "partial_month"};

json weight_sizes(const MonthlySeries& s) {
  json sizes = json::array();
  double max_w = 0;
  for (const auto& m : s.kept) max_w = std::max(max_w, m.norm_weight);
  for (const auto& m : s.kept) sizes.push_back(max_w > 0 ? 6 + 24 * m.norm_weight / max_w : 8);
  return sizes;
}

Text not_enough_months() {
  return msg("ratings.months.not_enough");
}

void add_trend(json& traces, const MonthlySeries& s, const stats::LinearFit& fit) {
  if (!fit.ok()) return;
  const auto pred = stats::predict(fit, s.t);
  json y = json::array(), lo = json::array(), hi = json::array();
  for (const auto& p : pred) {
    y.push_back(number(p.fit));
    lo.push_back(number(p.mean_lower));
    hi.push_back(number(p.mean_upper));
  }
  const json x = month_dates(s);
  traces.push_back({{"type", "scatter"},
                    {"mode", "lines"},
                    {"name", label("ratings.trace.trend_ci_upper")},
                    {"x", x},
                    {"y", hi},
                    {"line", {{"width", 0}}},
                    {"showlegend", false}});
  traces.push_back({{"type", "scatter"},
                    {"mode", "lines"},
                    {"name", label("ratings.trace.trend_ci")},
                    {"x", x},
                    {"y", lo},
                    {"fill", "tonexty"},
                    {"fillcolor", band_fill()},
                    {"line", {{"width", 0}}}});
  traces.push_back({{"type", "scatter"},
                    {"mode", "lines"},
                    {"name", label("ratings.trace.wls_trend", {{"slope", fixed_label(12 * fit.slope, 5, true)}})},
                    {"x", x},
                    {"y", y},
                    {"line", {{"color", present::theme::kRedOrange}, {"dash", "dash"}}}});
}

Text trend_sentence(const stats::LinearFit& fit) {
  return msg("ratings.trend.sentence", {{"per_month", fixed_label(fit.slope, 6, true)},
                                        {"per_year", fixed_label(12 * fit.slope, 4, true)},
                                        {"p", p_label(fit.slope_p)},
                                        {"r2", fixed_label(fit.r_squared, 4)},
                                        {"significant", fit.slope_p < kSignificanceLevel ? "yes" : "no"}});
}

Text volume_sentence(double rho_w, const stats::Correlation& rho) {
  const char* link = std::fabs(rho_w) < 0.1 ? "none" : rho_w < 0 ? "lower" : "higher";
  return msg(
      "ratings.volume.sentence",
      {{"rho_w", fixed_label(rho_w, 3)}, {"rho", fixed_label(rho.r, 3)}, {"p", p_label(rho.p_value)}, {"link", link}});
}

void set_metric_unit(json& result, const std::string& metric_id, const json& unit) {
  for (auto& m : result["metrics"]) {
    if (m["id"] == metric_id) m["unit"] = unit;
  }
}

}  // namespace mtm::analysis::ratings
