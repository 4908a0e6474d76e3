# DuckDB 1.4.4: the prebuilt shared library from the npm package `@duckdb/node-bindings-linux-x64` (pinned in
# package.json, installed by scripts/bootstrap.sh), the C header vendored in third_party/duckdb (the binding
# ships none; see third_party/duckdb/README.md). Both are checked to be the same version here. The rpath lets
# the binary run from any directory.
set(MTM_DUCKDB_VERSION_FILE ${CMAKE_SOURCE_DIR}/third_party/duckdb/VERSION)
set(MTM_DUCKDB_INCLUDE_DIR ${CMAKE_SOURCE_DIR}/third_party/duckdb)
set(MTM_DUCKDB_HEADER_SHA256 cbe6a827284375c5a646b8f27dbd3a00808ce8738b5bbb49c190cb1e08540281)
set(MTM_DUCKDB_PACKAGE_DIR ${CMAKE_SOURCE_DIR}/node_modules/@duckdb/node-bindings-linux-x64)
set(MTM_DUCKDB_LIBRARY ${MTM_DUCKDB_PACKAGE_DIR}/libduckdb.so)

file(STRINGS ${MTM_DUCKDB_VERSION_FILE} MTM_DUCKDB_VERSION LIMIT_COUNT 1)
file(SHA256 ${MTM_DUCKDB_INCLUDE_DIR}/duckdb.h mtm_duckdb_header_sha256)
if(NOT mtm_duckdb_header_sha256 STREQUAL MTM_DUCKDB_HEADER_SHA256)
  message(FATAL_ERROR "third_party/duckdb/duckdb.h is not the pinned DuckDB ${MTM_DUCKDB_VERSION} header "
                      "(sha256 ${mtm_duckdb_header_sha256}, expected ${MTM_DUCKDB_HEADER_SHA256})")
endif()
if(NOT EXISTS ${MTM_DUCKDB_LIBRARY} OR NOT EXISTS ${MTM_DUCKDB_PACKAGE_DIR}/package.json)
  message(FATAL_ERROR "DuckDB library not found (${MTM_DUCKDB_LIBRARY}): run scripts/bootstrap.sh first")
endif()
file(READ ${MTM_DUCKDB_PACKAGE_DIR}/package.json mtm_duckdb_package)
string(JSON mtm_duckdb_package_version GET ${mtm_duckdb_package} version)
if(NOT mtm_duckdb_package_version MATCHES "^${MTM_DUCKDB_VERSION}(-|$)")
  message(FATAL_ERROR "node_modules/@duckdb/node-bindings-linux-x64 is ${mtm_duckdb_package_version}, the vendored "
                      "header is DuckDB ${MTM_DUCKDB_VERSION}: run scripts/bootstrap.sh (package-lock.json pins it)")
endif()
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${MTM_DUCKDB_VERSION_FILE}
             ${MTM_DUCKDB_INCLUDE_DIR}/duckdb.h ${MTM_DUCKDB_PACKAGE_DIR}/package.json)

add_library(duckdb::duckdb SHARED IMPORTED GLOBAL)
set_target_properties(duckdb::duckdb PROPERTIES
  IMPORTED_LOCATION ${MTM_DUCKDB_LIBRARY}
  IMPORTED_NO_SONAME OFF
  INTERFACE_SYSTEM_INCLUDE_DIRECTORIES ${MTM_DUCKDB_INCLUDE_DIR}
  INTERFACE_INCLUDE_DIRECTORIES ${MTM_DUCKDB_INCLUDE_DIR})
get_filename_component(MTM_DUCKDB_LIBRARY_DIR ${MTM_DUCKDB_LIBRARY} DIRECTORY)
set(CMAKE_BUILD_RPATH ${MTM_DUCKDB_LIBRARY_DIR})
set(CMAKE_INSTALL_RPATH ${MTM_DUCKDB_LIBRARY_DIR})
