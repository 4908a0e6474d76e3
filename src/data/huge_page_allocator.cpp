#include "data/huge_page_allocator.hpp"

#include <sys/mman.h>

#include <cstdint>

namespace mtm::data::huge_pages {

namespace {
constexpr std::size_t kHugePage = std::size_t{2} << 20;

std::size_t rounded(std::size_t bytes) {
  return (bytes + kHugePage - 1) / kHugePage * kHugePage;
}
}  // namespace

void* map(std::size_t bytes) {
  // One huge page more than needed, so the block can start on a 2 MiB boundary; the slack is unmapped.
  const std::size_t size = rounded(bytes);
  void* mapped = mmap(nullptr, size + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mapped == MAP_FAILED) throw std::bad_alloc();
  auto* raw = static_cast<char*>(mapped);
  const std::size_t misalignment = reinterpret_cast<std::uintptr_t>(raw) % kHugePage;
  const std::size_t head = misalignment == 0 ? 0 : kHugePage - misalignment;
  char* block = raw + head;
  if (head > 0) munmap(raw, head);
  if (head < kHugePage) munmap(block + size, kHugePage - head);
  // Advice only: without transparent huge pages the block still works with small pages.
  madvise(block, size, MADV_HUGEPAGE);
  return block;
}

void unmap(void* block, std::size_t bytes) noexcept {
  munmap(block, rounded(bytes));
}

}  // namespace mtm::data::huge_pages
