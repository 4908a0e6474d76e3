// An allocator for the few large arrays the explorer index builds at start (postings, item lists, names):
// blocks of 4 MiB and more are mapped on their own and asked to be backed by 2 MiB pages. On the
// virtual machines this runs on, a first touch of a 4 KiB page costs ~20 us, so filling 200 MB page by
// page took most of the index build; with 2 MiB pages it is 512 times fewer faults. Freed blocks go
// straight back to the system. Smaller blocks use operator new.
#pragma once

#include <cstddef>
#include <new>
#include <vector>

namespace mtm::data {

namespace huge_pages {
/// At least bytes of zeroed memory, 2 MiB-aligned, advised for huge pages; throws std::bad_alloc.
void* map(std::size_t bytes);
void unmap(void* block, std::size_t bytes) noexcept;
inline constexpr std::size_t kMinBytes = std::size_t{4} << 20;
}  // namespace huge_pages

template <typename T>
struct HugePageAllocator {
  using value_type = T;
  HugePageAllocator() noexcept = default;
  template <typename U>
  explicit HugePageAllocator(const HugePageAllocator<U>& /*other*/) noexcept {}

  T* allocate(std::size_t n) {
    const std::size_t bytes = n * sizeof(T);
    if (bytes >= huge_pages::kMinBytes) return static_cast<T*>(huge_pages::map(bytes));
    return std::allocator<T>().allocate(n);
  }
  void deallocate(T* p, std::size_t n) noexcept {
    const std::size_t bytes = n * sizeof(T);
    if (bytes >= huge_pages::kMinBytes) {
      huge_pages::unmap(p, bytes);
    } else {
      std::allocator<T>().deallocate(p, n);
    }
  }
  friend bool operator==(const HugePageAllocator&, const HugePageAllocator&) noexcept { return true; }
};

/// A vector whose large buffers come from HugePageAllocator.
template <typename T>
using BigVector = std::vector<T, HugePageAllocator<T>>;

}  // namespace mtm::data
