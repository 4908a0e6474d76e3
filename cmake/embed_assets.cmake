# The web UI embedded in the binary: every file under web/, Plotly and the self-hosted fonts become
# byte arrays in a generated source of mtm_server, so `mangetamain serve` needs no file but the database.


if(EXISTS /usr/bin/python3)
  set(MTM_PYTHON /usr/bin/python3)
else()
  find_package(Python3 REQUIRED COMPONENTS Interpreter)
  set(MTM_PYTHON ${Python3_EXECUTABLE})
endif()

set(mtm_node_modules ${CMAKE_SOURCE_DIR}/node_modules)
file(GLOB_RECURSE mtm_web_files CONFIGURE_DEPENDS LIST_DIRECTORIES false ${CMAKE_SOURCE_DIR}/web/*)
set(mtm_embed_args)
set(mtm_embed_deps)
foreach(file ${mtm_web_files})
  file(RELATIVE_PATH name ${CMAKE_SOURCE_DIR}/web ${file})
  list(APPEND mtm_embed_args "${name}=${file}")
  list(APPEND mtm_embed_deps ${file})
endforeach()
set(mtm_vendor_files
  "vendor/intl-messageformat.js=${mtm_node_modules}/intl-messageformat/intl-messageformat.iife.js"
  "vendor/plotly-cartesian.min.js=${mtm_node_modules}/plotly.js-cartesian-dist-min/plotly-cartesian.min.js"
  "fonts/inter-latin-400-normal.woff2=${mtm_node_modules}/@fontsource/inter/files/inter-latin-400-normal.woff2"
  "fonts/inter-latin-600-normal.woff2=${mtm_node_modules}/@fontsource/inter/files/inter-latin-600-normal.woff2"
  "fonts/inter-latin-700-normal.woff2=${mtm_node_modules}/@fontsource/inter/files/inter-latin-700-normal.woff2"
  "fonts/michroma-latin-400-normal.woff2=${mtm_node_modules}/@fontsource/michroma/files/michroma-latin-400-normal.woff2")
foreach(entry ${mtm_vendor_files})
  string(REGEX REPLACE "^[^=]*=" "" path ${entry})
  list(APPEND mtm_embed_args ${entry})
  list(APPEND mtm_embed_deps ${path})
endforeach()

set(mtm_embedded_cpp ${CMAKE_BINARY_DIR}/generated/server/embedded_assets_data.cpp)
add_custom_command(OUTPUT ${mtm_embedded_cpp}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/generated/server
  COMMAND ${MTM_PYTHON} ${CMAKE_SOURCE_DIR}/cmake/embed_assets.py ${mtm_embedded_cpp}
    --eager vendor/plotly-cartesian.min.js ${mtm_embed_args}
  DEPENDS ${CMAKE_SOURCE_DIR}/cmake/embed_assets.py ${mtm_embed_deps}
  COMMENT "Embedding the web UI (${CMAKE_SOURCE_DIR}/web, Plotly, fonts)"
  VERBATIM)
# Generated code: no -Werror warnings beyond what the generator already silences; no debug info needed.
set_source_files_properties(${mtm_embedded_cpp} PROPERTIES GENERATED TRUE COMPILE_OPTIONS "-g0")
target_sources(mtm_server PRIVATE ${mtm_embedded_cpp})
