#include "analysis/weekend/volume.hpp"

#include <cmath>
#include <map>

#include "analysis/cells.hpp"
#include "analysis/report.hpp"
#include "analysis/stats/chi_square.hpp"
#include "analysis/weekend/common.hpp"
#include "analysis/words.hpp"
#include "present/message.hpp"
#include "present/theme.hpp"

namespace mtm::analysis::weekend {

using nlohmann::json;
using present::label;

namespace {

void volume_tests(VolumeResult& r) {
  const double total = r.total();
  r.uniform.reason = "fewer_than_two_categories";
  if (r.counts.size() >= 2 && total > 0) r.uniform = stats::chi_square_gof(r.counts);
  r.w_uniform = total > 0 ? std::sqrt(r.uniform.statistic / total) : NAN;
  r.split.reason = "empty_period";
  if (r.days_weekday > 0 && r.days_weekend > 0 && total > 0) {
    const double ndays = r.days_weekday + r.days_weekend;
    const std::vector<double> observed = {r.n_weekday, r.n_weekend};
    const std::vector<double> expected = {total * r.days_weekday / ndays, total * r.days_weekend / ndays};
    r.split = stats::chi_square_gof(observed, expected);
  }
  r.w_split = total > 0 ? std::sqrt(r.split.statistic / total) : NAN;
}

}  // namespace

VolumeResult compute_volume(db::Connection& con, const Filters& f) {
  const auto cells = recipe_cells(con);
  const std::vector<char> scope = CellGrid::scope(f);
  std::map<int, double> count_by_day;
  VolumeResult r;
  for (std::size_t c = 0; c < CellGrid::kSize; ++c) {
    if (!scope[c] || cells->count[c] == 0) continue;
    count_by_day[CellGrid::weekday(static_cast<int>(c))] += cells->count[c];
    const double a = cells->first_day[c];
    const double b = cells->last_day[c];
    r.first_day = std::isnan(r.first_day) ? a : std::min(r.first_day, a);
    r.last_day = std::isnan(r.last_day) ? b : std::max(r.last_day, b);
  }
  r.days = f.selected_days();
  for (int d : r.days) {
    const double n = count_by_day.count(d) ? count_by_day[d] : 0.0;
    r.counts.push_back(n);
    (is_weekend_day(d) ? r.n_weekend : r.n_weekday) += n;
    (is_weekend_day(d) ? r.days_weekend : r.days_weekday) += 1;
  }
  r.per_day_weekday = r.days_weekday > 0 ? r.n_weekday / r.days_weekday : NAN;
  r.per_day_weekend = r.days_weekend > 0 ? r.n_weekend / r.days_weekend : NAN;
  r.daily_mean = r.days.empty() ? NAN : r.total() / static_cast<double>(r.days.size());
  r.weekday_vs_weekend_pct = 100.0 * (r.per_day_weekday - r.per_day_weekend) / r.per_day_weekend;
  r.weekend_vs_weekday_pct = 100.0 * (r.per_day_weekend - r.per_day_weekday) / r.per_day_weekday;
  for (double n : r.counts) {
    r.deviation_pct.push_back(r.daily_mean > 0 ? 100.0 * (n - r.daily_mean) / r.daily_mean : NAN);
  }
  for (std::size_t i = 0; i < r.counts.size(); ++i) {
    if (r.counts[i] > r.counts[r.busiest]) r.busiest = i;
    if (r.counts[i] < r.counts[r.quietest]) r.quietest = i;
  }
  volume_tests(r);
  return r;
}

namespace {

json date_or_null(double day) {
  return std::isnan(day) ? json(nullptr) : json(db::format_date({static_cast<int>(day)}));
}

void volume_metrics(Report& report, const VolumeResult& r) {
  const json busiest = r.counts.empty() ? label("fmt.not_available") : day_label(r.days[r.busiest]);
  report
      .metric("weekday_per_day", msg("weekend.volume.metric.weekday_per_day"), r.per_day_weekday, "", 0,
              msg("weekend.volume.help.weekday_per_day", {{"days", r.days_weekday}}))
      .metric("weekend_per_day", msg("weekend.volume.metric.weekend_per_day"), r.per_day_weekend, "", 0,
              msg("weekend.volume.help.weekend_per_day", {{"days", r.days_weekend}}))
      .metric("weekday_vs_weekend_pct", msg("weekend.volume.metric.weekday_vs_weekend"), r.weekday_vs_weekend_pct, "%",
              1)
      .metric("busiest_day", msg("weekend.volume.metric.busiest_day", {{"day", busiest}}),
              r.counts.empty() ? NAN : r.counts[r.busiest], "", 0)
      .metric("total", msg("weekend.volume.metric.total"), r.total(), "", 0);
  report.set("coverage", {{"first_date", date_or_null(r.first_day)}, {"last_date", date_or_null(r.last_day)}});
}

// Recipes on an average day of each period.
void per_period_chart(Report& report, const VolumeResult& r) {
  json rows = json::array(), x = json::array(), y = json::array(), colors = json::array(), text = json::array();
  for (bool weekend : {false, true}) {
    const double n_days = weekend ? r.days_weekend : r.days_weekday;
    if (n_days == 0) continue;
    const double per_day = weekend ? r.per_day_weekend : r.per_day_weekday;
    x.push_back(period_label(weekend));
    y.push_back(number(per_day));
    colors.push_back(period_color(weekend));
    text.push_back(number_label(per_day, 0));
    rows.push_back({period_label(weekend), n_days, weekend ? r.n_weekend : r.n_weekday, number(per_day)});
  }
  report.chart("per_day_by_period", msg("weekend.volume.chart.per_day_by_period"),
               json::array({{{"type", "bar"},
                             {"name", label("weekend.volume.trace.per_day")},
                             {"x", x},
                             {"y", y},
                             {"text", text},
                             {"textposition", "outside"},
                             {"marker", {{"color", colors}}}}}),
               {{"xaxis", axis_titled(label("weekend.axis.period"))},
                {"yaxis", axis_titled(label("weekend.volume.axis.per_day"))}},
               {"period", "days", "recipes", "recipes_per_day"}, rows);
}

// The selected days, their deviation from the daily mean, and the table of both.
void per_day_charts(Report& report, const VolumeResult& r) {
  json x = json::array(), colors = json::array(), dev_colors = json::array(), rows = json::array(),
       dev_rows = json::array(), dev_text = json::array(), dev = json::array(), mean_line = json::array();
  for (std::size_t i = 0; i < r.days.size(); ++i) {
    const json name = day_short_label(r.days[i]);
    const bool weekend = is_weekend_day(r.days[i]);
    x.push_back(name);
    colors.push_back(period_color(weekend));
    dev_colors.push_back(r.deviation_pct[i] >= 0 ? present::theme::kRedOrange : present::theme::kBlue);
    dev_text.push_back(label("weekend.percent", {{"value", signed_label(r.deviation_pct[i], 1)}}));
    dev.push_back(number(r.deviation_pct[i]));
    mean_line.push_back(number(r.daily_mean));
    rows.push_back({name, r.days[i], weekend, r.counts[i], number(r.deviation_pct[i])});
    dev_rows.push_back({name, number(r.deviation_pct[i])});
  }
  const json day_axis = axis_titled(label("weekend.axis.day_of_week"));
  report.chart("by_day", msg("weekend.volume.chart.by_day"),
               json::array({{{"type", "bar"},
                             {"name", label("weekend.volume.trace.recipes")},
                             {"x", x},
                             {"y", r.counts},
                             {"marker", {{"color", colors}}}},
                            {{"type", "scatter"},
                             {"mode", "lines"},
                             {"name", label("weekend.volume.trace.daily_mean")},
                             {"x", x},
                             {"y", mean_line},
                             {"line", {{"color", present::theme::kPowderBlue}, {"dash", "dash"}}}}}),
               {{"xaxis", day_axis}, {"yaxis", axis_titled(label("weekend.volume.trace.recipes"))}},
               {"day", "iso_day", "is_weekend", "recipes", "deviation_pct"}, rows);
  report.chart("deviation", msg("weekend.volume.chart.deviation"),
               json::array({{{"type", "bar"},
                             {"name", label("weekend.volume.trace.deviation")},
                             {"x", x},
                             {"y", dev},
                             {"text", dev_text},
                             {"textposition", "outside"},
                             {"marker", {{"color", dev_colors}}}}}),
               {{"xaxis", day_axis}, {"yaxis", axis_titled(label("weekend.volume.axis.deviation"))}},
               {"day", "deviation_pct"}, dev_rows);
  report.table("days", msg("weekend.volume.chart.by_day"), {"day", "iso_day", "is_weekend", "recipes", "deviation_pct"},
               rows);
}

void volume_narrative(Report& report, const VolumeResult& r) {
  if (r.total() == 0) {
    report.say(msg("weekend.volume.no_recipes"));
    return;
  }
  if (r.days_weekday > 0 && r.days_weekend > 0) {
    report.say(
        msg("weekend.volume.per_day", {{"weekday", number_label(r.per_day_weekday, 0)},
                                       {"weekend", number_label(r.per_day_weekend, 0)},
                                       {"weekend_pct", number_label(std::fabs(r.weekend_vs_weekday_pct), 1)},
                                       {"weekday_pct", number_label(std::fabs(r.weekday_vs_weekend_pct), 1)},
                                       {"weekend_lower", r.per_day_weekend < r.per_day_weekday ? "yes" : "no"}}));
  }
  if (r.uniform.ok()) {
    report.say(msg("weekend.volume.uniform", {{"chi2", number_label(r.uniform.statistic, 2)},
                                              {"df", number_label(r.uniform.df, 0)},
                                              {"p", p_label(r.uniform.p_value)},
                                              {"w", number_label(r.w_uniform, 3)},
                                              {"effect", effect_size_label(r.w_uniform, "w")},
                                              {"significant", r.uniform.p_value < kSignificanceLevel ? "yes" : "no"}}));
  }
  if (r.counts.size() >= 2) {
    report.say(msg("weekend.volume.extremes", {{"busiest", day_in_sentence_label(r.days[r.busiest])},
                                               {"busiest_pct", signed_label(r.deviation_pct[r.busiest], 1)},
                                               {"quietest", day_in_sentence_label(r.days[r.quietest])},
                                               {"quietest_pct", signed_label(r.deviation_pct[r.quietest], 1)}}));
  }
}

}  // namespace

json volume_view(const VolumeResult& r) {
  Report report("weekend.volume", msg("weekend.volume.title"));
  volume_metrics(report, r);
  per_period_chart(report, r);
  per_day_charts(report, r);
  report.test("chi_square_days", msg("weekend.volume.test.days"), "chi2", r.uniform.statistic, r.uniform.p_value,
              static_cast<std::size_t>(r.total()), "cohens_w", r.w_uniform, -1.0, r.uniform.df);
  report.test("chi_square_period", msg("weekend.volume.test.period"), "chi2", r.split.statistic, r.split.p_value,
              static_cast<std::size_t>(r.total()), "cohens_w", r.w_split, -1.0, r.split.df);
  volume_narrative(report, r);
  return report.to_json();
}

}  // namespace mtm::analysis::weekend
