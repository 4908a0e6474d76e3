// Many small lists or strings kept in one flat array with offsets (CSR): one allocation instead of one
// per element, and no per-element header or growth slack. For data written once, then only read.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "data/huge_page_allocator.hpp"

namespace mtm::data {

/// List i is values[starts[i], starts[i + 1]). starts holds size() + 1 entries, starting at 0.
template <typename T>
struct FlatLists {
  BigVector<std::uint32_t> starts{0};
  BigVector<T> values;

  [[nodiscard]] std::size_t size() const noexcept { return starts.size() - 1; }
  [[nodiscard]] std::span<const T> operator[](std::size_t i) const {
    return {values.data() + starts[i], values.data() + starts[i + 1]};
  }
};

/// Strings kept in one buffer, each found by its start and length: they may be written in any order
/// (set), e.g. in the order a table is read while the index is the sorted position.
class PackedStrings {
 public:
  /// n empty strings, with room for bytes characters in all.
  void assign(std::size_t n, std::size_t bytes) {
    starts_.assign(n, 0);
    lengths_.assign(n, 0);
    chars_.reserve(bytes);
  }
  void set(std::size_t i, std::string_view text) {
    starts_[i] = chars_.size();
    lengths_[i] = static_cast<std::uint32_t>(text.size());
    chars_.insert(chars_.end(), text.begin(), text.end());
  }
  void push_back(std::string_view text) {
    starts_.push_back(0);
    lengths_.push_back(0);
    set(starts_.size() - 1, text);
  }
  [[nodiscard]] std::string_view operator[](std::size_t i) const { return {chars_.data() + starts_[i], lengths_[i]}; }
  [[nodiscard]] std::size_t size() const noexcept { return starts_.size(); }
  /// Bytes held, unused capacity included.
  [[nodiscard]] std::size_t reserved_bytes() const noexcept {
    return chars_.capacity() + starts_.capacity() * sizeof(std::size_t) + lengths_.capacity() * sizeof(std::uint32_t);
  }
  /// Frees the memory. Not `chars_ = {}`: that picks the initializer-list assignment, which clears and
  /// keeps the capacity (the descriptions stayed resident that way, 36 MB at full scale).
  void release() {
    chars_ = BigVector<char>();
    starts_ = BigVector<std::size_t>();
    lengths_ = BigVector<std::uint32_t>();
  }

 private:
  BigVector<char> chars_;
  BigVector<std::size_t> starts_;
  BigVector<std::uint32_t> lengths_;
};

}  // namespace mtm::data
