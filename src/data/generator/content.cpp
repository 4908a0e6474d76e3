#include "data/generator/content.hpp"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <numbers>
#include <string_view>

#include "data/generator/calendar.hpp"
#include "data/generator/calibration.hpp"
#include "data/generator/csv_writer.hpp"

namespace mtm::data::gen {

namespace {

double phi(double z) {
  return 0.5 * std::erfc(-z / std::numbers::sqrt2);
}

template <typename T>
const T& pick(Rng& rng, const std::vector<T>& items) {
  return items[rng.below(items.size())];
}

/// Minutes at cumulative share u, interpolating log(minutes) between the calibrated quantile knots.
double minutes_at(double u) {
  const auto& knots = calib::kMinutesKnots;
  if (u < knots[0][0]) return 0;
  for (std::size_t k = 0; k + 1 < knots.size(); ++k) {
    if (u < knots[k + 1][0]) {
      const double t = (u - knots[k][0]) / (knots[k + 1][0] - knots[k][0]);
      return std::exp(std::log(knots[k][1]) + t * (std::log(knots[k + 1][1]) - std::log(knots[k][1])));
    }
  }
  return knots.back()[1];
}

std::int64_t round_minutes(Rng& rng, double m) {
  if (m < 10) return std::llround(m);
  if (m <= 180) return rng.chance(0.85) ? 5 * std::llround(m / 5) : std::llround(m);
  if (m <= 1440) return rng.chance(0.8) ? 15 * std::llround(m / 15) : std::llround(m);
  return 60 * std::llround(m / 60);
}

/// The name form of an ingredient: what comes before a comma, apostrophes and punctuation as spaces,
/// and usually only its last one or two words ("boneless skinless chicken breasts" -> "chicken breasts").
std::string name_word(Rng& rng, std::string_view ingredient) {
  ingredient = ingredient.substr(0, ingredient.find(','));
  std::string text;
  for (char c : ingredient) text += (c == '\'' || c == '-' || c == '&' || c == '.') ? ' ' : c;
  std::vector<std::string_view> words;
  std::string_view rest(text);
  while (!rest.empty()) {
    const auto sp = rest.find(' ');
    if (sp != 0) words.push_back(rest.substr(0, sp));
    if (sp == std::string_view::npos) break;
    rest.remove_prefix(sp + 1);
  }
  if (words.empty()) return "mystery";
  const std::size_t keep = std::min<std::size_t>(words.size(), rng.chance(0.5) ? 1 : 2);
  std::string out;
  for (std::size_t i = words.size() - keep; i < words.size(); ++i) {
    if (!out.empty()) out += ' ';
    out += words[i];
  }
  return out;
}

/// Concatenate name parts; double_space_after_first adds the space a lost closing quote leaves.
std::string fmt_name(std::initializer_list<std::string_view> parts, bool double_space_after_first) {
  std::string out;
  std::size_t k = 0;
  for (std::string_view p : parts) {
    out += p;
    if (k++ == 0 && double_space_after_first) out += ' ';
  }
  return out;
}

std::string make_name(Rng& rng, const RecipeCore& core) {
  const Vocabulary& v = vocabulary();
  const WordLists& w = word_lists();
  std::vector<std::uint32_t> heroes;
  for (std::uint32_t i : core.ingredients) {
    if (i >= v.ingredient_is_staple.size() || !v.ingredient_is_staple[i]) heroes.push_back(i);
  }
  if (heroes.empty()) heroes = core.ingredients;
  const std::string hero = name_word(rng, v.ingredients[pick(rng, heroes)].name);
  const std::string_view dish = pick(rng, w.dish_words[static_cast<std::size_t>(core.dish)]);
  if (rng.chance(calib::kDoubleSpaceName)) {
    // The real names lost their punctuation to spaces: quotes and brackets leave double spaces.
    switch (rng.below(3)) {
      case 0: return fmt_name({pick(rng, w.quoted_phrases), " ", hero, " ", dish}, true);
      case 1: return fmt_name({hero, " ", dish, "  ", pick(rng, w.suffixes)}, false);
      default: return fmt_name({pick(rng, w.people), " s  ", hero, " ", dish}, false);
    }
  }
  const double u = rng.uniform();
  if (u < 0.32) return fmt_name({hero, " ", dish}, false);
  if (u < 0.62) return fmt_name({pick(rng, w.adjectives), " ", hero, " ", dish}, false);
  if (u < 0.77) {
    std::string second = name_word(rng, v.ingredients[pick(rng, core.ingredients)].name);
    for (int attempt = 0; attempt < 4 && second == hero; ++attempt) {
      second = name_word(rng, v.ingredients[pick(rng, core.ingredients)].name);
    }
    if (second == hero) return fmt_name({hero, " ", dish}, false);
    return fmt_name({hero, " and ", second, " ", dish}, false);
  }
  if (u < 0.87) return fmt_name({dish, " with ", hero}, false);
  if (u < 0.95) return fmt_name({pick(rng, w.people), " s ", hero, " ", dish}, false);
  return fmt_name({pick(rng, w.adjectives), " ", dish}, false);
}

}  // namespace

RecipeCore make_recipe_core(std::uint64_t seed, std::size_t index, std::int32_t submitted) {
  const Vocabulary& v = vocabulary();
  Rng rng(seed, Stream::Recipe, index);
  RecipeCore core;
  const Civil c = civil_from_days(submitted);
  const int season = season_of_month(c.month);
  const auto s = static_cast<std::size_t>(season);
  const bool weekend = iso_weekday(submitted) >= 6;
  const double years = c.year - calib::kTrendPivotYear;

  // Dish kind, weighted by its tag's calibrated share (so "desserts" falls and "main-dish" rises).
  {
    std::array<double, 10> weights{};
    double total = 0;
    for (std::size_t k = 0; k < weights.size(); ++k) {
      weights[k] = v.tags[v.dish_tag[k]].share_at(c.year, season, weekend);
      total += weights[k];
    }
    double u = rng.uniform() * total;
    std::size_t k = 0;
    while (k + 1 < weights.size() && u >= weights[k]) u -= weights[k++];
    core.dish = static_cast<Dish>(k);
  }

  // A shared "effort" factor correlates minutes, steps and ingredients.
  const double effort = rng.normal();
  const double m = minutes_at(phi(0.45 * effort + 0.893 * rng.normal()));
  double minutes = m;
  if (m > 1 && m <= 1440) minutes *= std::exp(calib::kMinutesDriftPerYear * years) * calib::kMinutesSeason[s];
  core.minutes = std::max<std::int64_t>(m > 0 ? 1 : 0, round_minutes(rng, minutes));

  const double steps_mean = calib::kStepsMean * (1 + calib::kStepsDriftPerYear * years) * calib::kStepsSeason[s] *
                            std::exp(0.25 * effort - 0.03125);
  core.n_steps =
      std::max(1, static_cast<int>(std::lround(rng.gamma(calib::kStepsShape, steps_mean / calib::kStepsShape))));
  if (rng.chance(0.0004)) core.n_steps = static_cast<std::int32_t>(rng.between(40, 145));
  const double ingredients_mean = calib::kIngredientsMean * (1 + calib::kIngredientsDriftPerYear * years) *
                                  calib::kIngredientsSeason[s] * std::exp(0.15 * effort - 0.01125);
  auto n_ingredients = static_cast<std::size_t>(std::clamp<long>(
      std::lround(rng.gamma(calib::kIngredientsShape, ingredients_mean / calib::kIngredientsShape)), 1L, 43L));
  if (rng.chance(0.0002)) n_ingredients = static_cast<std::size_t>(rng.between(30, 43));

  // Ingredients: the head drawn independently (scaled to this recipe's size), the rest from the Zipf tail.
  // 1.07 makes up for the items dropped when a small recipe draws more head items than it holds.
  const double size_factor = 1.07 * static_cast<double>(n_ingredients) / calib::kIngredientsMean;
  for (std::size_t i = 0; i < v.ingredient_head; ++i) {
    const double p = std::min(0.98, v.ingredients[i].share_at(c.year, season, weekend) * size_factor);
    if (rng.uniform() < p) core.ingredients.push_back(static_cast<std::uint32_t>(i));
  }
  if (core.ingredients.size() > n_ingredients) {
    rng.shuffle(std::span(core.ingredients));
    core.ingredients.resize(n_ingredients);
  }
  while (core.ingredients.size() < n_ingredients) {
    const auto i = static_cast<std::uint32_t>(v.ingredient_head + v.ingredient_tail.sample(rng));
    if (std::find(core.ingredients.begin(), core.ingredients.end(), i) == core.ingredients.end()) {
      core.ingredients.push_back(i);
    }
  }
  rng.shuffle(std::span(core.ingredients));

  // Tags: the structural ones follow the recipe, the rest are drawn with their calibrated shares.
  auto add_tag = [&](std::uint32_t t) { core.tags.push_back(static_cast<std::uint16_t>(t)); };
  if (rng.chance(0.974)) {
    const std::int64_t mins = core.minutes;
    if (mins <= 15) {
      add_tag(v.tag_time_buckets[0]);
    } else if (mins <= 30) {
      add_tag(v.tag_time_buckets[1]);
    } else if (mins <= 60) {
      add_tag(v.tag_time_buckets[2]);
    } else if (mins <= 240) {
      add_tag(v.tag_time_buckets[3]);
    } else if (mins > 1440) {
      add_tag(v.tag_time_buckets[4]);
    }
    add_tag(v.tag_time_to_make);
  }
  if (core.n_steps <= 3 && rng.chance(0.9)) add_tag(v.tag_3_steps);
  if (n_ingredients <= 5 && rng.chance(0.9)) add_tag(v.tag_5_ingredients);
  if (rng.chance(0.997)) add_tag(v.tag_preparation);
  if (rng.chance(0.85)) add_tag(v.dish_tag[static_cast<std::size_t>(core.dish)]);
  const double tagginess = rng.lognormal(-0.06, 0.35);
  for (std::size_t t = 0; t < v.tags.size(); ++t) {
    if (v.tag_is_structural[t]) continue;
    double p = v.tags[t].share_at(c.year, season, weekend);
    if (!v.tag_is_generic[t]) p = std::min(0.98, p * tagginess);
    if (rng.uniform() < p) add_tag(static_cast<std::uint32_t>(t));
  }
  if (rng.chance(calib::kEmptyTag)) add_tag(v.tag_empty);

  // Nutrition: calories lognormal; the %DV follow calories with their own spread and the dish kind.
  const bool sweet = core.dish == Dish::Dessert || core.dish == Dish::Beverage;
  const bool savoury = core.dish == Dish::Main || core.dish == Dish::Soup;
  double calories = calib::kCaloriesMedian * std::exp(calib::kCaloriesSigma * rng.normal()) *
                    std::exp(calib::kCaloriesDriftPerYear * years) * calib::kCaloriesSeason[s] *
                    (core.dish == Dish::Beverage || core.dish == Dish::Sauce ? 0.6 : 1.0) * (savoury ? 1.15 : 1.0);
  const double r = calories / calib::kCaloriesMedian;
  const auto& med = calib::kNutrientMedian;
  const double fat = med[0] * std::pow(r, 0.9) * std::exp(0.55 * rng.normal());
  const double sugar =
      med[1] * std::pow(r, 0.8) * std::exp(1.1 * rng.normal()) * (sweet ? 3.0 : 0.65) * calib::kSugarSeason[s];
  const double sodium = med[2] * std::pow(r, 0.7) * std::exp(0.9 * rng.normal()) * (sweet ? 0.35 : 1.25);
  const double protein = med[3] * std::pow(r, 0.8) * std::exp(0.7 * rng.normal()) * (sweet ? 0.35 : 1.2) *
                         (weekend ? calib::kProteinWeekend : 1.0);
  const double sat_fat = med[4] * std::pow(fat / med[0], 0.95) * std::exp(0.4 * rng.normal());
  const double carbs = med[5] * std::pow(r, 0.9) * std::exp(0.45 * rng.normal()) * (sweet ? 1.4 : 0.9);
  core.nutrition = {std::llround(calories * 10), 10 * std::llround(fat),     10 * std::llround(sugar),
                    10 * std::llround(sodium),   10 * std::llround(protein), 10 * std::llround(sat_fat),
                    10 * std::llround(carbs)};
  core.empty_description = rng.chance(calib::kEmptyDescription);
  core.name = make_name(rng, core);
  return core;
}

void apply_special_recipes(std::vector<RecipeCore>& cores, const std::vector<std::int32_t>& submitted) {
  struct Special {
    int year, month, day;
    const char* name;
    std::int64_t minutes;  // < 0: keep
    int n_steps;           // < 0: keep
  };
  // facts §A.5: the two extreme minutes with their recipes, the next largest values, the 0-step recipe;
  // facts §A.1: one recipe without a name.
  static const Special specials[] = {
      {2007, 10, 26, "no bake granola balls", 2'147'483'647, -1},
      {2010, 11, 15, "how to preserve a husband", 1'051'200, -1},
      {2006, 6, 1, "homemade fruit liquers", 288'000, -1},
      {2007, 2, 1, "celtic druid s honey mead   meade   metheglin", 259'260, -1},
      {2005, 9, 1, "homemade vanilla", 259'205, -1},
      {2008, 7, 1, "peach brandy", 216'015, -1},
      {2004, 3, 1, "", -1, -1},
      {2003, 5, 1, "", -1, 0},
  };
  std::vector<bool> taken(cores.size(), false);
  for (const Special& sp : specials) {
    const std::int32_t day = days_from_civil(sp.year, sp.month, sp.day);
    auto k = static_cast<std::size_t>(std::lower_bound(submitted.begin(), submitted.end(), day) - submitted.begin());
    while (k < cores.size() && taken[k]) ++k;
    if (k >= cores.size()) continue;
    taken[k] = true;
    RecipeCore& core = cores[k];
    if (sp.name[0] != '\0' || sp.n_steps < 0) core.name = sp.name;
    if (sp.minutes >= 0) core.minutes = sp.minutes;
    if (sp.n_steps >= 0) core.n_steps = sp.n_steps;
  }
}

namespace {

void append_step(std::string& out, Rng& rng, const RecipeCore& core) {
  const Vocabulary& v = vocabulary();
  const WordLists& w = word_lists();
  const std::string_view tpl = pick(rng, w.step_templates);
  for (std::size_t i = 0; i < tpl.size(); ++i) {
    if (tpl[i] != '{' || i + 2 >= tpl.size()) {
      out += tpl[i];
      continue;
    }
    const char key = tpl[i + 1];
    i += 2;
    switch (key) {
      case 'i':
      case 'j':
      case 'k': out += v.ingredients[pick(rng, core.ingredients)].name; break;
      case 'n': append_int(out, rng.between(2, 45)); break;
      default: append_int(out, 325 + 25 * rng.between(0, 4)); break;
    }
  }
  if (rng.chance(0.12)) {
    // Join a second instruction that needs no ingredient ("serve hot", "mix well").
    std::string_view more = pick(rng, w.step_templates);
    for (int attempt = 0; attempt < 8 && more.find('{') != std::string_view::npos; ++attempt) {
      more = pick(rng, w.step_templates);
    }
    if (more.find('{') == std::string_view::npos) {
      out += " , then ";
      out += more;
    }
  }
}

void append_description(std::string& out, Rng& rng) {
  const WordLists& w = word_lists();
  const int sentences = 1 + std::min(14, static_cast<int>(rng.exponential(3.4)));
  const bool multiline = rng.chance(calib::kMultilineDescription);
  for (int k = 0; k < sentences; ++k) {
    if (k > 0) out += multiline && rng.chance(0.5) ? "\r\n" : " ";
    std::string_view sentence = pick(rng, w.description_sentences);
    for (int attempt = 0; attempt < 4 && out.find(sentence) != std::string::npos; ++attempt) {
      sentence = pick(rng, w.description_sentences);
    }
    out += sentence;
  }
  if (multiline && sentences == 1) {
    out += " \r\n";
    out += pick(rng, w.description_sentences);
  }
}

}  // namespace

void append_recipe_row(std::string& out, std::string& scratch, std::uint64_t seed, std::size_t index,
                       const RecipeCore& core, std::int64_t id, std::int64_t contributor, std::int32_t submitted) {
  const Vocabulary& v = vocabulary();
  Rng rng(seed, Stream::RecipeText, index);
  append_csv_field(out, core.name);
  out += ',';
  append_int(out, id);
  out += ',';
  append_int(out, core.minutes);
  out += ',';
  append_int(out, contributor);
  out += ',';
  append_date(out, submitted);
  out += ',';
  scratch.clear();
  append_py_list(scratch, core.tags, [&](std::uint16_t t) -> std::string_view { return v.tags[t].name; });
  append_csv_field(out, scratch);
  out += ",\"[";
  for (std::size_t k = 0; k < core.nutrition.size(); ++k) {
    if (k > 0) out += ", ";
    append_tenths(out, core.nutrition[k]);
  }
  out += "]\",";
  append_int(out, core.n_steps);
  out += ',';
  scratch.clear();
  scratch += '[';
  std::string step;
  for (std::int32_t k = 0; k < core.n_steps; ++k) {
    if (k > 0) scratch += ", ";
    step.clear();
    append_step(step, rng, core);
    append_py_repr(scratch, step);
  }
  scratch += ']';
  append_csv_field(out, scratch);
  out += ',';
  if (!core.empty_description) {
    scratch.clear();
    append_description(scratch, rng);
    append_csv_field(out, scratch);
  }
  out += ',';
  scratch.clear();
  append_py_list(scratch, core.ingredients, [&](std::uint32_t i) -> std::string_view { return v.ingredients[i].name; });
  append_csv_field(out, scratch);
  out += ',';
  append_int(out, static_cast<std::int64_t>(core.ingredients.size()));
  out += kCrlf;
}

namespace {

int draw_rating(Rng& rng, std::int32_t date) {
  const Civil c = civil_from_days(date);
  const double zero = calib::kZeroRatingBase + calib::kZeroRatingRisePerYear * std::max(0, c.year - 2008);
  if (rng.uniform() < zero) return 0;
  std::array<double, 5> p = calib::kRatedShare;
  double shift = calib::kRatingSeasonShift[static_cast<std::size_t>(season_of_month(c.month))];
  shift += iso_weekday(date) >= 6 ? calib::kRatingWeekendShift : -0.4 * calib::kRatingWeekendShift;
  // Move mass between 5 stars and 1-2 stars in proportion to their shares.
  const double low = p[0] + p[1];
  p[0] -= shift * p[0] / low;
  p[1] -= shift * p[1] / low;
  p[4] += shift;
  double u = rng.uniform();
  for (int k = 0; k < 4; ++k) {
    if (u < p[static_cast<std::size_t>(k)]) return k + 1;
    u -= p[static_cast<std::size_t>(k)];
  }
  return 5;
}

void append_review(std::string& out, Rng& rng, int rating) {
  const WordLists& w = word_lists();
  const auto& pool = rating == 0   ? w.review_unrated
                     : rating <= 2 ? w.review_negative
                     : rating == 3 ? w.review_neutral
                                   : w.review_positive;
  const int sentences = 2 + static_cast<int>(rng.gamma(2.4, 2.0));
  const bool multiline = rng.chance(calib::kMultilineReview);
  const double html = rng.uniform() < calib::kHtmlReview ? rng.uniform() : -1.0;
  const std::size_t start = out.size();
  out += pick(rng, w.review_openers);
  for (int k = 0; k < sentences; ++k) {
    if (k > 0) {
      if (multiline && (k == 1 || rng.chance(0.3))) {
        out += rng.chance(0.6) ? "\r\n\r\n" : "\r\n";
      } else if (html >= 0 && html < 0.4 && (k == 1 || rng.chance(0.4))) {
        out += "<br/><br/>";
      } else {
        out += rng.chance(0.3) ? "  " : " ";
      }
    }
    const auto& source = (k > 0 && rating >= 4 && rng.chance(0.15)) ? w.review_neutral : pool;
    std::string_view sentence = pick(rng, source);
    for (int attempt = 0; attempt < 4 && out.find(sentence, start) != std::string::npos; ++attempt) {
      sentence = pick(rng, source);
    }
    out += sentence;
  }
  out += pick(rng, w.review_closers);
  if (html >= 0.4) {
    // The crawl kept HTML-escaped text: apostrophes as &#039;, quotes as &quot;, "&" as &amp;.
    std::string escaped;
    for (std::size_t i = start; i < out.size(); ++i) {
      const char ch = out[i];
      if (ch == '\'') {
        escaped += "&#039;";
      } else if (ch == '&') {
        escaped += "&amp;";
      } else {
        escaped += ch;
      }
    }
    if (html > 0.8) escaped += " &quot;Yum&quot;";
    out.resize(start);
    out += escaped;
  }
}

}  // namespace

void append_interaction_row(std::string& out, Rng& rng, std::int64_t user, std::int64_t recipe_id, std::int32_t date) {
  append_int(out, user);
  out += ',';
  append_int(out, recipe_id);
  out += ',';
  append_date(out, date);
  out += ',';
  const int rating = draw_rating(rng, date);
  append_int(out, rating);
  out += ',';
  if (!rng.chance(calib::kEmptyReview)) {
    thread_local std::string review;
    review.clear();
    append_review(review, rng, rating);
    append_csv_field(out, review);
  }
  out += kCrlf;
}

}  // namespace mtm::data::gen
