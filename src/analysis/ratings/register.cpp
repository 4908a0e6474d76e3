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
#include "present/message.hpp"

namespace mtm::analysis {

namespace {

const std::vector<std::string> kMonthlyFilters = {"year_from", "year_to", "seasons", "days", "min_interactions"};
const std::vector<std::string> kSeasonFilters = {"year_from", "year_to", "seasons", "days"};

// compute then view: the view reads nothing but the result.
template <auto Compute, auto View>
nlohmann::json run(db::Connection& con, const Filters& f) {
  return View(Compute(con, f));
}

}  // namespace

void register_ratings(std::vector<Analysis>& out) {
  using namespace ratings;
  Filters defaults;
  defaults.date_basis = "rating";
  // The catalogue's titles are the analyses' own title messages, so each is written once.
  auto add = [&](const std::string& id, const std::vector<std::string>& filters, const char* title_id, auto runner) {
    Analysis a{id, "ratings", present::label(title_id), filters, defaults, runner};
    a.language_free = true;
    out.push_back(std::move(a));
  };
  add("ratings.validation", kMonthlyFilters, "ratings.validation.title", run<compute_validation, validation_view>);
  add("ratings.trend", kMonthlyFilters, "ratings.trend.title", run<compute_trend, trend_view>);
  add("ratings.distribution", kMonthlyFilters, "ratings.distribution.title",
      run<compute_distribution, distribution_view>);
  add("ratings.seasonal", kSeasonFilters, "ratings.seasonal.title", run<compute_seasonal, seasonal_view>);
  add("ratings.seasonal_variations", kSeasonFilters, "ratings.variations.title",
      run<compute_seasonal_variations, seasonal_variations_view>);
}

}  // namespace mtm::analysis
