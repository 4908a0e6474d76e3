# DuckDB 1.4.4 from npm (scripts/bootstrap.sh): the C header from `duckdb`, the prebuilt shared
# library from `@duckdb/node-bindings-linux-x64`. The rpath lets the binary run from any directory.
set(MTM_DUCKDB_INCLUDE_DIR ${CMAKE_SOURCE_DIR}/node_modules/duckdb/src/duckdb/src/include)
set(MTM_DUCKDB_LIBRARY ${CMAKE_SOURCE_DIR}/node_modules/@duckdb/node-bindings-linux-x64/libduckdb.so)
if(NOT EXISTS ${MTM_DUCKDB_LIBRARY} OR NOT EXISTS ${MTM_DUCKDB_INCLUDE_DIR}/duckdb.h)
  message(FATAL_ERROR "DuckDB not found under node_modules: run scripts/bootstrap.sh first")
endif()
add_library(duckdb::duckdb SHARED IMPORTED GLOBAL)
set_target_properties(duckdb::duckdb PROPERTIES
  IMPORTED_LOCATION ${MTM_DUCKDB_LIBRARY}
  IMPORTED_NO_SONAME OFF
  INTERFACE_SYSTEM_INCLUDE_DIRECTORIES ${MTM_DUCKDB_INCLUDE_DIR}
  INTERFACE_INCLUDE_DIRECTORIES ${MTM_DUCKDB_INCLUDE_DIR})
get_filename_component(MTM_DUCKDB_LIBRARY_DIR ${MTM_DUCKDB_LIBRARY} DIRECTORY)
set(CMAKE_BUILD_RPATH ${MTM_DUCKDB_LIBRARY_DIR})
set(CMAKE_INSTALL_RPATH ${MTM_DUCKDB_LIBRARY_DIR})
