// The pie and season-bar chart builders: Plotly traces carrying exactly the given labels, values and
// colours, error bars only when asked, NaN as null, and axis titles only when given.
#include <gtest/gtest.h>

#include <cmath>

#include "present/charts/pie.hpp"
#include "present/charts/season_bars.hpp"
#include "present/message.hpp"
#include "present/theme.hpp"

namespace mtm::present::charts {
namespace {

TEST(PieChartTest, OneSlicePerLabelWithItsColourAndShare) {
  const nlohmann::json labels = {label("season.name", {{"season", "winter"}}), "Summer"};
  const nlohmann::json chart = pie(labels, {3, NAN}, {"#4682B4", std::string(theme::kGold)});
  ASSERT_EQ(chart["traces"].size(), 1u);
  const auto& trace = chart["traces"][0];
  EXPECT_EQ(trace["type"], "pie");
  EXPECT_EQ(trace["labels"], labels);
  EXPECT_EQ(trace["values"], nlohmann::json({3.0, nullptr}));
  EXPECT_EQ(trace["marker"]["colors"], nlohmann::json({"#4682B4", "#FFD700"}));
  EXPECT_EQ(trace["textinfo"], "label+percent");
  EXPECT_TRUE(chart["layout"].is_object());
}

TEST(SeasonBarsTest, BarsInSeasonColoursWithOptionalErrorBarsAndTitles) {
  SeasonBars spec;
  spec.categories = {"Winter", "Spring"};
  spec.values = {10, 12.5};
  spec.colors = {std::string(theme::season_color("winter")), std::string(theme::season_color("spring"))};
  spec.name = label("seasonality.label.recipes");
  nlohmann::json chart = season_bars(spec);
  const auto& bar = chart["traces"][0];
  EXPECT_EQ(bar["type"], "bar");
  EXPECT_EQ(bar["x"], spec.categories);
  EXPECT_EQ(bar["y"], nlohmann::json({10.0, 12.5}));
  EXPECT_EQ(bar["marker"]["color"], nlohmann::json({"#4682B4", "#90EE90"}));
  EXPECT_EQ(bar["name"], spec.name);
  EXPECT_FALSE(bar.contains("error_y"));
  EXPECT_FALSE(chart["layout"].contains("xaxis"));

  spec.errors = {1.5, NAN};
  spec.y_title = "Recipes";
  chart = season_bars(spec);
  EXPECT_EQ(chart["traces"][0]["error_y"]["array"], nlohmann::json({1.5, nullptr}));
  EXPECT_EQ(chart["traces"][0]["error_y"]["type"], "data");
  EXPECT_EQ(chart["layout"]["yaxis"]["title"]["text"], "Recipes");
  EXPECT_FALSE(chart["layout"].contains("xaxis"));
}

}  // namespace
}  // namespace mtm::present::charts
