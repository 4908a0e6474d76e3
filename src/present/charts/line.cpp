#include "present/charts/line.hpp"

#include <fmt/format.h>

#include <cmath>
#include <string>

namespace mtm::present::charts {
namespace {

nlohmann::json series_trace(const LineSeries& s, const std::vector<double>& chart_x) {
  nlohmann::json marker = {{"color", s.color}};
  if (!s.marker_sizes.empty()) marker["size"] = number_array(s.marker_sizes);
  if (s.marker_size > 0) marker["size"] = s.marker_size;
  if (s.marker_opacity > 0) marker["opacity"] = s.marker_opacity;
  if (!s.symbol.empty()) marker["symbol"] = s.symbol;
  nlohmann::json trace = {{"type", "scatter"},
                          {"mode", s.mode},
                          {"name", s.name},
                          {"x", number_array(s.x.empty() ? chart_x : s.x)},
                          {"y", number_array(s.y)}};
  if (!s.customdata.is_null()) trace["customdata"] = s.customdata;
  if (s.mode != "lines") trace["marker"] = marker;
  if (s.mode != "markers") {
    nlohmann::json stroke = {{"color", s.color}};
    if (s.width > 0) stroke["width"] = s.width;
    if (!s.dash.empty()) stroke["dash"] = s.dash;
    trace["line"] = stroke;
  }
  return trace;
}

void add_band(nlohmann::json& traces, const LineBand& band, const std::vector<double>& x) {
  traces.push_back({{"type", "scatter"},
                    {"mode", "lines"},
                    {"name", band.edge_name},
                    {"x", number_array(x)},
                    {"y", number_array(band.high)},
                    {"line", {{"width", 0}}},
                    {"showlegend", false},
                    {"hoverinfo", "skip"}});
  traces.push_back({{"type", "scatter"},
                    {"mode", "lines"},
                    {"name", band.name},
                    {"x", number_array(x)},
                    {"y", number_array(band.low)},
                    {"fill", "tonexty"},
                    {"fillcolor", band.fill_color},
                    {"line", {{"width", 0}}}});
}

}  // namespace

nlohmann::json line(const LineChart& chart) {
  nlohmann::json traces = nlohmann::json::array();
  for (const auto& band : chart.bands) add_band(traces, band, chart.x);
  for (const auto& s : chart.series) traces.push_back(series_trace(s, chart.x));
  for (const auto& t : chart.trends) {
    traces.push_back({{"type", "scatter"},
                      {"mode", "lines"},
                      {"name", t.name},
                      {"x", number_array(chart.x)},
                      {"y", number_array(t.y)},
                      {"line", {{"color", t.color}, {"dash", "dash"}, {"width", t.width}}}});
  }
  return {{"traces", std::move(traces)},
          {"layout", {{"xaxis", titled_axis(chart.x_title)}, {"yaxis", titled_axis(chart.y_title)}}}};
}

nlohmann::json number_array(const std::vector<double>& values) {
  nlohmann::json out = nlohmann::json::array();
  for (double v : values) out.push_back(std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr));
  return out;
}

std::string translucent(std::string_view hex_color, double alpha) {
  const auto channel = [&](std::size_t at) {
    return hex_color.size() >= at + 2 ? std::stoi(std::string(hex_color.substr(at, 2)), nullptr, 16) : 0;
  };
  return fmt::format("rgba({},{},{},{})", channel(1), channel(3), channel(5), alpha);
}

nlohmann::json titled_axis(const nlohmann::json& title) {
  return {{"title", {{"text", title}}}};
}

}  // namespace mtm::present::charts
