#include "data/generator/vocabulary.hpp"

#include <algorithm>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "data/generator/calendar.hpp"
#include "data/generator/calibration.hpp"
#include "data/generator/vocabulary_data.hpp"

namespace mtm::data::gen {

namespace {

using Seasons = std::array<double, 4>;  // winter, spring, summer, autumn

/// Per-item calibration on top of the sampled shares: the full-data top shares (dataset-facts §A.8,
/// seed-app-inventory §8.3), the 1999→2018 share changes (§8.3) and the seasonal / weekend leanings
/// (§8.4, §8.5). Season multipliers are relative; they are renormalised to average 1 over the year.
struct Override {
  const char* name;
  double share;  // < 0: keep the sampled share
  double delta;
  Seasons season;
  double weekend;
};

constexpr Seasons kFlat{1, 1, 1, 1};

const Override kIngredientOverrides[] = {
    // Full-data shares of the top 10 (seed-app-inventory §8.3 counts / 200,066 cleaned recipes).
    {"salt", 0.364, 0, kFlat, 1},
    {"butter", 0.246, -0.0531, kFlat, 1},
    {"sugar", 0.190, -0.1042, kFlat, 1},
    {"onion", 0.161, -0.0722, kFlat, 1},
    {"eggs", 0.151, -0.0574, kFlat, 1},
    {"olive oil", 0.142, 0.1424, kFlat, 1},
    {"water", 0.138, -0.0456, kFlat, 1},
    {"flour", 0.116, 0, kFlat, 1},
    {"milk", 0.114, 0, kFlat, 1},
    {"garlic cloves", 0.102, 0.1558, kFlat, 1},
    // Rising items (§8.3); shares chosen so that the 1999 share stays positive.
    {"kosher salt", 0.075, 0.1672, kFlat, 1},
    {"unsalted butter", 0.056, 0.1177, kFlat, 1},
    {"black pepper", 0.064, 0.0805, kFlat, 1},
    {"honey", 0.042, 0.0771, kFlat, 0.94},
    {"cilantro", 0.030, 0.0609, {0.9, 1.1, 1.25, 0.8}, 1},
    {"cream cheese", 0.047, 0.0557, kFlat, 1},
    {"crushed red pepper flakes", 0.025, 0.0513, kFlat, 1},
    {"garlic powder", 0.050, 0.0473, kFlat, 1},
    // Falling items (§8.3).
    {"cinnamon", 0.059, -0.0763, {1.15, 0.9, 0.8, 1.2}, 1},
    {"vanilla", 0.054, -0.0679, {1.1, 0.95, 0.85, 1.1}, 1},
    {"baking soda", 0.061, -0.0516, {1.1, 0.95, 0.85, 1.1}, 1},
    {"brown sugar", 0.086, -0.0482, kFlat, 1},
    {"margarine", 0.036, -0.0478, kFlat, 1},
    // Seasonal items (§8.4 top 20 plus the obvious produce).
    {"zucchini", -1, 0, {0.55, 0.9, 2.0, 0.75}, 1},
    {"lime juice", -1, 0, {0.8, 1.1, 1.4, 0.75}, 1},
    {"ground nutmeg", -1, 0, {1.25, 0.8, 0.7, 1.35}, 1},
    {"red onion", -1, 0, {0.8, 1.05, 1.35, 0.85}, 1},
    {"fresh basil", -1, 0, {0.55, 0.9, 2.0, 0.75}, 1},
    {"pecans", -1, 0, {1.25, 0.8, 0.7, 1.4}, 1},
    {"tomatoes", -1, 0, {0.85, 0.95, 1.3, 0.95}, 1},
    {"fresh lemon juice", -1, 0, {0.9, 1.1, 1.15, 0.85}, 1},
    {"chicken broth", -1, 0, {1.2, 0.95, 0.8, 1.05}, 1},
    {"nutmeg", -1, 0, {1.2, 0.85, 0.75, 1.25}, 1},
    {"ground cinnamon", -1, 0, {1.15, 0.9, 0.8, 1.2}, 1.06},
    {"walnuts", -1, 0, {1.15, 0.9, 0.8, 1.2}, 1},
    {"mayonnaise", -1, 0, {0.85, 1.05, 1.25, 0.9}, 1},
    {"garlic clove", -1, 0, {1.1, 1.0, 0.9, 1.0}, 1},
    {"powdered sugar", -1, 0, {1.25, 0.95, 0.8, 1.05}, 1},
    {"carrots", -1, 0, {1.15, 1.0, 0.85, 1.0}, 1},
    {"pumpkin", -1, 0, {0.8, 0.5, 0.4, 2.3}, 1},
    {"cucumber", -1, 0, {0.7, 1.0, 1.6, 0.8}, 1},
    {"corn", -1, 0, {0.8, 0.9, 1.5, 0.9}, 1},
    {"apples", -1, 0, {1.0, 0.8, 0.7, 1.5}, 1},
    {"asparagus", -1, 0, {0.7, 2.0, 0.7, 0.6}, 1},
    {"canola oil", -1, 0, kFlat, 1.05},
    {"mozzarella cheese", -1, 0, kFlat, 0.95},
    {"boneless skinless chicken breasts", -1, 0, kFlat, 0.94},
};

const Override kTagOverrides[] = {
    // Header tags and their 1999→2018 changes (§8.3).
    {"dietary", 0.713, -0.5962, kFlat, 1},
    {"equipment", 0.32, -0.5107, kFlat, 0.97},
    {"oven", 0.20, -0.4909, kFlat, 1},
    {"occasion", 0.47, -0.4473, kFlat, 1},
    {"number-of-servings", 0.24, -0.3971, kFlat, 1},
    {"north-american", 0.20, -0.2145, kFlat, 1},
    {"cuisine", 0.39, -0.2058, kFlat, 1},
    {"american", 0.12, -0.1925, kFlat, 1},
    {"main-ingredient", 0.75, -0.1854, kFlat, 0.99},
    {"desserts", 0.176, -0.1502, kFlat, 1},
    {"60-minutes-or-less", -1, 0.1198, kFlat, 1},
    {"for-1-or-2", 0.09, 0.0797, kFlat, 1},
    {"main-dish", 0.31, 0.0748, kFlat, 0.965},
    {"breakfast", 0.06, 0.0473, kFlat, 1.07},
    {"snacks", 0.035, 0.0394, kFlat, 1},
    {"seafood", 0.065, 0.0387, kFlat, 1},
    {"shrimp", 0.025, 0.0385, kFlat, 1},
    {"mexican", 0.035, 0.0365, kFlat, 1},
    {"cocktails", 0.02, 0.0364, kFlat, 1},
    {"pizza", 0.012, 0.0359, kFlat, 1},
    // Seasonal tags (§8.4 top 20 and the holidays) and the weekend leanings (§8.5).
    {"thanksgiving", 0.02, 0, {0.3, 0.05, 0.05, 3.6}, 1.15},
    {"summer", 0.043, 0, {0.3, 1.0, 2.4, 0.3}, 1},
    {"fall", 0.033, 0, {0.4, 0.2, 0.3, 3.1}, 1},
    {"christmas", 0.035, 0, {2.0, 0.15, 0.1, 1.75}, 1.15},
    {"barbecue", 0.03, 0, {0.4, 1.0, 2.2, 0.5}, 1},
    {"grilling", 0.035, 0, {0.4, 1.0, 2.1, 0.6}, 1},
    {"spring", 0.0176, 0, {0.5, 2.6, 0.5, 0.3}, 1},
    {"winter", 0.033, 0, {2.4, 0.5, 0.2, 0.9}, 1},
    {"candy", 0.012, 0, {1.8, 0.5, 0.4, 1.3}, 1},
    {"new-years", 0.01, 0, {3.0, 0.3, 0.2, 0.5}, 1},
    {"african", 0.008, 0, {1.0, 1.9, 0.6, 0.5}, 1},
    {"greek", 0.012, 0, {0.8, 1.6, 0.9, 0.7}, 1},
    {"valentines-day", 0.007, 0, {3.3, 0.3, 0.2, 0.2}, 1},
    {"squash", 0.01, 0, {1.0, 0.5, 0.9, 1.7}, 1},
    {"gifts", 0.012, 0, {2.0, 0.4, 0.3, 1.3}, 1},
    {"berries", 0.025, 0, {0.5, 1.4, 1.7, 0.5}, 1},
    {"picnic", 0.03, 0, {0.5, 1.3, 1.9, 0.4}, 1},
    {"apples", 0.02, 0, {1.0, 0.6, 0.6, 1.8}, 1},
    {"salads", 0.07, 0, {0.8, 1.1, 1.3, 0.8}, 1},
    {"tropical-fruit", 0.025, 0, {0.8, 1.1, 1.4, 0.7}, 1},
    {"halloween", 0.004, 0, {0.1, 0.1, 0.1, 3.7}, 1},
    {"easter", 0.006, 0, {0.3, 3.4, 0.2, 0.1}, 1},
    {"independence-day", 0.006, 0, {0.1, 0.4, 3.4, 0.1}, 1},
    {"st-patricks-day", 0.004, 0, {0.5, 3.2, 0.2, 0.1}, 1},
    {"superbowl", 0.006, 0, {3.0, 0.3, 0.2, 0.6}, 1},
    {"hanukkah", 0.003, 0, {2.5, 0.1, 0.1, 1.3}, 1},
    {"mothers-day", 0.003, 0, {0.1, 3.5, 0.3, 0.1}, 1},
    {"vegetarian", -1, 0, kFlat, 1.05},
    {"from-scratch", -1, 0, kFlat, 1.2},
    {"eggs", -1, 0, kFlat, 1.2},
    {"heirloom-historical", -1, 0, kFlat, 1.2},
    {"vegan", -1, 0, kFlat, 1.1},
    {"inexpensive", -1, 0, kFlat, 0.92},
    {"course", -1, 0, kFlat, 0.99},
};

/// Food.com tags not present in the 1,100 sampled recipes, to reach the real ~510 distinct tags.
const char* const kExtraTags[] = {
    "april-fools-day",
    "bok-choys",
    "cabbage",
    "chinese-new-year",
    "christmas-eve",
    "cinco-de-mayo",
    "beef-kidney",
    "birthday",
    "chocolate-chip-cookies",
    "mushroom-soup",
    "namibian",
    "nepalese",
    "pakistani",
    "palestinian",
    "polish",
    "russian",
    "somalian",
    "sudanese",
    "ethiopian",
    "egyptian",
    "libyan",
    "nigerian",
    "georgian",
    "belgian",
    "danish",
    "finnish",
    "icelandic",
    "norwegian",
    "czech",
    "dutch",
    "lebanese",
    "korean",
    "laotian",
    "cambodian",
    "mongolian",
    "szechuan",
    "chilean",
    "colombian",
    "ecuadorean",
    "guatemalan",
    "honduran",
    "puerto-rican",
    "venezuelan",
    "costa-rican",
    "micro-melanesia",
    "polynesian",
    "native-american",
    "pennsylvania-dutch",
    "beijing",
    "hunan",
    "georgia",
    "north-american-southern",
    "angolan",
    "congolese",
    "baja",
    "quiche",
    "souffles",
    "oatmeal",
    "manicotti",
    "fettuccine",
    "linguine",
    "orzo",
    "rotini",
    "spaghetti-sauce",
    "pot-pie",
    "pot-roast",
    "ham-and-bean-soup",
    "chicken-stew",
    "chicken-livers",
    "lamb-sheep-main-dish",
    "veggie-burgers",
    "bear",
    "elk",
    "moose",
    "rabbit",
    "quail",
    "pheasant",
    "whitefish",
    "tilapia",
    "bass",
    "octopus",
    "lobster",
    "eggplant",
    "beets",
    "cucumber",
    "tomatoes-2",
    "papaya",
    "plantains",
    "star-fruit",
    "kiwi",
    "nectarines",
    "citrus-2",
    "grapefruit",
    "lemons",
    "limes",
    "figs",
    "dates",
    "prunes",
    "pumpkin",
    "sweet-potatoes",
    "yams-sweet-potatoes",
    "turnips",
    "parsnips",
    "rutabagas",
    "leeks",
    "radishes",
    "celery",
    "kale",
    "arugula",
    "watercress",
    "sauerkraut",
    "tofu",
    "seitan",
    "quinoa",
    "barley",
    "millet",
    "wild-rice",
    "polenta",
    "couscous",
    "dehydrator",
    "ice-cream-machine",
    "smoker",
    "rice-cooker",
    "slow-cooker-2",
    "toaster-oven",
    "waffle-iron",
    "fondue",
    "sugar-cookies",
    "biscotti",
    "bread-pudding",
    "trifles",
    "mousses",
    "sorbets",
    "chocolate-2",
    "halloween-cocktails",
    "labor-day",
    "memorial-day",
    "fourth-of-july",
    "easter-2",
    "oktoberfest",
    "passover-2",
    "purim",
    "rosh-hashanah-2",
    "yom-kippur",
    "eid-ul-fitr",
    "diwali",
    "lunch-box",
    "dinner-party-2",
    "potluck-2",
    "fall-2",
    "summer-2",
    "winter-2",
    "spring-2",
};

/// Modifiers that turn a real ingredient into a plausible rarer variant ("frozen peaches").
const char* const kIngredientModifiers[] = {
    "fresh",         "frozen",     "dried",    "chopped",     "low-fat",       "fat-free",     "reduced-sodium",
    "organic",       "canned",     "shredded", "sliced",      "diced",         "minced",       "light",
    "smoked",        "roasted",    "toasted",  "unsweetened", "sweetened",     "large",        "small",
    "baby",          "ground",     "crushed",  "grated",      "whole",         "cooked",       "raw",
    "italian-style", "homemade",   "instant",  "seedless",    "wild",          "white",        "red",
    "green",         "yellow",     "spicy",    "mild",        "hot",           "sweet",        "plain",
    "natural",       "extra-firm", "lite",     "low sodium",  "no-salt-added", "fire-roasted", "cold",
    "warm",          "softened",   "melted",   "thawed",      "day-old",       "stale",        "chilled",
};

const char* const kStaples[] = {"salt",
                                "water",
                                "pepper",
                                "black pepper",
                                "sugar",
                                "butter",
                                "oil",
                                "vegetable oil",
                                "olive oil",
                                "flour",
                                "all-purpose flour",
                                "eggs",
                                "egg",
                                "salt and pepper",
                                "kosher salt",
                                "milk",
                                "baking powder",
                                "baking soda",
                                "garlic",
                                "garlic cloves",
                                "onion",
                                "cold water",
                                "boiling water",
                                "hot water",
                                "canola oil",
                                "cooking spray",
                                "unsalted butter",
                                "granulated sugar"};

Seasons normalised(Seasons s) {
  // Weighted by the recipes' seasonal volumes so the yearly share stays the given one.
  double mean = 0;
  for (int i = 0; i < 4; ++i) mean += s[i] * calib::kRecipeSeasonShare[i];
  for (double& v : s) v /= mean;
  return s;
}

void apply_overrides(std::vector<VocabItem>& items, std::span<const Override> overrides) {
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < items.size(); ++i) index.emplace(items[i].name, i);
  for (const Override& o : overrides) {
    auto it = index.find(o.name);
    if (it == index.end()) {
      VocabItem item;
      item.name = o.name;
      item.share = std::max(o.share, 0.0);
      items.push_back(item);
      it = index.emplace(o.name, items.size() - 1).first;
    }
    VocabItem& item = items[it->second];
    if (o.share >= 0) item.share = o.share;
    item.delta = o.delta;
    item.season = normalised(o.season);
    item.weekend = o.weekend;
  }
}

Vocabulary build() {
  Vocabulary v;
  // Ingredients: items seen in at least 3 of the 1,100 real recipes form the independently drawn head.
  std::unordered_set<std::string> seen;
  std::vector<std::string> rare;
  for (const SeedItem& s : real_ingredient_seeds()) {
    seen.insert(s.name);
    if (s.count >= calib::kHeadMinSeedCount) {
      VocabItem item;
      item.name = s.name;
      item.share = static_cast<double>(s.count) / kSeedRecipes;
      v.ingredients.push_back(item);
    } else {
      rare.emplace_back(s.name);
    }
  }
  apply_overrides(v.ingredients, kIngredientOverrides);
  v.ingredient_head = v.ingredients.size();
  // The tail: the rare real strings, then real items with a modifier, up to the real vocabulary size.
  for (const auto& name : rare) v.ingredients.push_back(VocabItem{name, 0, kFlat, 0, 1});
  Rng rng(0x5EED, Stream::Vocabulary, 0);
  std::vector<std::string> bases;
  for (const SeedItem& s : real_ingredient_seeds()) {
    const std::string_view name(s.name);
    if (name.find(',') == std::string_view::npos && std::count(name.begin(), name.end(), ' ') <= 1) {
      bases.emplace_back(name);
    }
  }
  const std::size_t n_mods = std::size(kIngredientModifiers);
  while (v.ingredients.size() < calib::kIngredientVocabulary) {
    std::string name = std::string(kIngredientModifiers[rng.below(n_mods)]) + " " + bases[rng.below(bases.size())];
    if (seen.insert(name).second) v.ingredients.push_back(VocabItem{std::move(name), 0, kFlat, 0, 1});
  }
  std::vector<double> tail_weights;
  for (std::size_t k = v.ingredient_head; k < v.ingredients.size(); ++k) {
    tail_weights.push_back(
        1.0 / std::pow(static_cast<double>(k - v.ingredient_head) + calib::kTailZipfOffset, calib::kTailZipfExponent));
  }
  v.ingredient_tail = AliasTable(tail_weights);
  v.ingredient_is_staple.assign(v.ingredients.size(), false);
  for (const char* staple : kStaples) {
    for (std::size_t i = 0; i < v.ingredient_head; ++i) {
      if (v.ingredients[i].name == staple) v.ingredient_is_staple[i] = true;
    }
  }

  // Tags: every real tag with its sampled share, the extra real-world tags with small shares.
  std::unordered_set<std::string> tag_seen;
  for (const SeedItem& s : real_tag_seeds()) {
    tag_seen.insert(s.name);
    v.tags.push_back(VocabItem{s.name, static_cast<double>(s.count) / kSeedRecipes, kFlat, 0, 1});
  }
  for (const char* name : kExtraTags) {
    if (v.tags.size() >= calib::kTagVocabulary - 1) break;
    if (!tag_seen.insert(name).second) continue;
    const auto rank = static_cast<double>(v.tags.size() - real_tag_seeds().size());
    v.tags.push_back(VocabItem{name, 0.0025 / (1.0 + 0.05 * rank), kFlat, 0, 1});
  }
  if (tag_seen.insert("").second) v.tags.push_back(VocabItem{"", 0, kFlat, 0, 1});
  apply_overrides(v.tags, kTagOverrides);
  v.tag_empty = v.tag_index("");
  v.tag_preparation = v.tag_index("preparation");
  v.tag_time_to_make = v.tag_index("time-to-make");
  v.tag_time_buckets = {v.tag_index("15-minutes-or-less"), v.tag_index("30-minutes-or-less"),
                        v.tag_index("60-minutes-or-less"), v.tag_index("4-hours-or-less"),
                        v.tag_index("1-day-or-more"),      v.tag_index("1-day-or-more")};
  v.tag_3_steps = v.tag_index("3-steps-or-less");
  v.tag_5_ingredients = v.tag_index("5-ingredients-or-less");
  v.dish_tag = {v.tag_index("main-dish"),   v.tag_index("desserts"),    v.tag_index("salads"),
                v.tag_index("soups-stews"), v.tag_index("breakfast"),   v.tag_index("beverages"),
                v.tag_index("appetizers"),  v.tag_index("side-dishes"), v.tag_index("breads"),
                v.tag_index("sauces")};
  v.tag_is_structural.assign(v.tags.size(), false);
  for (std::uint32_t t : {v.tag_empty, v.tag_preparation, v.tag_time_to_make, v.tag_3_steps, v.tag_5_ingredients}) {
    v.tag_is_structural[t] = true;
  }
  for (std::uint32_t t : v.tag_time_buckets) v.tag_is_structural[t] = true;
  for (std::uint32_t t : v.dish_tag) v.tag_is_structural[t] = true;
  v.tag_is_generic.assign(v.tags.size(), false);
  for (const char* name :
       {"course", "main-ingredient", "dietary", "easy", "occasion", "cuisine", "low-in-something", "equipment",
        "number-of-servings", "taste-mood", "north-american", "holiday-event", "seasonal", "oven", "american"}) {
    v.tag_is_generic[v.tag_index(name)] = true;
  }
  return v;
}

}  // namespace

double VocabItem::share_at(int year, int season_index, bool is_weekend) const {
  double p = share + delta * static_cast<double>(year - calib::kTrendPivotYear) / calib::kTrendSpanYears;
  p *= season[static_cast<std::size_t>(season_index)];
  if (is_weekend) p *= weekend;
  return std::clamp(p, 0.0, 0.995);
}

std::uint32_t Vocabulary::tag_index(std::string_view name) const {
  for (std::size_t i = 0; i < tags.size(); ++i) {
    if (tags[i].name == name) return static_cast<std::uint32_t>(i);
  }
  throw std::out_of_range("unknown tag " + std::string(name));
}

std::uint32_t Vocabulary::ingredient_index(std::string_view name) const {
  for (std::size_t i = 0; i < ingredients.size(); ++i) {
    if (ingredients[i].name == name) return static_cast<std::uint32_t>(i);
  }
  throw std::out_of_range("unknown ingredient " + std::string(name));
}

const Vocabulary& vocabulary() {
  static const Vocabulary v = build();
  return v;
}

}  // namespace mtm::data::gen
