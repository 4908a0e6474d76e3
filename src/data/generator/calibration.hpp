// The real Food.com facts the synthetic generator is calibrated to, as named constants with their source.
// "facts §X" = /work/shared/reference/dataset-facts-and-peers.md, "seed §X" = seed-app-inventory.md.
// Compile-time constants only; thread-safe.
#pragma once

#include <array>
#include <cstdint>

namespace mtm::data::gen::calib {

// --- Cardinalities at scale 1 (facts §A.1, §A.2) ---
inline constexpr std::int64_t kRecipes = 231'637;
inline constexpr std::int64_t kInteractions = 1'132'367;
inline constexpr std::int64_t kUsers = 226'570;
inline constexpr std::int64_t kContributors = 27'926;
/// Users with exactly one interaction: 166,256 of 226,570 (facts §A.2).
inline constexpr double kSingleInteractionUsers = 0.7338;
/// Largest number of interactions on one recipe (facts §A.2).
inline constexpr std::int64_t kMaxInteractionsPerRecipe = 1'613;

// --- Date ranges (facts §A.3) ---
inline constexpr int kSubmittedFirst[3] = {1999, 8, 6};
inline constexpr int kSubmittedLast[3] = {2018, 12, 4};
inline constexpr int kInteractionFirst[3] = {2000, 1, 25};
inline constexpr int kInteractionLast[3] = {2018, 12, 20};
inline constexpr int kFirstYear = 1999;
inline constexpr int kLastYear = 2018;

/// Share of recipes submitted per year 1999..2018. Shape from seed §8.3 (peak 2007 = 29,790 of 200,066
/// cleaned, min 134 in 1999, median ≈ 5,455/year, steep decline after) and facts §A.7 (amaldre: 2007 26,539,
/// 2008 23,238 of 176,287; 85 % in 2002-2010; 2014 onwards < 1 %/year in the random sample).
inline constexpr std::array<double, 20> kRecipeYearShare = {0.0007, 0.012, 0.035, 0.085,  0.075,  0.080, 0.095,
                                                            0.115,  0.149, 0.132, 0.100,  0.045,  0.025, 0.017,
                                                            0.012,  0.006, 0.003, 0.0028, 0.0025, 0.0022};

/// Recipe volume per season relative to the mean: winter -3.0 %, spring +8.7 %, summer -2.1 %, autumn -3.6 %
/// (seed §8.4); as shares of the year.
inline constexpr std::array<double, 4> kRecipeSeasonShare = {0.2425, 0.2717, 0.2448, 0.2410};
/// Submissions per ISO weekday relative to the daily mean: Mon +45 %, Tue +29 %, Wed +13 %, Sat -49 %,
/// Sun -36 % (seed §8.5); Thu/Fri split the remaining -2 % (not published).
inline constexpr std::array<double, 7> kRecipeWeekday = {1.45, 1.29, 1.13, 1.05, 0.93, 0.51, 0.64};

/// Share of interactions per year 2000..2018: the 1,000-row random-sample estimate of facts §A.7
/// (peak 2008, 2017 bump); 2000 is not printed anywhere, set small.
inline constexpr std::array<double, 19> kInteractionYearShare = {0.001, 0.003, 0.016, 0.033, 0.036, 0.066, 0.078,
                                                                 0.116, 0.153, 0.136, 0.099, 0.067, 0.047, 0.051,
                                                                 0.021, 0.020, 0.014, 0.030, 0.014};
/// Interactions per month (relative): January busiest (104,168 of 1,071,520), winter 281,080 > spring
/// 266,609 > summer 262,824 > autumn 261,007 (seed §8.6).
inline constexpr std::array<double, 12> kInteractionMonth = {1.17, 1.00, 1.02, 0.99, 0.98, 0.97,
                                                             1.00, 0.97, 0.96, 0.98, 0.98, 0.95};
/// Ratings per weekday (seed §8.6: Mon 111,473 ... Sun 110,049 of 681,944).
inline constexpr std::array<double, 7> kInteractionWeekday = {111'473, 101'319, 95'173, 91'512,
                                                              83'924,  88'494,  110'049};
/// Probability that a recipe's first review comes soon after submission, and that delay's mean (days).
inline constexpr double kQuickFirstReview = 0.35;
inline constexpr double kQuickFirstReviewDays = 40.0;

// --- Ratings (facts §A.4, seed §8.6) ---
/// Shares of ratings 1..5 among rated rows (12,818 / 14,123 / 40,855 / 187,360 / 816,364).
inline constexpr std::array<double, 5> kRatedShare = {0.011962, 0.013180, 0.038128, 0.174854, 0.761876};
/// Share of 0 ratings (reviews without stars) before 2009 and its yearly rise afterwards, so that the total
/// is 5.37 % (facts §A.4: the yearly mean including zeros falls after 2008).
inline constexpr double kZeroRatingBase = 0.0335;
inline constexpr double kZeroRatingRisePerYear = 0.012;
/// Mass moved between 5 stars and 1-2 stars per season (W, Sp, Su, Au) so that the seasonal means are
/// 4.648 / 4.668 / 4.676 / 4.654 (seed §8.6), and the weekend shift (+0.0074, seed §8.6).
inline constexpr std::array<double, 4> kRatingSeasonShift = {-0.0036, 0.0020, 0.0042, -0.0020};
inline constexpr double kRatingWeekendShift = 0.0021;
/// Empty reviews: 169 of 1,132,367 (facts §A.1).
inline constexpr double kEmptyReview = 169.0 / 1'132'367.0;
/// Multi-line reviews (65 of 1,000 sampled) and reviews with HTML entities or tags (5-7 %, facts §A.9.6).
inline constexpr double kMultilineReview = 0.065;
inline constexpr double kHtmlReview = 0.075;

// --- minutes, n_steps, n_ingredients (facts §A.5, seed §8.2-§8.4) ---
/// Quantile knots (cumulative share, minutes) of the minutes distribution: 1,094 zeros (0.47 %), 542 ones,
/// p25 20, median 40, p75 65, p90 135, p99 740, 2,000 above 1,440 (0.86 %).
inline constexpr std::array<std::array<double, 2>, 18> kMinutesKnots = {{{0.0047, 1},
                                                                         {0.0070, 1},
                                                                         {0.02, 3},
                                                                         {0.06, 5},
                                                                         {0.13, 10},
                                                                         {0.25, 20},
                                                                         {0.42, 30},
                                                                         {0.50, 40},
                                                                         {0.64, 50},
                                                                         {0.75, 65},
                                                                         {0.83, 90},
                                                                         {0.90, 135},
                                                                         {0.95, 240},
                                                                         {0.975, 420},
                                                                         {0.99, 740},
                                                                         {0.9914, 1440},
                                                                         {0.9995, 20160},
                                                                         {1.0, 100000}}};
/// Yearly drift of minutes: the WLS slope of yearly mean minutes is -0.4641 min/year on a ≈ 42.4 min mean
/// (seed §8.3), i.e. about -1.1 %/year.
inline constexpr double kMinutesDriftPerYear = -0.018;
/// Seasonal mean minutes 43.1 / 41.9 / 41.0 / 43.9 over 42.4 (seed §8.4).
inline constexpr std::array<double, 4> kMinutesSeason = {1.016, 0.988, 0.967, 1.035};
/// n_steps: mean 9.77, sd 6.0, median 9 (facts §A.5); seasonal 9.30 / 9.18 / 8.99 / 9.34 (seed §8.4).
inline constexpr double kStepsMean = 9.77;
inline constexpr double kStepsShape = 2.65;
inline constexpr std::array<double, 4> kStepsSeason = {1.011, 0.998, 0.977, 1.015};
/// n_ingredients: mean 9.05, sd 3.735, max 43 (facts §A.5); seasonal 8.80 / 8.77 / 8.74 / 8.81.
inline constexpr double kIngredientsMean = 9.05;
inline constexpr double kIngredientsShape = 5.87;
inline constexpr std::array<double, 4> kIngredientsSeason = {1.002, 0.999, 0.995, 1.003};
/// Complexity = ln(1+minutes) + n_steps + 0.5 n_ingredients rises +0.100/year (seed §8.3): steps and
/// ingredients grow by these relative amounts per year.
inline constexpr double kStepsDriftPerYear = 0.0085;
inline constexpr double kIngredientsDriftPerYear = 0.006;
/// Pivot year of every linear drift (the peak of submissions).
inline constexpr int kTrendPivotYear = 2007;
/// 1999 → 2018: the span over which the vocabulary deltas are measured.
inline constexpr double kTrendSpanYears = 19.0;

// --- Nutrition (facts §A.6, seed §8.3-§8.4) ---
/// Calories: median ≈ 320, mean ≈ 470, heavy right tail (max ≈ 21,500): lognormal(ln 320, 0.88).
inline constexpr double kCaloriesMedian = 320.0;
inline constexpr double kCaloriesSigma = 0.88;
/// Yearly calories WLS slope -12.66 kcal/year on ≈ 455 (seed §8.3): about -2.7 %/year.
inline constexpr double kCaloriesDriftPerYear = -0.027;
/// Seasonal mean calories 455.5 / 446.9 / 445.5 / 472.1 and sugar 79.1 / 75.5 / 79.9 / 92.2 (seed §8.4).
inline constexpr std::array<double, 4> kCaloriesSeason = {1.005, 0.986, 0.983, 1.042};
inline constexpr std::array<double, 4> kSugarSeason = {0.97, 0.93, 0.98, 1.13};
/// Protein on weekend submissions: -3.0 % (seed §8.5).
inline constexpr double kProteinWeekend = 0.97;
/// Median %DV of fat, sugar, sodium, protein, saturated fat, carbohydrates (facts §A.6).
inline constexpr std::array<double, 6> kNutrientMedian = {20, 23.5, 16, 19, 24, 9};

// --- Vocabularies (facts §A.2, §A.8, seed §8.3-§8.4) ---
/// Distinct ingredient strings: 14,941 (facts §A.2; 14,161 on cleaned recipes, seed §8.4).
inline constexpr std::size_t kIngredientVocabulary = 14'941;
/// Distinct tags: 510 (seed §8.4).
inline constexpr std::size_t kTagVocabulary = 510;
/// A sampled ingredient seen in at least this many of the 1,100 real recipes is drawn independently.
inline constexpr int kHeadMinSeedCount = 3;
/// Zipf weights of the ingredient tail: 1 / (rank + offset)^exponent.
inline constexpr double kTailZipfOffset = 10.0;
inline constexpr double kTailZipfExponent = 0.95;
/// Tag share of recipes with '' in their tag list (facts §A.2: the tag set contains '').
inline constexpr double kEmptyTag = 0.0005;

// --- Text (facts §A.1, §A.9) ---
/// Empty descriptions: 4,979 of 231,637; multi-line descriptions 59 of 1,000; names with a double space
/// 186 of 1,000; list cells with a double-quoted Python string 156 of 1,000.
inline constexpr double kEmptyDescription = 4'979.0 / 231'637.0;
inline constexpr double kMultilineDescription = 0.059;
inline constexpr double kDoubleSpaceName = 0.186;

}  // namespace mtm::data::gen::calib
