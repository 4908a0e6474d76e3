#include "data/ingest/item_collector.hpp"

#include <algorithm>
#include <string_view>

namespace mtm::data::ingest {

void ItemCollector::add(std::int64_t recipe_id, const std::vector<std::string>& items) {
  recipe_ids_.push_back(recipe_id);
  for (const auto& item : items) {
    auto [it, inserted] = dictionary_.try_emplace(item, static_cast<std::uint32_t>(raw_.size()));
    if (inserted) raw_.push_back(item);
    items_.push_back(it->second);
  }
  ends_.push_back(items_.size());
}

void ItemCollector::write(db::Connection& con, const std::string& table) {
  con.execute("CREATE OR REPLACE TEMP TABLE item_raw (k INTEGER, raw VARCHAR)");
  {
    db::Appender app(con, "item_raw");
    for (std::size_t k = 0; k < raw_.size(); ++k) {
      app.append(static_cast<std::int32_t>(k)).append(std::string_view(raw_[k]));
      app.end_row();
    }
    app.close();
  }
  std::vector<std::string> normalised(raw_.size());
  auto result = con.query("SELECT k, lower(trim(regexp_replace(raw, '\\s+', ' ', 'g'))) FROM item_raw");
  while (auto chunk = result.next_chunk()) {
    for (std::size_t r = 0; r < chunk->size(); ++r) {
      normalised[static_cast<std::size_t>(chunk->get_int64(0, r))] = std::string(chunk->get_string(1, r));
    }
  }
  con.execute("DROP TABLE item_raw");

  std::vector<std::size_t> order(recipe_ids_.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return recipe_ids_[a] < recipe_ids_[b]; });
  db::Appender app(con, table);
  std::vector<std::string_view> row_items;
  for (const std::size_t i : order) {
    row_items.clear();
    for (std::size_t j = i == 0 ? 0 : ends_[i - 1]; j < ends_[i]; ++j) {
      const std::string& item = normalised[items_[j]];
      if (!item.empty()) row_items.emplace_back(item);
    }
    std::sort(row_items.begin(), row_items.end());
    row_items.erase(std::unique(row_items.begin(), row_items.end()), row_items.end());
    for (const auto item : row_items) {
      app.append(recipe_ids_[i]).append(item);
      app.end_row();
    }
  }
  app.close();
}

}  // namespace mtm::data::ingest
