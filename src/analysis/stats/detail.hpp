// Internal helpers of mtm::stats (compensated summation, argument checks). Not part of the public API.
#pragma once

#include <cmath>
#include <cstddef>
#include <span>
#include <stdexcept>
#include <string>

namespace mtm::stats::detail {

/// Neumaier-compensated running sum: NumPy-level accuracy without pairwise recursion.
class Summer {
 public:
  void add(double v) noexcept {
    const double t = sum_ + v;
    if (std::fabs(sum_) >= std::fabs(v)) {
      comp_ += (sum_ - t) + v;
    } else {
      comp_ += (v - t) + sum_;
    }
    sum_ = t;
  }
  [[nodiscard]] double value() const noexcept { return sum_ + comp_; }

 private:
  double sum_ = 0.0;
  double comp_ = 0.0;
};

inline double sum(std::span<const double> x) noexcept {
  Summer s;
  for (double v : x) s.add(v);
  return s.value();
}

/// Programmer error (paired spans of different lengths), not a data condition.
inline void check_same_size(std::size_t a, std::size_t b, const char* what) {
  if (a != b) {
    throw std::invalid_argument(std::string(what) + ": inputs differ in length (" + std::to_string(a) + " vs " +
                                std::to_string(b) + ")");
  }
}

inline bool has_nan(std::span<const double> x) noexcept {
  for (double v : x) {
    if (std::isnan(v)) return true;
  }
  return false;
}

}  // namespace mtm::stats::detail
