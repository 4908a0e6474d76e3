#include "analysis/stats/sorting.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <numeric>

namespace mtm::stats::detail {

namespace {

constexpr std::size_t kSmall = 512;  // below this a comparison sort is faster than 8 histogram passes

// Order-preserving map of a double to an unsigned key; −0 and +0 share a key since they compare equal.
std::uint64_t key_of(double v) {
  // Not redundant: -0.0 == 0.0 holds but its bits differ; the assignment stores +0.0.
  // cppcheck-suppress duplicateConditionalAssign
  if (v == 0.0) v = 0.0;
  const auto bits = std::bit_cast<std::uint64_t>(v);
  return (bits >> 63) != 0 ? ~bits : bits | (std::uint64_t{1} << 63);
}

double value_of(std::uint64_t key) {
  const std::uint64_t bits = (key >> 63) != 0 ? key & ~(std::uint64_t{1} << 63) : ~key;
  return std::bit_cast<double>(bits);
}

// LSD radix sort of keys with a 32-bit payload; 8-bit digits, passes where every key shares the digit are
// skipped (small integers stored as doubles need only two or three passes).
// `payload` may be null (sorting keys alone).
void radix_sort(std::vector<std::uint64_t>& keys, std::vector<std::uint32_t>* payload) {
  const std::size_t n = keys.size();
  std::array<std::array<std::size_t, 256>, 8> counts{};
  for (std::uint64_t k : keys) {
    for (std::size_t d = 0; d < 8; ++d) ++counts[d][(k >> (8 * d)) & 0xFF];
  }
  std::vector<std::uint64_t> keys_tmp(n);
  std::vector<std::uint32_t> payload_tmp(payload != nullptr ? n : 0);
  for (std::size_t d = 0; d < 8; ++d) {
    auto& c = counts[d];
    if (c[(keys[0] >> (8 * d)) & 0xFF] == n) continue;
    std::size_t sum = 0;
    for (auto& v : c) {
      const std::size_t t = v;
      v = sum;
      sum += t;
    }
    if (payload != nullptr) {
      for (std::size_t i = 0; i < n; ++i) {
        const std::size_t pos = c[(keys[i] >> (8 * d)) & 0xFF]++;
        keys_tmp[pos] = keys[i];
        payload_tmp[pos] = (*payload)[i];
      }
      payload->swap(payload_tmp);
    } else {
      for (std::size_t i = 0; i < n; ++i) keys_tmp[c[(keys[i] >> (8 * d)) & 0xFF]++] = keys[i];
    }
    keys.swap(keys_tmp);
  }
}

}  // namespace

std::vector<std::uint32_t> argsort(std::span<const double> values) {
  std::vector<std::uint32_t> order(values.size());
  std::iota(order.begin(), order.end(), std::uint32_t{0});
  stable_sort_by(values, order);
  return order;
}

void stable_sort_by(std::span<const double> values, std::vector<std::uint32_t>& order) {
  if (order.size() < kSmall) {
    std::stable_sort(order.begin(), order.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return key_of(values[a]) < key_of(values[b]); });
    return;
  }
  std::vector<std::uint64_t> keys(order.size());
  for (std::size_t i = 0; i < order.size(); ++i) keys[i] = key_of(values[order[i]]);
  radix_sort(keys, &order);
}

void sort_values(std::vector<double>& values) {
  if (values.size() < kSmall) {
    std::sort(values.begin(), values.end(), [](double a, double b) { return key_of(a) < key_of(b); });
    return;
  }
  std::vector<std::uint64_t> keys(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) keys[i] = key_of(values[i]);
  radix_sort(keys, nullptr);
  for (std::size_t i = 0; i < values.size(); ++i) values[i] = value_of(keys[i]);
}

}  // namespace mtm::stats::detail
