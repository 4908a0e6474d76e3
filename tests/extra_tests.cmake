# Front-end suites run by ctest: node --test for the pure JS helpers, and the browser smoke test
# (playwright-core driving Debian's Chromium against the built binary).
find_program(MTM_NODE node)
if(MTM_NODE)
  add_test(NAME web.helpers COMMAND ${MTM_NODE} --test ${CMAKE_CURRENT_SOURCE_DIR}/web/
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  if(EXISTS /usr/bin/chromium AND EXISTS ${CMAKE_SOURCE_DIR}/node_modules/playwright-core)
    # One ctest per file, each with its own small database, server and browser; serial because they
    # all drive Chromium on a 2-core machine. Screenshots land in <build>/screenshots.
    foreach(suite smoke pages)
      add_test(NAME e2e.${suite} COMMAND ${MTM_NODE} --test --test-concurrency=1
               ${CMAKE_CURRENT_SOURCE_DIR}/e2e/${suite}.test.mjs WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
      set_tests_properties(e2e.${suite} PROPERTIES TIMEOUT 600 RUN_SERIAL TRUE
        ENVIRONMENT "MTM_BINARY=$<TARGET_FILE:mangetamain>;MTM_E2E_OUT=${CMAKE_BINARY_DIR}")
    endforeach()
  else()
    message(WARNING "e2e tests not registered: /usr/bin/chromium or node_modules/playwright-core is missing")
  endif()
endif()
