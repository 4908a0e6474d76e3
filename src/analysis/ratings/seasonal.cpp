#include "analysis/ratings/seasonal.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "analysis/cells.hpp"
#include "analysis/group_tests.hpp"
#include "analysis/query_helpers.hpp"
#include "analysis/ratings/common.hpp"
#include "analysis/ratings/seasons.hpp"
#include "analysis/stats/chi_square.hpp"
#include "analysis/stats/descriptive.hpp"
#include "analysis/words.hpp"
#include "present/charts/line.hpp"
#include "present/message.hpp"
#include "present/theme.hpp"

namespace mtm::analysis::ratings {

using nlohmann::json;
using present::label;

namespace {

// Calendar days of each season, for the uniformity test (seasons have 90.25–92 days).
double season_days(const std::string& season) {
  if (season == "winter") return 90.25;
  if (season == "autumn") return 91;
  return 92;
}

// Distinct raters and rated recipes of season g: precomputed when the scope holds every clean rated cell
// of the season, otherwise counted from the cells in scope.
std::pair<double, double> season_people(const RatingCells& cells, const RatingPeople& people,
                                        const std::vector<int>& by_season_cell, int g, bool clean_only) {
  std::vector<char> chosen(CellGrid::kSize, 0);
  bool whole_season = clean_only;
  for (std::size_t c = 0; c < CellGrid::kSize; ++c) {
    const auto cell = static_cast<int>(c);
    chosen[c] = static_cast<char>(by_season_cell[c] == g);
    const auto& k = cells.count[c];
    const bool rated = k[0] + k[1] + k[2] + k[3] + k[4] > 0;
    if (rated && CellGrid::clean(cell) && CellGrid::season(cell) == g && !chosen[c]) whole_season = false;
  }
  const auto i = static_cast<std::size_t>(g);
  return whole_season ? std::pair{people.clean_users[i], people.clean_recipes[i]} : distinct_people(people, chosen);
}

std::map<std::string, SeasonVolume> season_volumes(db::Connection& con, const Filters& f) {
  const std::vector<int> by_season_cell = cell_groups(CellGrid::scope(f), CellGrid::season);
  const auto cells = rating_cells(con);
  const auto season_counts = star_counts(*cells, by_season_cell, 4);
  const auto people = rating_people(con);
  std::map<std::string, SeasonVolume> by;
  for (std::size_t g = 0; g < 4; ++g) {
    if (rating_total(season_counts[g]) == 0) continue;
    const auto [users, recipes] = season_people(*cells, *people, by_season_cell, static_cast<int>(g), f.clean_only);
    const Moments m = moments_from_counts(season_counts[g], kStars);
    const std::string& season = season_order()[g];
    by[season] = {season, m.n, m.mean, m.sd(), users, recipes};
  }
  return by;
}

void test_uniformity(SeasonalResult& r) {
  r.gof.reason = "fewer_than_two_categories";
  if (r.seasons.size() >= 2 && r.total > 0) {
    double days = 0;
    for (const auto& s : r.seasons) days += season_days(s.season);
    std::vector<double> volumes, expected;
    for (const auto& s : r.seasons) {
      volumes.push_back(s.n);
      expected.push_back(r.total * season_days(s.season) / days);
    }
    r.gof = stats::chi_square_gof(volumes, expected);
  }
  r.cohens_w = r.total > 0 ? std::sqrt(r.gof.statistic / r.total) : NAN;
}

json season_rows(const SeasonalResult& r) {
  json rows = json::array();
  for (const auto& s : r.seasons) {
    rows.push_back({season_label(s.season), number(s.mean), number(s.sd), s.n, s.users, s.recipes});
  }
  return rows;
}

const std::vector<std::string> kColumns = {"season",        "mean_rating",  "std_rating",
                                           "count_ratings", "unique_users", "unique_recipes"};

void add_charts(Report& report, const SeasonalResult& r) {
  json x = json::array(), colors = json::array(), vol = json::array(), mean = json::array(), ci = json::array();
  for (const auto& s : r.seasons) {
    x.push_back(season_label(s.season));
    colors.push_back(present::theme::season_color(s.season));
    vol.push_back(s.n);
    mean.push_back(number(s.mean));
    ci.push_back(number(s.n > 1 ? 1.96 * s.sd / std::sqrt(s.n) : NAN));
  }
  const json rows = season_rows(r);
  const json season_axis = present::charts::titled_axis(label("ratings.axis.season"));
  report.chart("volume", msg("ratings.seasonal.chart.volume"),
               json::array({{{"type", "bar"},
                             {"name", label("ratings.axis.ratings")},
                             {"x", x},
                             {"y", vol},
                             {"marker", {{"color", colors}}}}}),
               {{"xaxis", season_axis}, {"yaxis", present::charts::titled_axis(label("ratings.axis.ratings"))}},
               kColumns, rows);
  report.chart("mean", msg("ratings.seasonal.chart.mean"),
               json::array({{{"type", "bar"},
                             {"name", label("ratings.axis.mean_rating")},
                             {"x", x},
                             {"y", mean},
                             {"error_y", {{"type", "data"}, {"array", ci}}},
                             {"marker", {{"color", colors}}}}}),
               {{"xaxis", season_axis}, {"yaxis", present::charts::titled_axis(label("ratings.axis.mean_rating"))}},
               kColumns, rows);
  report.table("seasons", msg("ratings.seasonal.table.seasons"), kColumns, rows);
}

void add_narrative(Report& report, const SeasonalResult& r) {
  if (r.total == 0) {
    report.say(msg("ratings.no_ratings"));
    return;
  }
  std::vector<json> shares;
  for (const auto& s : r.seasons) {
    shares.push_back(label("ratings.seasonal.share", {{"season", season_in_sentence_label(s.season)},
                                                      {"pct", fixed_label(100 * s.n / r.total, 1)}}));
  }
  report.say(msg("ratings.seasonal.shares", {{"total", static_cast<std::int64_t>(r.total)},
                                             {"shares", list_label(shares)},
                                             {"cv", fixed_label(r.cv_volumes, 3)},
                                             {"ratio", fixed_label(r.max_min_ratio, 2)}}));
  if (r.gof.ok()) {
    report.say(msg("ratings.seasonal.uniformity", {{"chi2", fixed_label(r.gof.statistic, 2)},
                                                   {"p", p_label(r.gof.p_value)},
                                                   {"w", fixed_label(r.cohens_w, 3)},
                                                   {"verdict", significance_label(r.gof.p_value, r.cohens_w, 0.1)}}));
  }
  say_partial_years(report, r.partial_years);
}

}  // namespace

SeasonalResult compute_seasonal(db::Connection& con, const Filters& f) {
  const auto by = season_volumes(con, f);
  SeasonalResult r;
  std::vector<double> volumes;
  for (const auto& season : f.selected_seasons()) {
    const auto it = by.find(season);
    r.seasons.push_back(it == by.end() ? SeasonVolume{season} : it->second);
    volumes.push_back(r.seasons.back().n);
    r.total += r.seasons.back().n;
  }
  r.cv_volumes = stats::coefficient_of_variation(volumes, 0);
  const auto [lo, hi] = std::minmax_element(volumes.begin(), volumes.end());
  r.max_min_ratio = volumes.empty() || *lo == 0 ? NAN : *hi / *lo;
  test_uniformity(r);
  r.partial_years = partial_years(con, f);
  return r;
}

json seasonal_view(const SeasonalResult& r) {
  Report report("ratings.seasonal", msg("ratings.seasonal.title"));
  report.metric("cv_volumes", msg("ratings.seasonal.metric.cv_volumes"), r.cv_volumes, "", 3)
      .metric("max_min_ratio", msg("ratings.seasonal.metric.max_min_ratio"), r.max_min_ratio, ":1", 2)
      .metric("total", msg("ratings.seasonal.metric.total"), r.total, "", 0)
      .metric("seasons", msg("ratings.seasonal.metric.seasons"), static_cast<double>(r.seasons.size()), "", 0);
  report.test("chi_square_volume", msg("ratings.seasonal.test.chi_square_volume"), "chi2", r.gof.statistic,
              r.gof.p_value, static_cast<std::size_t>(r.total), "cohens_w", r.cohens_w, -1.0, r.gof.df);
  add_charts(report, r);
  add_narrative(report, r);
  return report.to_json();
}

}  // namespace mtm::analysis::ratings
