// The body of POST /api/v1/events comes from any client: checked_event must return a log line holding
// exactly the schema's fields, or throw ParameterError; never crash or accept a non-object.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "server/events.hpp"
#include "server/problem.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  try {
    const auto line = mtm::server::checked_event(body, "local");
    if (!line.is_object() || !line.contains("type") || !line.contains("ts")) std::abort();
  } catch (const mtm::server::ParameterError&) {
  }
  return 0;
}
