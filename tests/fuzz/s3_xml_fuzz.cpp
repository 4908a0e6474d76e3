// S3 responses come from the network: any body must parse or be rejected with DataLoadError (listings),
// nullopt (error bodies) or std::invalid_argument (entities), never crash.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string_view>

#include "core/errors.hpp"
#include "data/s3/s3_xml.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view xml(reinterpret_cast<const char*>(data), size);
  try {
    const auto page = mtm::data::s3::parse_list_objects(xml, "s3://fuzz/");
    for (const auto& object : page.objects) {
      if (object.size < 0) __builtin_trap();
    }
  } catch (const mtm::DataLoadError&) {
  }
  (void)mtm::data::s3::parse_error_body(xml);
  try {
    (void)mtm::data::s3::xml_unescape(xml);
  } catch (const std::invalid_argument&) {
  }
  return 0;
}
