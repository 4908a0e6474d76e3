// Line chart builder: one or more line/marker series over x, optionally a shaded band between two curves
// (a confidence or quantile band) drawn under them and fitted trend lines drawn as dashed lines. Plain
// data in, Plotly {traces, layout} out; names and axis titles may be catalog label nodes (rendered later).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mtm::present::charts {

/// One series. x empty: the chart's x. Empty optional vectors/strings leave Plotly's defaults.
struct LineSeries {
  LineSeries(nlohmann::json series_name, std::vector<double> values, std::string_view series_color,
             std::string series_mode = "lines+markers", std::vector<double> own_x = {})
      : name(std::move(series_name)),
        y(std::move(values)),
        color(series_color),
        mode(std::move(series_mode)),
        x(std::move(own_x)) {}
  nlohmann::json name;
  std::vector<double> y;
  std::string_view color;
  std::string mode;  ///< "lines", "markers" or "lines+markers"
  std::vector<double> x;
  std::vector<double> marker_sizes;  ///< one size per point
  double marker_size = 0;            ///< one size for every point (0: default)
  double marker_opacity = 0;         ///< 0: opaque
  std::string symbol;                ///< marker symbol, e.g. "diamond"
  std::string dash;                  ///< line dash, e.g. "dash", "dot"
  double width = 0;                  ///< line width (0: default)
  nlohmann::json customdata = nullptr;
};

/// A shaded band between low and high at the chart's x (high drawn first, hidden from the legend).
struct LineBand {
  nlohmann::json name;
  nlohmann::json edge_name;  ///< the hidden upper edge's name
  std::vector<double> low;
  std::vector<double> high;
  std::string fill_color;
};

/// A fitted trend at the chart's x: a dashed line.
struct TrendLine {
  TrendLine(nlohmann::json trend_name, std::vector<double> values, std::string_view trend_color)
      : name(std::move(trend_name)), y(std::move(values)), color(trend_color) {}
  nlohmann::json name;
  std::vector<double> y;
  std::string_view color;
  double width = 2.5;
};

struct LineChart {
  LineChart(std::vector<double> xs, nlohmann::json x_axis_title, nlohmann::json y_axis_title)
      : x(std::move(xs)), x_title(std::move(x_axis_title)), y_title(std::move(y_axis_title)) {}
  std::vector<double> x;
  std::vector<LineBand> bands;
  std::vector<LineSeries> series;
  std::vector<TrendLine> trends;
  nlohmann::json x_title;
  nlohmann::json y_title;
};

/// {"traces": [bands…, series…, trends…], "layout": {xaxis, yaxis titles}}.
[[nodiscard]] nlohmann::json line(const LineChart& chart);

/// JSON array of numbers, NaN and infinities as null.
[[nodiscard]] nlohmann::json number_array(const std::vector<double>& values);

/// A theme colour ("#FF8C00") made translucent: "rgba(255,140,0,0.35)".
[[nodiscard]] std::string translucent(std::string_view hex_color, double alpha);

/// An axis object titled title (a string or a label node).
[[nodiscard]] nlohmann::json titled_axis(const nlohmann::json& title);

}  // namespace mtm::present::charts
