// The box and dot-plot chart builders: one Plotly trace per group (box) or the mean bars and median/IQR
// markers (dot plot), with the values given, non-finite values as null, and label nodes kept for render().
#include <gtest/gtest.h>

#include <cmath>

#include "present/charts/box.hpp"
#include "present/charts/dot_plot.hpp"
#include "present/message.hpp"
#include "present/theme.hpp"

namespace mtm::present::charts {
namespace {

TEST(BoxChart, OneBoxPerGroupFromQuartilesAndFences) {
  const std::vector<BoxGroup> groups = {{"A", 1, 2, 4, 0.5, 7, 2.5, 1.2, theme::kGold},
                                        {"B", 3, 5, 6, 1.5, NAN, 4.5, 0.8, theme::kOrange}};
  const auto spec = box(groups, label("x.title"), "Minutes");
  const auto& traces = spec["traces"];
  ASSERT_EQ(traces.size(), 2u);
  EXPECT_EQ(traces[0]["type"], "box");
  EXPECT_EQ(traces[0]["name"], "A");
  EXPECT_EQ(traces[0]["x"], nlohmann::json::array({"A"}));
  EXPECT_EQ(traces[0]["q1"][0], 1.0);
  EXPECT_EQ(traces[0]["median"][0], 2.0);
  EXPECT_EQ(traces[0]["q3"][0], 4.0);
  EXPECT_EQ(traces[0]["lowerfence"][0], 0.5);
  EXPECT_EQ(traces[0]["upperfence"][0], 7.0);
  EXPECT_EQ(traces[0]["mean"][0], 2.5);
  EXPECT_EQ(traces[0]["sd"][0], 1.2);
  EXPECT_EQ(traces[1]["marker"]["color"], theme::kOrange);
  EXPECT_TRUE(traces[1]["upperfence"][0].is_null());
  EXPECT_TRUE(is_message_node(spec["layout"]["xaxis"]["title"]["text"]));
  EXPECT_EQ(spec["layout"]["yaxis"]["title"]["text"], "Minutes");
}

TEST(DotPlotChart, MeanBarsAndMedianMarkersWithAsymmetricIqr) {
  const std::vector<DotGroup> groups = {{"A", 10, 8, 5, 14, theme::kGold}, {"B", 20, 18, 12, 30, theme::kOrange}};
  const auto spec = dot_plot(groups, {"Mean", "Median", "Period", "Minutes"}, theme::kRedOrange);
  const auto& bars = spec["traces"][0];
  const auto& dots = spec["traces"][1];
  EXPECT_EQ(bars["type"], "bar");
  EXPECT_EQ(bars["name"], "Mean");
  EXPECT_EQ(bars["x"], nlohmann::json::array({"A", "B"}));
  EXPECT_EQ(bars["y"], nlohmann::json::array({10.0, 20.0}));
  EXPECT_EQ(bars["marker"]["color"], nlohmann::json::array({theme::kGold, theme::kOrange}));
  EXPECT_EQ(dots["name"], "Median");
  EXPECT_EQ(dots["y"], nlohmann::json::array({8.0, 18.0}));
  // Error bars run from the median up to Q3 and down to Q1.
  EXPECT_EQ(dots["error_y"]["array"], nlohmann::json::array({6.0, 12.0}));
  EXPECT_EQ(dots["error_y"]["arrayminus"], nlohmann::json::array({3.0, 6.0}));
  EXPECT_EQ(dots["error_y"]["symmetric"], false);
  EXPECT_EQ(dots["marker"]["color"], theme::kRedOrange);
  EXPECT_EQ(spec["layout"]["xaxis"]["title"]["text"], "Period");
  EXPECT_EQ(spec["layout"]["yaxis"]["title"]["text"], "Minutes");
}

TEST(DotPlotChart, MissingValuesBecomeNull) {
  const auto spec = dot_plot({{"A", NAN, NAN, NAN, NAN, theme::kGold}}, {"m", "d", "x", "y"}, theme::kRedOrange);
  EXPECT_TRUE(spec["traces"][0]["y"][0].is_null());
  EXPECT_TRUE(spec["traces"][1]["error_y"]["array"][0].is_null());
}

}  // namespace
}  // namespace mtm::present::charts
