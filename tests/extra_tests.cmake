# Front-end suites run by ctest: node --test for the pure JS helpers, and the browser smoke test
# (playwright-core driving Debian's Chromium against the built binary).
find_program(MTM_NODE node)
if(MTM_NODE)
  add_test(NAME web.helpers COMMAND ${MTM_NODE} --test ${CMAKE_CURRENT_SOURCE_DIR}/web/
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  if(EXISTS /usr/bin/chromium AND EXISTS ${CMAKE_SOURCE_DIR}/node_modules/playwright-core)
    add_test(NAME e2e.smoke COMMAND ${MTM_NODE} --test --test-concurrency=1 ${CMAKE_CURRENT_SOURCE_DIR}/e2e/
      WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
    set_tests_properties(e2e.smoke PROPERTIES TIMEOUT 300 RUN_SERIAL TRUE
      ENVIRONMENT "MTM_BINARY=$<TARGET_FILE:mangetamain>;MTM_E2E_OUT=${CMAKE_BINARY_DIR}")
  else()
    message(WARNING "e2e.smoke not registered: /usr/bin/chromium or node_modules/playwright-core is missing")
  endif()
endif()
