// Distinct strings numbered in the order first seen: open addressing over the numbers, so most lookups are
// one probe into a flat array and no node is allocated per string. The explorer numbers both item names
// (millions of rows, ~15k distinct) and words with it; each passes the hash that suits its strings.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mtm::data {

/// Hash: a callable std::uint64_t(std::string_view). initial_slots must be a power of two.
template <typename Hash>
class StringNumbers {
 public:
  explicit StringNumbers(std::size_t initial_slots) : slots_(initial_slots, kEmpty) {}

  /// The number of text, added as the next one when new.
  std::uint32_t id(std::string_view text) {
    const std::uint64_t hash = Hash{}(text);
    std::size_t slot = hash & (slots_.size() - 1);
    for (; slots_[slot] != kEmpty; slot = (slot + 1) & (slots_.size() - 1)) {
      const auto known = slots_[slot];
      if (hashes_[known] == hash && strings_[known] == text) return known;
    }
    const auto added = static_cast<std::uint32_t>(strings_.size());
    strings_.emplace_back(text);
    hashes_.push_back(hash);
    slots_[slot] = added;
    // At most half full, so probe runs stay short.
    if (2 * strings_.size() > slots_.size()) grow();
    return added;
  }
  /// The strings by number (callers may move them out once numbering is done).
  std::vector<std::string>& strings() { return strings_; }
  [[nodiscard]] std::size_t size() const noexcept { return strings_.size(); }

 private:
  static constexpr std::uint32_t kEmpty = std::numeric_limits<std::uint32_t>::max();

  void grow() {
    std::vector<std::uint32_t> slots(slots_.size() * 2, kEmpty);
    for (std::uint32_t known = 0; known < strings_.size(); ++known) {
      std::size_t slot = hashes_[known] & (slots.size() - 1);
      while (slots[slot] != kEmpty) slot = (slot + 1) & (slots.size() - 1);
      slots[slot] = known;
    }
    slots_ = std::move(slots);
  }

  std::vector<std::uint32_t> slots_;
  std::vector<std::string> strings_;
  std::vector<std::uint64_t> hashes_;
};

}  // namespace mtm::data
