# cpp-httplib, the HTTP client of the integration tests only (the server and the CLI use Boost.Beast): Debian's
# compiled libcpp-httplib as httplib::httplib when no CMake package exists.
find_package(httplib QUIET)
if(NOT TARGET httplib::httplib)
  find_library(MTM_HTTPLIB_LIBRARY NAMES cpp-httplib REQUIRED)
  find_path(MTM_HTTPLIB_INCLUDE_DIR httplib.h REQUIRED)
  find_package(OpenSSL REQUIRED)
  add_library(httplib::httplib UNKNOWN IMPORTED)
  # The definitions must match how Debian compiled the library (see cpp-httplib.pc), or class layouts differ.
  set_target_properties(httplib::httplib PROPERTIES
    IMPORTED_LOCATION ${MTM_HTTPLIB_LIBRARY}
    INTERFACE_INCLUDE_DIRECTORIES ${MTM_HTTPLIB_INCLUDE_DIR}
    INTERFACE_COMPILE_DEFINITIONS "CPPHTTPLIB_OPENSSL_SUPPORT;CPPHTTPLIB_ZLIB_SUPPORT;CPPHTTPLIB_BROTLI_SUPPORT")
  set_property(TARGET httplib::httplib PROPERTY INTERFACE_LINK_LIBRARIES OpenSSL::SSL OpenSSL::Crypto ZLIB::ZLIB
    Threads::Threads)
endif()
