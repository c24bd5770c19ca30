# Script mode: writes OUTPUT with the current git commit of SOURCE_DIR, only if it changed.

find_package(Git QUIET)
set(commit "unknown")
if(GIT_FOUND)
    execute_process(COMMAND ${GIT_EXECUTABLE} -C ${SOURCE_DIR} rev-parse --short=12 HEAD
                    OUTPUT_VARIABLE head RESULT_VARIABLE status ERROR_QUIET
                    OUTPUT_STRIP_TRAILING_WHITESPACE)
    if(status EQUAL 0 AND head)
        set(commit "${head}")
    endif()
endif()
set(text "// Generated at build time by cmake/write_build_info.cmake.
#pragma once
#define MLRUN_TOOL_VERSION \"${TOOL_VERSION}\"
#define MLRUN_TARGET_VERSION \"${TARGET_VERSION}\"
#define MLRUN_GIT_COMMIT \"${commit}\"
")
include("${CMAKE_CURRENT_LIST_DIR}/write_if_changed.cmake")
write_if_changed("${OUTPUT}" "${text}")
