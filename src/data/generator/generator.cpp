#include "data/generator/generator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <numeric>
#include <optional>
#include <thread>
#include <unordered_set>
#include <vector>

#include "core/errors.hpp"
#include "data/generator/calendar.hpp"
#include "data/generator/calibration.hpp"
#include "data/generator/content.hpp"
#include "data/generator/csv_writer.hpp"
#include "data/generator/rng.hpp"
#include "data/generator/vocabulary.hpp"

namespace mtm::data {

using namespace gen;

namespace {

constexpr std::int32_t day_of(const int (&d)[3]) {
  return days_from_civil(d[0], d[1], d[2]);
}
constexpr std::size_t kRecipeChunk = 1024;  // recipes per parallel job (fixed: output independent of threads)
constexpr std::size_t kMaxJobsAhead = 48;   // bounds memory: finished chunks waiting to be written

/// A discrete distribution over consecutive days, sampled by inverse CDF.
class DayCurve {
 public:
  DayCurve(std::int32_t first, std::int32_t last, const std::function<double(std::int32_t)>& weight) : first_(first) {
    cdf_.resize(static_cast<std::size_t>(last - first) + 1);
    double total = 0;
    for (std::int32_t d = first; d <= last; ++d) {
      total += weight(d);
      cdf_[static_cast<std::size_t>(d - first)] = total;
    }
    for (double& c : cdf_) c /= total;
  }
  [[nodiscard]] std::int32_t first() const noexcept { return first_; }
  [[nodiscard]] std::int32_t last() const noexcept { return first_ + static_cast<std::int32_t>(cdf_.size()) - 1; }
  /// Share of the mass strictly before day.
  [[nodiscard]] double before(std::int32_t day) const {
    if (day <= first_) return 0;
    if (day > last()) return 1;
    return cdf_[static_cast<std::size_t>(day - first_ - 1)];
  }
  /// The day at cumulative share u in [0, 1).
  [[nodiscard]] std::int32_t quantile(double u) const {
    const auto it = std::upper_bound(cdf_.begin(), cdf_.end(), u);
    const auto k = std::min<std::ptrdiff_t>(it - cdf_.begin(), static_cast<std::ptrdiff_t>(cdf_.size()) - 1);
    return first_ + static_cast<std::int32_t>(k);
  }

