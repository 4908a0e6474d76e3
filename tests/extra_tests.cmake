# Front-end suites run by ctest: node --test for the pure JS helpers, and the browser tests
# (playwright-core driving Debian's Chromium against the built binary).
find_program(MTM_NODE node)
if(MTM_NODE)
  add_test(NAME web.helpers COMMAND ${MTM_NODE} --test ${CMAKE_CURRENT_SOURCE_DIR}/web/
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  if(EXISTS /usr/bin/chromium AND EXISTS ${CMAKE_SOURCE_DIR}/node_modules/playwright-core)
    # One ctest per file (e2e.smoke, e2e.pages, e2e.explorer…), each with its own small database, server
    # and browser; serial because they all drive Chromium on a 2-core machine. Screenshots land in the
    # build directory (pages.test.mjs: <build>/screenshots).
    file(GLOB mtm_e2e_suites CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/e2e/*.test.mjs)
    foreach(path ${mtm_e2e_suites})
      get_filename_component(file ${path} NAME)
      string(REGEX REPLACE "\\.test\\.mjs$" "" suite ${file})
      # The explorer test runs on the real rows: part of the real-row suite (tests/CMakeLists.txt).
      if(suite STREQUAL "explorer" AND NOT MTM_REAL_ROWS)
        continue()
      endif()
      add_test(NAME e2e.${suite} COMMAND ${MTM_NODE} --test --test-concurrency=1 ${path}
               WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
      set_tests_properties(e2e.${suite} PROPERTIES TIMEOUT 600 RUN_SERIAL TRUE
        ENVIRONMENT "MTM_BINARY=$<TARGET_FILE:mangetamain>;MTM_E2E_OUT=${CMAKE_BINARY_DIR};MTM_FIXTURES_DIR=${MTM_REAL_SAMPLES_DIR};MANGETAMAIN_LOG_DIR=${CMAKE_BINARY_DIR}/e2e-logs")
    endforeach()
  else()
    message(WARNING "e2e tests not registered: /usr/bin/chromium or node_modules/playwright-core is missing")
  endif()
endif()
