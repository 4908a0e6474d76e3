// Summaries of a sorted column over groups of cells (means, variances, quantiles, rank sums): one pass per
// request over the column's tie blocks, for any number of groups (see cells.hpp).
#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <vector>

#include "analysis/cells.hpp"

namespace mtm::analysis {

double GroupSummary::sd() const {
  return std::sqrt(variance());
}

namespace {

// Slot of each cell for the passes over a sorted column: its group, or `groups` for cells outside the
// scope. Out-of-scope values then update one extra, discarded slot instead of being skipped: with the
// default clean-only scope about half the values are out, in no order, and a branch per value would
// mispredict half the time.
std::vector<std::uint32_t> cell_slots(const std::vector<int>& group_of_cell, std::size_t groups) {
  std::vector<std::uint32_t> out(CellGrid::kSize);
  for (std::size_t c = 0; c < CellGrid::kSize; ++c) {
    out[c] = static_cast<std::uint32_t>(group_of_cell[c] < 0 ? groups : static_cast<std::size_t>(group_of_cell[c]));
  }
  return out;
}

// First pass of summarize, per slot: count, Σx (in ascending order of x), first and last value.
struct Totals {
  double n = 0;
  double sum = 0;
  double first = NAN;
  double last = NAN;
};

// Second pass, per group: Σ(x − mean)² and the order statistics that the quantiles need.
struct Spread {
  double mean = 0;
  double m2 = 0;
  std::int64_t seen = 0;
  std::int64_t next_rank = -1;  ///< rank of the next wanted order statistic; −1 (never met) when none
  std::size_t next = 0;
  std::vector<std::pair<std::int64_t, std::size_t>> wanted;  ///< (rank, index into found), ascending
  std::vector<double> found;
};

// Records v when it is the order statistic(s) the group waits for.
inline void capture(Spread& s, double v) {
  while (s.next < s.wanted.size() && s.wanted[s.next].first == s.seen) s.found[s.wanted[s.next++].second] = v;
  s.next_rank = s.next < s.wanted.size() ? s.wanted[s.next].first : -1;
}

// Any number of groups: per-slot state in memory. When consecutive values fall in the same group, each
// update waits for the previous one's store (~9 cycles); with many groups (years) that is rare.
void totals_any(const SortedColumn& column, const std::vector<std::uint32_t>& slot, std::vector<Totals>& totals) {
  const std::size_t n = column.values.size();
  for (std::size_t i = 0; i < n; ++i) {
    Totals& t = totals[slot[static_cast<std::size_t>(column.cells[i])]];
    const double v = column.values[i];
    if (t.n == 0) t.first = v;
    t.last = v;
    t.n += 1;
    t.sum += v;
  }
}

void spread_any(const SortedColumn& column, const std::vector<std::uint32_t>& slot, std::vector<Spread>& spread) {
  const std::size_t n = column.values.size();
  for (std::size_t i = 0; i < n; ++i) {
    Spread& s = spread[slot[static_cast<std::size_t>(column.cells[i])]];
    const double v = column.values[i];
    const double d = v - s.mean;
    s.m2 += d * d;
    if (s.seen == s.next_rank) capture(s, v);
    ++s.seen;
  }
}

// G ≤ 4 groups (weekday/weekend, seasons), walked per tie block. Inside a block every value is the same
// x, so the only per-row work is counting the block's rows per group; the sums, extremes, rank sums and
// order statistics then take one step per block and group. The per-row counts go into 12-bit fields of one
// register (slot g at bit 12·g, the out-of-scope slot G included), so counting has no branch and no
// store-to-load chain; a field holds at most kChunk rows, so longer blocks are counted in chunks.
constexpr unsigned kFieldBits = 12;
constexpr std::size_t kChunk = (std::size_t{1} << kFieldBits) - 1;

template <std::size_t G>
using Counts = std::array<std::int64_t, G>;

template <std::size_t G>
Counts<G> count_block(const SortedColumn& column, const std::vector<std::uint8_t>& shift, std::size_t begin,
                      std::size_t end) {
  Counts<G> k{};
  while (begin < end) {
    const std::size_t stop = std::min(end, begin + kChunk);
    std::uint64_t packed = 0;
    for (; begin < stop; ++begin) packed += std::uint64_t{1} << shift[static_cast<std::size_t>(column.cells[begin])];
    for (std::size_t g = 0; g < G; ++g) k[g] += static_cast<std::int64_t>((packed >> (kFieldBits * g)) & kChunk);
  }
  return k;
}

// Selection without a branch: the compiler turns `hit ? a : b` on doubles into a branch, which
// mispredicts as often as the groups alternate.
inline std::uint64_t mask_of(bool hit) {
  return std::uint64_t{0} - static_cast<std::uint64_t>(hit);
}
inline double pick(std::uint64_t mask, double a, double b) {
  return std::bit_cast<double>((std::bit_cast<std::uint64_t>(a) & mask) | (std::bit_cast<std::uint64_t>(b) & ~mask));
}

// acc[g] += x[g], k[g] times, as k[g] single additions: the same roundings as adding the rows one by one
// (the other groups get +0.0, which leaves a sum that started at +0.0 unchanged), with the groups' chains
// interleaved.
template <std::size_t G>
void add_repeatedly(std::array<double, G>& acc, const Counts<G>& k, const std::array<double, G>& x) {
  std::int64_t most = 0;
  for (std::size_t g = 0; g < G; ++g) most = std::max(most, k[g]);
  for (std::int64_t j = 0; j < most; ++j) {
    for (std::size_t g = 0; g < G; ++g) acc[g] += pick(mask_of(j < k[g]), x[g], 0.0);
  }
}

// First walk: totals per group and the rank sums of the pooled scope, as totals_any and rank_sums compute
// them (a block without rows in scope adds +0.0 where rank_sums skips it: the same sums). Returns each
// block's counts for the second walk.
template <std::size_t G>
std::vector<Counts<G>> totals_few(const SortedColumn& column, const std::vector<std::uint32_t>& slot,
                                  std::vector<Totals>& totals, RankSums& ranks) {
  std::vector<std::uint8_t> shift(CellGrid::kSize);
  for (std::size_t c = 0; c < CellGrid::kSize; ++c) shift[c] = static_cast<std::uint8_t>(kFieldBits * slot[c]);
  const auto& begin = column.block_begin;
  const std::size_t blocks = begin.size() - 1;
  std::vector<Counts<G>> counts(blocks);
  Counts<G> n{};
  std::array<double, G> sum{};
  std::array<double, G> first{};
  std::array<double, G> last{};
  std::array<double, G> rank_sum{};
  double below = 0;
  double tie_term = 0;
  for (std::size_t b = 0; b < blocks; ++b) {
    const double x = column.values[begin[b]];
    const Counts<G> k = count_block<G>(column, shift, begin[b], begin[b + 1]);
    counts[b] = k;
    std::int64_t in_block = 0;
    for (std::size_t g = 0; g < G; ++g) in_block += k[g];
    const auto c = static_cast<double>(in_block);
    const double mid_rank = below + (c + 1) / 2;
    for (std::size_t g = 0; g < G; ++g) {
      rank_sum[g] += static_cast<double>(k[g]) * mid_rank;
      const std::uint64_t hit = mask_of(k[g] > 0);
      first[g] = pick(hit & mask_of(n[g] == 0), x, first[g]);
      last[g] = pick(hit, x, last[g]);
      n[g] += k[g];
    }
    tie_term += c * c * c - c;
    below += c;
    if (column.integral) {
      for (std::size_t g = 0; g < G; ++g) sum[g] += static_cast<double>(k[g]) * x;
    } else {
      std::array<double, G> xs{};
      xs.fill(x);
      add_repeatedly<G>(sum, k, xs);
    }
  }
  ranks.sums.assign(rank_sum.begin(), rank_sum.end());
  ranks.sizes.resize(G);
  for (std::size_t g = 0; g < G; ++g) {
    ranks.sizes[g] = static_cast<double>(n[g]);
    if (n[g] == 0) continue;
    totals[g] = {static_cast<double>(n[g]), sum[g], first[g], last[g]};
  }
  ranks.tie_term = tie_term;
  return counts;
}

// Second walk, per block: Σ(x − mean)² and the order statistics whose ranks fall in the block.
template <std::size_t G>
void spread_few(const SortedColumn& column, const std::vector<Counts<G>>& counts, std::vector<Spread>& spread) {
  std::array<double, G> mean{};
  std::array<double, G> m2{};
  Counts<G> seen{};
  for (std::size_t g = 0; g < G; ++g) mean[g] = spread[g].mean;
  for (std::size_t b = 0; b < counts.size(); ++b) {
    const double x = column.values[column.block_begin[b]];
    const Counts<G>& k = counts[b];
    std::array<double, G> squares{};
    for (std::size_t g = 0; g < G; ++g) {
      const double d = x - mean[g];
      squares[g] = d * d;
    }
    add_repeatedly<G>(m2, k, squares);
    for (std::size_t g = 0; g < G; ++g) {
      Spread& s = spread[g];
      seen[g] += k[g];
      while (s.next < s.wanted.size() && s.wanted[s.next].first < seen[g]) s.found[s.wanted[s.next++].second] = x;
    }
  }
  for (std::size_t g = 0; g < G; ++g) spread[g].m2 = m2[g];
}

// Each group's summary from its totals; sets up the order statistics the second walk must find.
// found: 2 · probability index, + 1 for the upper neighbour.
std::vector<GroupSummary> from_totals(const std::vector<Totals>& totals, std::size_t groups,
                                      const std::vector<double>& probabilities, std::vector<Spread>& state) {
  std::vector<GroupSummary> out(groups);
  // Type-7 quantiles need the order statistics of rank floor(h) and floor(h) + 1 of each group; the walk
  // in ascending order meets each group's values in order, so a per-group counter finds them.
  for (std::size_t g = 0; g < groups; ++g) {
    auto& s = out[g];
    s.quantiles.assign(probabilities.size(), NAN);
    if (totals[g].n == 0) continue;
    s.n = totals[g].n;
    s.min = totals[g].first;
    s.max = totals[g].last;
    s.mean = totals[g].sum / s.n;
    Spread& st = state[g];
    st.mean = s.mean;
    st.found.assign(2 * probabilities.size(), NAN);
    for (std::size_t k = 0; k < probabilities.size(); ++k) {
      const double h = (s.n - 1) * probabilities[k];
      const auto lo = static_cast<std::int64_t>(std::floor(h));
      st.wanted.emplace_back(lo, 2 * k);
      st.wanted.emplace_back(std::min<std::int64_t>(lo + 1, static_cast<std::int64_t>(s.n) - 1), 2 * k + 1);
    }
    std::sort(st.wanted.begin(), st.wanted.end());
    if (!st.wanted.empty()) st.next_rank = st.wanted.front().first;
  }
  return out;
}

void finish_spread(const std::vector<Spread>& state, const std::vector<double>& probabilities,
                   std::vector<GroupSummary>& out) {
  for (std::size_t g = 0; g < out.size(); ++g) {
    if (out[g].n == 0) continue;
    out[g].m2 = state[g].m2;
    for (std::size_t k = 0; k < probabilities.size(); ++k) {
      const double h = (out[g].n - 1) * probabilities[k];
      const double frac = h - std::floor(h);
      const double lo = state[g].found[2 * k];
      out[g].quantiles[k] = frac == 0 ? lo : lo + frac * (state[g].found[2 * k + 1] - lo);
    }
  }
}

template <std::size_t G>
RankedSummary summarize_few(const SortedColumn& column, const std::vector<std::uint32_t>& slot,
                            const std::vector<double>& probabilities, bool spread) {
  RankedSummary out;
  std::vector<Totals> totals(G + 1);
  const auto counts = totals_few<G>(column, slot, totals, out.ranks);
  std::vector<Spread> state(G + 1);
  out.groups = from_totals(totals, G, probabilities, state);
  if (!spread) return out;
  spread_few<G>(column, counts, state);
  finish_spread(state, probabilities, out.groups);
  return out;
}

// Any number of groups: walks the rows with per-slot state in memory. When consecutive values fall in the
// same group, each update waits for the previous one's store (~9 cycles); with many groups (years) that is
// rare.
std::vector<GroupSummary> summarize_any(const SortedColumn& column, const std::vector<std::uint32_t>& slot,
                                        std::size_t groups, const std::vector<double>& probabilities, bool spread) {
  std::vector<Totals> totals(groups + 1);
  totals_any(column, slot, totals);
  std::vector<Spread> state(groups + 1);
  auto out = from_totals(totals, groups, probabilities, state);
  if (!spread) return out;
  spread_any(column, slot, state);
  finish_spread(state, probabilities, out);
  return out;
}

// The block walk needs the block index (a column built by load_sorted_column has it) and ≤ 4 groups.
bool walks_blocks(const SortedColumn& column, std::size_t groups) {
  return groups >= 1 && groups <= 4 && !column.block_begin.empty() && column.block_begin.back() == column.values.size();
}

RankedSummary summarize_blocks(const SortedColumn& column, const std::vector<std::uint32_t>& slot, std::size_t groups,
                               const std::vector<double>& probabilities, bool spread) {
  switch (groups) {
    case 1: return summarize_few<1>(column, slot, probabilities, spread);
    case 2: return summarize_few<2>(column, slot, probabilities, spread);
    case 3: return summarize_few<3>(column, slot, probabilities, spread);
    default: return summarize_few<4>(column, slot, probabilities, spread);
  }
}

// Rank sums from a walk over the rows, for any number of groups.
RankSums rank_sums_any(const SortedColumn& column, const std::vector<std::uint32_t>& slot, std::size_t groups) {
  RankSums out;
  out.sums.assign(groups, 0.0);
  out.sizes.assign(groups, 0.0);
  std::vector<double> in_block(groups + 1, 0.0);
  const std::size_t n = column.values.size();
  double below = 0;  // included values smaller than the current tie block
  std::size_t i = 0;
  while (i < n) {
    const double value = column.values[i];
    std::size_t j = i;
    for (; j < n && column.values[j] == value; ++j) in_block[slot[static_cast<std::size_t>(column.cells[j])]] += 1;
    in_block[groups] = 0;
    double c = 0;
    for (std::size_t g = 0; g < groups; ++g) c += in_block[g];
    if (c > 0) {
      const double mid_rank = below + (c + 1) / 2;
      for (std::size_t g = 0; g < groups; ++g) {
        if (in_block[g] == 0) continue;
        out.sums[g] += in_block[g] * mid_rank;
        out.sizes[g] += in_block[g];
        in_block[g] = 0;
      }
      out.tie_term += c * c * c - c;
      below += c;
    }
    i = j;
  }
  return out;
}

}  // namespace

void index_blocks(SortedColumn& column) {
  const std::size_t n = column.values.size();
  column.block_begin.clear();
  double magnitude = 0;
  bool integral = true;
  for (std::size_t i = 0; i < n; ++i) {
    const double x = column.values[i];
    if (i == 0 || !(x == column.values[i - 1])) column.block_begin.push_back(static_cast<std::uint32_t>(i));
    integral = integral && std::fabs(x) <= 0x1p53 && x == std::floor(x);
    magnitude += std::fabs(x);
  }
  column.block_begin.push_back(static_cast<std::uint32_t>(n));
  column.integral = integral && magnitude <= 0x1p53;
}

std::vector<GroupSummary> summarize(const SortedColumn& column, const std::vector<int>& group_of_cell,
                                    std::size_t groups, const std::vector<double>& probabilities, bool spread) {
  const std::vector<std::uint32_t> slot = cell_slots(group_of_cell, groups);
  if (walks_blocks(column, groups)) return summarize_blocks(column, slot, groups, probabilities, spread).groups;
  return summarize_any(column, slot, groups, probabilities, spread);
}

RankSums rank_sums(const SortedColumn& column, const std::vector<int>& group_of_cell, std::size_t groups) {
  const std::vector<std::uint32_t> slot = cell_slots(group_of_cell, groups);
  if (walks_blocks(column, groups)) return summarize_blocks(column, slot, groups, {}, false).ranks;
  return rank_sums_any(column, slot, groups);
}

RankedSummary summarize_ranked(const SortedColumn& column, const std::vector<int>& group_of_cell, std::size_t groups,
                               const std::vector<double>& probabilities, bool spread) {
  const std::vector<std::uint32_t> slot = cell_slots(group_of_cell, groups);
  if (walks_blocks(column, groups)) return summarize_blocks(column, slot, groups, probabilities, spread);
  return {summarize_any(column, slot, groups, probabilities, spread), rank_sums_any(column, slot, groups)};
}

}  // namespace mtm::analysis
