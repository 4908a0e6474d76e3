# Version, git commit and build date, compiled into the binary for --version and the UI footer.
execute_process(COMMAND git rev-parse --short=12 HEAD WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}
  OUTPUT_VARIABLE MTM_GIT_COMMIT OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(NOT MTM_GIT_COMMIT)
  set(MTM_GIT_COMMIT "unknown")
endif()
string(TIMESTAMP MTM_BUILD_DATE "%Y-%m-%d" UTC)
configure_file(${CMAKE_SOURCE_DIR}/src/core/version.hpp.in ${CMAKE_BINARY_DIR}/generated/core/version_info.hpp @ONLY)
