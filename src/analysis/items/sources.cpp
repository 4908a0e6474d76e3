#include "analysis/items.hpp"

namespace mtm::analysis {

const ItemSource& ingredient_source() {
  static const ItemSource kSource{"recipe_ingredients", "ingredient", "ingredient"};
  return kSource;
}

const ItemSource& tag_source() {
  static const ItemSource kSource{"recipe_tags", "tag", "tag"};
  return kSource;
}

}  // namespace mtm::analysis
