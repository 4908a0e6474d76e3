// The line and bar chart builders: Plotly traces in the order drawn, with the data, colours and names given.
#include <gtest/gtest.h>

#include <cmath>

#include "present/charts/bar.hpp"
#include "present/charts/line.hpp"
#include "present/message.hpp"

namespace mtm::present::charts {
namespace {

TEST(LineChartTest, BandUnderSeriesThenDashedTrends) {
  LineChart chart({2001, 2002}, "Year", label("minutes"));
  chart.bands.push_back({"band", "edge", {1, 2}, {3, 4}, "rgba(0,0,0,0.1)"});
  LineSeries mean{label("mean"), {2, NAN}, "#FF8C00"};
  mean.marker_sizes = {4, 30};
  mean.symbol = "diamond";
  chart.series.push_back(mean);
  chart.series.emplace_back("ref", std::vector<double>{0, 1}, "#DC3545", "lines", std::vector<double>{-1, 1});
  chart.trends.emplace_back("trend", std::vector<double>{2.5, 3.5}, "#1E90FF");
  const auto spec = line(chart);
  const auto& t = spec["traces"];
  ASSERT_EQ(t.size(), 5u);
  EXPECT_EQ(t[0]["y"], nlohmann::json({3, 4}));  // the band's upper edge first, hidden
  EXPECT_EQ(t[0]["showlegend"], false);
  EXPECT_EQ(t[1]["fill"], "tonexty");
  EXPECT_EQ(t[1]["y"], nlohmann::json({1, 2}));
  EXPECT_EQ(t[2]["y"], nlohmann::json({2, nullptr}));  // NaN is no point
  EXPECT_EQ(t[2]["marker"]["size"], nlohmann::json({4, 30}));
  EXPECT_EQ(t[2]["marker"]["symbol"], "diamond");
  EXPECT_EQ(t[2]["mode"], "lines+markers");
  EXPECT_EQ(t[2]["name"], label("mean"));
  EXPECT_EQ(t[3]["x"], nlohmann::json({-1, 1}));  // its own x
  EXPECT_FALSE(t[3].contains("marker"));
  EXPECT_EQ(t[4]["line"]["dash"], "dash");
  EXPECT_EQ(t[4]["line"]["color"], "#1E90FF");
  EXPECT_EQ(t[4]["x"], nlohmann::json({2001, 2002}));
  EXPECT_EQ(spec["layout"]["yaxis"]["title"]["text"], label("minutes"));
}

TEST(BarChartTest, OneSeriesOrGroupedBars) {
  BarChart single{{{"Recipes", {2001, 2002}, {3, 5}, {"#FF8C00", "rgba(255,140,0,0.35)"}, {false, true}}}, "Year", "n"};
  const auto one = bar(single);
  ASSERT_EQ(one["traces"].size(), 1u);
  EXPECT_EQ(one["traces"][0]["type"], "bar");
  EXPECT_EQ(one["traces"][0]["marker"]["color"][1], "rgba(255,140,0,0.35)");
  EXPECT_EQ(one["traces"][0]["customdata"], nlohmann::json({false, true}));
  EXPECT_FALSE(one["layout"].contains("barmode"));
  BarChart grouped{{{"a", {"x"}, {1}, "#FF8C00", nullptr}, {"b", {"x"}, {2}, "#FFD700", nullptr}}, "", ""};
  const auto two = bar(grouped);
  EXPECT_EQ(two["layout"]["barmode"], "group");
  EXPECT_FALSE(two["traces"][1].contains("customdata"));
}

TEST(ChartColorTest, TranslucentThemeColour) {
  EXPECT_EQ(translucent("#FF8C00", 0.35), "rgba(255,140,0,0.35)");
  EXPECT_EQ(translucent("#1E90FF", 0.15), "rgba(30,144,255,0.15)");
}

}  // namespace
}  // namespace mtm::present::charts