 private:
  std::int32_t first_;
  std::vector<double> cdf_;
};

/// Integers proportional to raw (each at most cap) summing exactly to total, by largest remainder.
std::vector<std::int64_t> fit_to_total(std::vector<double> raw, std::int64_t total, std::int64_t cap) {
  const std::size_t n = raw.size();
  std::vector<std::int64_t> out(n, 0);
  std::vector<bool> fixed(n, false);
  std::int64_t remaining = total;
  for (int round = 0; round < 20; ++round) {
    double sum = 0;
    std::size_t free_items = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (!fixed[i]) {
        sum += raw[i];
        ++free_items;
      }
    }
    if (free_items == 0) break;
    if (sum <= 0) {
      for (std::size_t i = 0; i < n; ++i) raw[i] = fixed[i] ? raw[i] : 1.0;
      sum = static_cast<double>(free_items);
    }
    const auto f = static_cast<double>(remaining) / sum;
    bool capped = false;
    for (std::size_t i = 0; i < n; ++i) {
      if (!fixed[i] && raw[i] * f > static_cast<double>(cap)) {
        fixed[i] = true;
        out[i] = cap;
        remaining -= cap;
        capped = true;
      }
    }
    if (capped) continue;
    std::int64_t assigned = 0;
    std::vector<std::pair<double, std::size_t>> fractions;
    fractions.reserve(free_items);
    for (std::size_t i = 0; i < n; ++i) {
      if (fixed[i]) continue;
      const double x = raw[i] * f;
      out[i] = static_cast<std::int64_t>(std::floor(x));
      assigned += out[i];
      fractions.emplace_back(x - std::floor(x), i);
    }
    std::int64_t left = remaining - assigned;
    std::stable_sort(fractions.begin(), fractions.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t k = 0; left > 0 && k < fractions.size(); ++k, --left) ++out[fractions[k].second];
    break;
  }
  return out;
}

/// Everything decided before any text is written: dates, ids, who wrote and who reviewed what.
struct Plan {
  std::uint64_t seed = 0;
  GeneratorSummary counts;
  std::vector<std::int32_t> submitted;  // by recipe index, ascending
  std::vector<std::int64_t> recipe_id;  // ascending with submission
  std::vector<std::int64_t> contributor;
  std::vector<std::int64_t> offset;  // interactions of recipe r are slots [offset[r], offset[r+1])
  std::vector<std::int64_t> slot_user;
  std::vector<RecipeCore> cores;
  std::vector<std::uint32_t> name_order;  // recipe indices in file order (by name)
  std::optional<DayCurve> activity;       // when interactions happen
};

std::vector<std::int64_t> distinct_ids(Rng& rng, std::int64_t count, std::int64_t lo, std::int64_t hi) {
  // Stratified: one id per equal slice of [lo, hi), so the ids are distinct and spread out.
  std::vector<std::int64_t> ids(static_cast<std::size_t>(count));
  const auto width = static_cast<double>(hi - lo) / static_cast<double>(std::max<std::int64_t>(count, 1));
  for (std::int64_t i = 0; i < count; ++i) {
    const auto start = static_cast<double>(lo) + width * static_cast<double>(i);
    ids[static_cast<std::size_t>(i)] =
        static_cast<std::int64_t>(start) +
        static_cast<std::int64_t>(rng.below(std::max<std::uint64_t>(1, static_cast<std::uint64_t>(width))));
  }
  return ids;
}

DayCurve recipe_curve() {
  const std::int32_t first = day_of(calib::kSubmittedFirst);
  const std::int32_t last = day_of(calib::kSubmittedLast);
  // Normalise within each year so that the yearly totals are exactly the calibrated shares.
  std::array<double, 20> year_norm{};
  for (std::int32_t d = first; d <= last; ++d) {
    const Civil c = civil_from_days(d);
    year_norm[static_cast<std::size_t>(c.year - calib::kFirstYear)] +=
        calib::kRecipeSeasonShare[static_cast<std::size_t>(season_of_month(c.month))] *
        calib::kRecipeWeekday[static_cast<std::size_t>(iso_weekday(d) - 1)];
  }
  return {first, last, [&](std::int32_t d) {
            const Civil c = civil_from_days(d);
            const auto y = static_cast<std::size_t>(c.year - calib::kFirstYear);
            return calib::kRecipeYearShare[y] *
                   calib::kRecipeSeasonShare[static_cast<std::size_t>(season_of_month(c.month))] *
                   calib::kRecipeWeekday[static_cast<std::size_t>(iso_weekday(d) - 1)] / year_norm[y];
          }};
}

DayCurve activity_curve(const DayCurve& recipes) {
  // A recipe is reviewed in proportion to site activity after its submission, so the interaction density
  // is activity(t) x (recipes existing at t); dividing the target yearly shares by the recipes existing
  // mid-year makes the produced yearly curve follow the target.
  const std::int32_t first = day_of(calib::kInteractionFirst);
  const std::int32_t last = day_of(calib::kInteractionLast);
  std::array<double, 19> year_weight{};
  std::array<double, 19> year_norm{};
  for (std::size_t i = 0; i < year_weight.size(); ++i) {
    const int year = 2000 + static_cast<int>(i);
    const double existing = std::max(0.02, recipes.before(days_from_civil(year, 7, 1)));
    year_weight[i] = calib::kInteractionYearShare[i] / existing;
  }
  for (std::int32_t d = first; d <= last; ++d) {
    const Civil c = civil_from_days(d);
    year_norm[static_cast<std::size_t>(c.year - 2000)] +=
        calib::kInteractionMonth[static_cast<std::size_t>(c.month - 1)] *
        calib::kInteractionWeekday[static_cast<std::size_t>(iso_weekday(d) - 1)];
  }
  return {first, last, [&](std::int32_t d) {
            const Civil c = civil_from_days(d);
            const auto y = static_cast<std::size_t>(c.year - 2000);
            return year_weight[y] * calib::kInteractionMonth[static_cast<std::size_t>(c.month - 1)] *
                   calib::kInteractionWeekday[static_cast<std::size_t>(iso_weekday(d) - 1)] / year_norm[y];
          }};
}

/// Run fn(job) for job in [0, jobs) on `threads` threads.
void parallel_jobs(std::size_t jobs, unsigned threads, const std::function<void(std::size_t)>& fn) {
  std::atomic<std::size_t> next{0};
  std::exception_ptr error;
  std::mutex error_mutex;
  auto worker = [&] {
    for (std::size_t job = next++; job < jobs; job = next++) {
      try {
        fn(job);
      } catch (...) {
        std::lock_guard lock(error_mutex);
        if (!error) error = std::current_exception();
        next = jobs;
      }
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  if (error) std::rethrow_exception(error);
}

void plan_people(Plan& plan, const DayCurve& activity) {
  const auto n_recipes = static_cast<std::size_t>(plan.counts.recipes);
  const std::int64_t n_inter = plan.counts.interactions;
  const std::int64_t n_users = plan.counts.users;
  const std::int64_t n_contrib = plan.counts.contributors;
  const auto scale = static_cast<double>(plan.counts.recipes) / calib::kRecipes;

  // Id pool: most ids in the old Food.com range, about 15 % in the 2.0e9 range used from ~2013 on
  // (facts §A.9.8: user_id up to 2.0024e9, contributor_id up to 2.0023e9).
  Rng ids_rng(plan.seed, Stream::Users, 0);
  const std::int64_t reused = n_contrib * 6 / 10;  // contributors who also review
  const std::int64_t pool_size = n_users + (n_contrib - reused);
  const std::int64_t n_new = pool_size * 15 / 100;
  std::vector<std::int64_t> pool = distinct_ids(ids_rng, pool_size - n_new, 1'533, 2'900'000);
  const auto high = distinct_ids(ids_rng, n_new, 2'000'000'000, 2'002'400'000);
  pool.insert(pool.end(), high.begin(), high.end());
  ids_rng.shuffle(std::span(pool));
  std::vector<std::int64_t> users(pool.begin(), pool.begin() + n_users);
  std::vector<std::int64_t> contributors(pool.begin() + n_users, pool.end());
  {
    std::vector<std::int64_t> picked = users;
    ids_rng.shuffle(std::span(picked));
    contributors.insert(contributors.end(), picked.begin(), picked.begin() + reused);
  }

  // Recipes per contributor: half post once, the rest heavy-tailed (top contributors post thousands).
  Rng crng(plan.seed, Stream::Contributors, 0);
  std::vector<double> raw(static_cast<std::size_t>(n_contrib));
  for (double& x : raw) x = crng.chance(0.45) ? 0.0 : 1.0 + crng.lomax(1.25, 1.5);
  const auto extra = fit_to_total(raw, static_cast<std::int64_t>(n_recipes) - n_contrib,
                                  std::max<std::int64_t>(10, std::llround(3'200 * scale)));
  plan.contributor.clear();
  plan.contributor.reserve(n_recipes);
  for (std::size_t c = 0; c < contributors.size(); ++c) {
    for (std::int64_t k = 0; k <= extra[c]; ++k) plan.contributor.push_back(contributors[c]);
  }
  crng.shuffle(std::span(plan.contributor));

  // Interactions per recipe: at least one, then heavy-tailed in proportion to the site activity the recipe
  // was exposed to (old recipes collect more).
  Rng prng(plan.seed, Stream::Popularity, 0);
  raw.assign(n_recipes, 0.0);
  for (std::size_t r = 0; r < n_recipes; ++r) {
    const double exposure = 1.0 - activity.before(plan.submitted[r]);
    raw[r] = exposure * prng.lomax(2.0, 1.0);
  }
  const auto per_recipe =
      fit_to_total(raw, n_inter - static_cast<std::int64_t>(n_recipes), calib::kMaxInteractionsPerRecipe - 1);
  plan.offset.assign(n_recipes + 1, 0);
  for (std::size_t r = 0; r < n_recipes; ++r) plan.offset[r + 1] = plan.offset[r] + 1 + per_recipe[r];

  // Interactions per user: 73 % exactly one, the others two or more with a heavy tail.
  Rng urng(plan.seed, Stream::Users, 1);
  const auto singles = std::llround(calib::kSingleInteractionUsers * static_cast<double>(n_users));
  const std::int64_t multi = n_users - singles;
  std::vector<double> uraw(static_cast<std::size_t>(multi));
  for (double& x : uraw) x = urng.lomax(1.6, 1.0);
  const std::int64_t user_cap = std::max<std::int64_t>(
      4, std::min<std::int64_t>(static_cast<std::int64_t>(n_recipes) / 3, std::llround(7'500 * scale)));
  const auto user_extra = fit_to_total(uraw, n_inter - singles - 2 * multi, user_cap);
  plan.slot_user.clear();
  plan.slot_user.reserve(static_cast<std::size_t>(n_inter));
  for (std::int64_t u = 0; u < n_users; ++u) {
    const std::int64_t times = u < singles ? 1 : 2 + user_extra[static_cast<std::size_t>(u - singles)];
    for (std::int64_t k = 0; k < times; ++k) plan.slot_user.push_back(users[static_cast<std::size_t>(u)]);
  }
  Rng srng(plan.seed, Stream::Shuffle, 0);
  srng.shuffle(std::span(plan.slot_user));

  // A user reviews a recipe at most once: swap duplicates with random slots of other recipes.
  auto contains = [&](std::size_t r, std::int64_t user) {
    const auto b = plan.slot_user.begin() + plan.offset[r];
    const auto e = plan.slot_user.begin() + plan.offset[r + 1];
    return std::find(b, e, user) != e;
  };
  std::vector<std::int64_t> sorted;
  for (std::size_t r = 0; r < n_recipes; ++r) {
    const auto b = static_cast<std::size_t>(plan.offset[r]);
    const auto e = static_cast<std::size_t>(plan.offset[r + 1]);
    if (e - b < 2) continue;
    for (std::size_t s = b + 1; s < e; ++s) {
      const std::int64_t user = plan.slot_user[s];
      if (std::find(plan.slot_user.begin() + static_cast<std::ptrdiff_t>(b),
                    plan.slot_user.begin() + static_cast<std::ptrdiff_t>(s),
                    user) == plan.slot_user.begin() + static_cast<std::ptrdiff_t>(s)) {
        continue;
      }
      for (int attempt = 0; attempt < 200; ++attempt) {
        const auto t = static_cast<std::size_t>(srng.below(static_cast<std::uint64_t>(n_inter)));
        const auto other = static_cast<std::size_t>(
            std::upper_bound(plan.offset.begin(), plan.offset.end(), static_cast<std::int64_t>(t)) -
            plan.offset.begin() - 1);
        if (other == r) continue;
        const std::int64_t candidate = plan.slot_user[t];
        if (contains(r, candidate) || contains(other, user)) continue;
        std::swap(plan.slot_user[s], plan.slot_user[t]);
        break;
      }
    }
  }
}

Plan make_plan(const GeneratorOptions& options, unsigned threads) {
  Plan plan;
  plan.seed = options.seed;
  plan.counts = planned_counts(options.scale);
  const auto n = static_cast<std::size_t>(plan.counts.recipes);
  const DayCurve recipes = recipe_curve();
  plan.activity.emplace(activity_curve(recipes));
  const DayCurve& activity = *plan.activity;

  // Submission dates: stratified inverse-CDF draws, so the calendar shape holds even at small scales.
  Rng cal(plan.seed, Stream::Calendar, 0);
  plan.submitted.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    plan.submitted[i] = recipes.quantile((static_cast<double>(i) + cal.uniform()) / static_cast<double>(n));
  }
  // Recipe ids grow with submission over the real range 38..537,716; past scale ~2 the range grows instead,
  // with a mean gap of 2, so ids stay unique and ascending.
  plan.recipe_id.resize(n);
  const double mean_gap = std::max(2.0, (537'716.0 - 38.0) / static_cast<double>(n));
  std::int64_t id = 38;
  for (std::size_t i = 0; i < n; ++i) {
    plan.recipe_id[i] = id;
    id += 1 + static_cast<std::int64_t>(cal.exponential(mean_gap - 1.0));
  }
  plan_people(plan, activity);

  // The recipes' content, in parallel chunks (each recipe has its own random stream).
  plan.cores.resize(n);
  const std::size_t jobs = (n + kRecipeChunk - 1) / kRecipeChunk;
  parallel_jobs(jobs, threads, [&](std::size_t job) {
    for (std::size_t r = job * kRecipeChunk; r < std::min(n, (job + 1) * kRecipeChunk); ++r) {
      plan.cores[r] = make_recipe_core(plan.seed, r, plan.submitted[r]);
    }
  });
  apply_special_recipes(plan.cores, plan.submitted);

  plan.name_order.resize(n);
  std::iota(plan.name_order.begin(), plan.name_order.end(), 0U);
  std::stable_sort(plan.name_order.begin(), plan.name_order.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return plan.cores[a].name < plan.cores[b].name; });
  return plan;
}

void write_recipe_chunk(const Plan& plan, std::size_t job, std::string& out) {
  const std::size_t n = plan.name_order.size();
  std::string scratch;
  for (std::size_t k = job * kRecipeChunk; k < std::min(n, (job + 1) * kRecipeChunk); ++k) {
    const std::uint32_t r = plan.name_order[k];
    append_recipe_row(out, scratch, plan.seed, r, plan.cores[r], plan.recipe_id[r], plan.contributor[r],
                      plan.submitted[r]);
  }
}

void write_interaction_chunk(const Plan& plan, std::size_t job, std::string& out) {
  const std::size_t n = plan.submitted.size();
  std::vector<std::int32_t> dates;
  const DayCurve& activity = *plan.activity;
  for (std::size_t r = job * kRecipeChunk; r < std::min(n, (job + 1) * kRecipeChunk); ++r) {
    Rng rng(plan.seed, Stream::Interactions, r);
    const auto b = plan.offset[r];
    const auto e = plan.offset[r + 1];
    const std::int32_t sub = std::max(plan.submitted[r], activity.first());
    const double from = activity.before(sub);
    dates.clear();
    for (auto s = b; s < e; ++s) {
      std::int32_t d = 0;
      if (s == b && rng.chance(calib::kQuickFirstReview)) {
        d = sub + static_cast<std::int32_t>(rng.exponential(calib::kQuickFirstReviewDays));
      } else {
        d = activity.quantile(from + rng.uniform() * (1.0 - from));
      }
      dates.push_back(std::clamp(d, sub, activity.last()));
    }
    std::sort(dates.begin(), dates.end());
    for (auto s = b; s < e; ++s) {
      append_interaction_row(out, rng, plan.slot_user[static_cast<std::size_t>(s)], plan.recipe_id[r],
                             dates[static_cast<std::size_t>(s - b)]);
    }
  }
}

}  // namespace

GeneratorSummary planned_counts(double scale) {
  auto scaled = [scale](std::int64_t n) {
    return std::max<std::int64_t>(1, std::llround(static_cast<double>(n) * scale));
  };
  GeneratorSummary s;
  s.recipes = scaled(calib::kRecipes);
  s.interactions = scaled(calib::kInteractions);
  s.users = scaled(calib::kUsers);
  s.contributors = scaled(calib::kContributors);
  return s;
}

void validate(const GeneratorOptions& options) {
  if (!(options.scale >= 0.01 && options.scale <= 10.0)) {
    throw ValidationError("--scale", fmt::format("--scale must be between 0.01 and 10, got {}", options.scale));
  }
  if (options.out_dir.empty()) throw ValidationError("--out", "--out must name an output directory");
  std::error_code ec;
  if (std::filesystem::exists(options.out_dir, ec) && !std::filesystem::is_directory(options.out_dir, ec)) {
    throw ValidationError("--out", fmt::format("--out '{}' exists and is not a directory", options.out_dir.string()));
  }
}

std::string generated_marker_json(const GeneratorOptions& options) {
  return fmt::format(
      "{{\"generator\":\"mangetamain generate\",\"version\":\"0.1.0\",\"seed\":{},\"scale\":{},\"synthetic\":true}}\n",
      options.seed,
      fmt::format("{:.4g}", options.scale).find('.') == std::string::npos ? fmt::format("{:.1f}", options.scale)
                                                                          : fmt::format("{:.4g}", options.scale));
}

GeneratorSummary generate(const GeneratorOptions& options) {
  validate(options);
  const auto start = std::chrono::steady_clock::now();
  const unsigned threads = options.threads > 0 ? options.threads : std::max(1U, std::thread::hardware_concurrency());
  std::error_code ec;
  std::filesystem::create_directories(options.out_dir, ec);
  if (ec) throw DataLoadError(options.out_dir.string(), "cannot create directory: " + ec.message());

  const Plan plan = make_plan(options, threads);
  GeneratorSummary summary = plan.counts;

  CsvFile recipes_file(options.out_dir / "RAW_recipes.csv");
  CsvFile interactions_file(options.out_dir / "RAW_interactions.csv");
  recipes_file.write(kRecipesHeader);
  recipes_file.write(kCrlf);
  interactions_file.write(kInteractionsHeader);
  interactions_file.write(kCrlf);

  // Jobs: recipe chunks, then interaction chunks. Workers fill slots; this thread writes them in order.
  const std::size_t recipe_jobs = (plan.name_order.size() + kRecipeChunk - 1) / kRecipeChunk;
  const std::size_t jobs = 2 * recipe_jobs;
  std::vector<std::string> slots(jobs);
  std::vector<bool> done(jobs, false);
  std::mutex mutex;
  std::condition_variable ready;
  std::condition_variable room;
  std::size_t written = 0;
  std::atomic<std::size_t> next{0};
  std::exception_ptr error;
  auto worker = [&] {
    for (;;) {
      const std::size_t job = next++;
      if (job >= jobs) return;
      {
        std::unique_lock lock(mutex);
        room.wait(lock, [&] { return job < written + kMaxJobsAhead || error; });
        if (error) return;
      }
      std::string out;
      try {
        out.reserve(job < recipe_jobs ? kRecipeChunk * 1400 : kRecipeChunk * 1600);
        if (job < recipe_jobs) {
          write_recipe_chunk(plan, job, out);
        } else {
          write_interaction_chunk(plan, job - recipe_jobs, out);
        }
      } catch (...) {
        std::lock_guard lock(mutex);
        // Another worker may have failed since this one checked (cppcheck reasons single-threaded).
        // cppcheck-suppress knownConditionTrueFalse
        if (!error) error = std::current_exception();
        ready.notify_all();
        room.notify_all();
        return;
      }
      std::lock_guard lock(mutex);
      slots[job] = std::move(out);
      done[job] = true;
      ready.notify_all();
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);
  try {
    for (std::size_t job = 0; job < jobs; ++job) {
      std::string chunk;
      {
        std::unique_lock lock(mutex);
        ready.wait(lock, [&] { return done[job] || error; });
        if (error) break;
        chunk = std::move(slots[job]);
      }
      (job < recipe_jobs ? recipes_file : interactions_file).write(chunk);
      {
        std::lock_guard lock(mutex);
        written = job + 1;
      }
      room.notify_all();
    }
  } catch (...) {
    std::lock_guard lock(mutex);
    if (!error) error = std::current_exception();
    room.notify_all();
  }
  for (auto& t : pool) t.join();
  if (error) std::rethrow_exception(error);
  recipes_file.close();
  interactions_file.close();
  summary.recipe_bytes = recipes_file.bytes_written();
  summary.interaction_bytes = interactions_file.bytes_written();

  CsvFile marker(options.out_dir / "GENERATED.json");
  marker.write(generated_marker_json(options));
  marker.close();
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace mtm::data
