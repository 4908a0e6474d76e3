// Page 4, "Ratings" (seed-app-inventory §5): monthly rating statistics weighted by √n, their trend,
// distribution and seasonality, on clean interactions (rating 1–5) by rating date. Fixes of §12: the
// trend runs on calendar time (months since 2000-01), not on the month rank; the "95 % CI" is a real
// standard error; one season order; no fixed axis ranges; excluded and partial months are reported.
// Each analysis computes a typed result (<analysis>.hpp) and its view turns it into a language-free
// report of catalog messages.
#include "analysis/ratings/distribution.hpp"
#include "analysis/ratings/seasonal.hpp"
#include "analysis/ratings/seasonal_variations.hpp"
#include "analysis/ratings/trend.hpp"
#include "analysis/ratings/validation.hpp"
#include "analysis/registry.hpp"

namespace mtm::analysis {

namespace {

const std::vector<std::string> kMonthlyFilters = {"year_from", "year_to", "seasons", "days", "min_interactions"};
const std::vector<std::string> kSeasonFilters = {"year_from", "year_to", "seasons", "days"};

// compute then view: the view reads nothing but the result (and the filters echoed in it).
template <auto Compute, auto View>
nlohmann::json run(db::Connection& con, const Filters& f) {
  return View(Compute(con, f), f);
}

}  // namespace

void register_ratings(std::vector<Analysis>& out) {
  using namespace ratings;
  Filters defaults;
  defaults.date_basis = "rating";
  auto add = [&](const char* id, const char* title_en, const char* title_fr, const std::vector<std::string>& filters,
                 auto runner) {
    Analysis a{id, "ratings", title_en, title_fr, filters, defaults, runner};
    a.language_free = true;
    out.push_back(std::move(a));
  };
  add("ratings.validation", "Methodological validation: weighting by volume",
      "Validation méthodologique : pondération par le volume", kMonthlyFilters,
      run<compute_validation, validation_view>);
  add("ratings.trend", "Rating trend over time", "Tendance des notes dans le temps", kMonthlyFilters,
      run<compute_trend, trend_view>);
  add("ratings.distribution", "Rating distribution and stability", "Distribution et stabilité des notes",
      kMonthlyFilters, run<compute_distribution, distribution_view>);
  add("ratings.seasonal", "Ratings by season", "Notes par saison", kSeasonFilters,
      run<compute_seasonal, seasonal_view>);
  add("ratings.seasonal_variations", "Seasonal variations of ratings", "Variations saisonnières des notes",
      kSeasonFilters, run<compute_seasonal_variations, seasonal_variations_view>);
}

}  // namespace mtm::analysis
