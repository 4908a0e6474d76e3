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

/// One LEB128 varint (7 bits a byte, high bit set on every byte but the last) read at p, p moved past it.
inline std::uint32_t read_varint(const std::uint8_t*& p) {
  std::uint32_t value = *p & 0x7FU;
  for (unsigned shift = 7; (*p++ & 0x80U) != 0; shift += 7) value |= static_cast<std::uint32_t>(*p & 0x7FU) << shift;
  return value;
}

/// The bytes value takes as a LEB128 varint.
inline std::uint64_t varint_size(std::uint32_t value) {
  std::uint64_t bytes = 1;
  for (; value >= 0x80U; value >>= 7) ++bytes;
  return bytes;
}

/// value written as a LEB128 varint at out, out moved past it.
inline void write_varint(std::uint8_t*& out, std::uint32_t value) {
  for (; value >= 0x80U; value >>= 7) *out++ = static_cast<std::uint8_t>(value | 0x80U);
  *out++ = static_cast<std::uint8_t>(value);
}

/// A list of items stored in a slice of bytes as LEB128 varints, read in order only: Read()(previous, p)
/// decodes the item that follows previous (the first follows Item{}) and moves p past its bytes.
template <class Item, class Read>
class VarintList {
 public:
  class Iterator {
   public:
    using value_type = Item;
    using difference_type = std::ptrdiff_t;
    Iterator(const std::uint8_t* at, const std::uint8_t* end) : at_(at), next_(at), end_(end) { decode(); }
    Item operator*() const { return current_; }
    Iterator& operator++() {
      at_ = next_;
      decode();
      return *this;
    }
    bool operator==(const Iterator& other) const { return at_ == other.at_; }

   private:
    void decode() {
      if (at_ != end_) current_ = Read()(current_, next_);
    }
    const std::uint8_t* at_;
    const std::uint8_t* next_;
    const std::uint8_t* end_;
    Item current_{};
  };

  VarintList(const std::uint8_t* bytes, const std::uint8_t* end, std::size_t size)
      : bytes_(bytes), end_(end), size_(size) {}
  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  [[nodiscard]] bool empty() const noexcept { return size_ == 0; }
  [[nodiscard]] Iterator begin() const { return {bytes_, end_}; }
  [[nodiscard]] Iterator end() const { return {end_, end_}; }

 private:
  const std::uint8_t* bytes_;
  const std::uint8_t* end_;
  std::size_t size_;
};

/// Lists of ascending numbers (doc numbers) kept as the distance of each from the one before (the first
/// from 0) in LEB128 varints, all in one byte array: a list of common items has gaps below 128, one byte
/// each instead of four. Read in order only (an iterator decodes as it goes).
class DeltaLists {
 public:
  struct ReadGap {
    std::uint32_t operator()(std::uint32_t previous, const std::uint8_t*& p) const { return previous + read_varint(p); }
  };
  using List = VarintList<std::uint32_t, ReadGap>;

  DeltaLists() = default;
  /// The same lists, each of which must be ascending.
  explicit DeltaLists(const FlatLists<std::uint32_t>& lists) : starts_(lists.size() + 1, 0), sizes_(lists.size()) {
    for (std::size_t i = 0; i < lists.size(); ++i) {
      std::uint32_t previous = 0;
      std::uint64_t bytes = 0;
      for (const auto value : lists[i]) {
        bytes += varint_size(value - previous);
        previous = value;
      }
      starts_[i + 1] = starts_[i] + bytes;
      sizes_[i] = static_cast<std::uint32_t>(lists[i].size());
    }
    bytes_.resize(starts_.back());
    std::uint8_t* out = bytes_.data();
    for (std::size_t i = 0; i < lists.size(); ++i) {
      std::uint32_t previous = 0;
      for (const auto value : lists[i]) {
        write_varint(out, value - previous);
        previous = value;
      }
    }
  }

  [[nodiscard]] std::size_t size() const noexcept { return sizes_.size(); }
  [[nodiscard]] List operator[](std::size_t i) const {
    return {bytes_.data() + starts_[i], bytes_.data() + starts_[i + 1], sizes_[i]};
  }
  /// Bytes held, unused capacity included.
  [[nodiscard]] std::size_t reserved_bytes() const noexcept {
    return bytes_.capacity() + starts_.capacity() * sizeof(std::uint64_t) + sizes_.capacity() * sizeof(std::uint32_t);
  }

 private:
  std::vector<std::uint64_t> starts_{0};
  std::vector<std::uint32_t> sizes_;
  BigVector<std::uint8_t> bytes_;
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
