// The generic chart builders draw exactly what they are given: bins centred, matrices top-down, the Q-Q
// reference line across the theoretical range; names stay label nodes for render() to translate.
#include <gtest/gtest.h>

#include <cmath>

#include "present/charts/heatmap.hpp"
#include "present/charts/histogram.hpp"
#include "present/charts/qq.hpp"
#include "present/message.hpp"
#include "present/render.hpp"

namespace mtm::present::charts {
namespace {

TEST(HistogramChart, BarsCentredInTheirBins) {
  const auto chart = histogram({10, 5, {2, 0, 7}, label("ratings.trace.months"), "x", "y", theme::kOrange, true});
  const auto& trace = chart["traces"][0];
  EXPECT_EQ(trace["type"], "bar");
  EXPECT_EQ(trace["x"], nlohmann::json::array({12.5, 17.5, 22.5}));
  EXPECT_EQ(trace["y"], nlohmann::json::array({2.0, 0.0, 7.0}));
  EXPECT_DOUBLE_EQ(trace["width"].get<double>(), 5);
  EXPECT_EQ(trace["marker"]["color"], "#FF8C00");
  EXPECT_EQ(chart["layout"]["yaxis"]["type"], "log");
  EXPECT_EQ(chart["layout"]["bargap"], 0);
  EXPECT_EQ(render(chart, "fr")["traces"][0]["name"], "Mois");
  const auto linear = histogram({0, 1, {}, "n", "x", "y", theme::kOrange, false});
  EXPECT_FALSE(linear["layout"]["yaxis"].contains("type"));
  EXPECT_TRUE(linear["traces"][0]["x"].empty());
}

TEST(HeatmapChart, RowsTopDownWithOptionalCellText) {
  HeatmapSpec spec;
  spec.x = {"a", "b"};
  spec.y = {"r1", "r2"};
  spec.z = {{1, 2}, {3, nullptr}};
  spec.colorbar_title = label("ratings.axis.volume");
  auto chart = heatmap(spec);
  const auto& trace = chart["traces"][0];
  EXPECT_EQ(trace["type"], "heatmap");
  EXPECT_EQ(trace["z"][1][1], nullptr);
  EXPECT_EQ(trace["colorscale"], "YlOrRd");
  EXPECT_FALSE(trace.contains("text"));
  EXPECT_FALSE(trace.contains("reversescale"));
  EXPECT_EQ(chart["layout"]["yaxis"]["autorange"], "reversed");
  EXPECT_FALSE(chart["layout"].contains("margin"));
  EXPECT_EQ(render(chart, "en")["traces"][0]["colorbar"]["title"]["text"], "Volume");
  spec.text = {{"1.0", "2.0"}, {"3.0", ""}};
  spec.colorscale = "RdYlGn";
  spec.reverse_scale = true;
  spec.left_margin = 170;
  chart = heatmap(spec);
  EXPECT_EQ(chart["traces"][0]["texttemplate"], "%{text}");
  EXPECT_EQ(chart["traces"][0]["reversescale"], true);
  EXPECT_EQ(chart["layout"]["margin"]["l"], 170);
}

TEST(QqChart, ReferenceLineAcrossTheTheoreticalRange) {
  QqSpec spec;
  spec.theoretical = {-1, 0, 1};
  spec.ordered = {3, 5, NAN};
  spec.line = QqLine{5, 2};
  spec.points_name = "points";
  spec.line_name = "line";
  const auto chart = qq(spec);
  ASSERT_EQ(chart["traces"].size(), 2u);
  EXPECT_EQ(chart["traces"][0]["y"], nlohmann::json::array({3.0, 5.0, nullptr}));
  EXPECT_EQ(chart["traces"][0]["marker"]["color"], "#FFD700");
  EXPECT_EQ(chart["traces"][1]["x"], nlohmann::json::array({-1.0, 1.0}));
  EXPECT_EQ(chart["traces"][1]["y"], nlohmann::json::array({3.0, 7.0}));
  EXPECT_EQ(chart["traces"][1]["line"]["color"], "#DC3545");
  spec.line.reset();
  EXPECT_EQ(qq(spec)["traces"].size(), 1u);
}

}  // namespace
}  // namespace mtm::present::charts
