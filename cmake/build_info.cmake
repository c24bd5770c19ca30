# Generates build_info.hpp (tool version, target MLRun version, git commit) on every build,
# rewriting it only when the commit changed so that nothing else recompiles.

set(MLRUN_GENERATED_DIR "${CMAKE_BINARY_DIR}/generated")
add_custom_target(mlrun_build_info
    COMMAND ${CMAKE_COMMAND}
            -DSOURCE_DIR=${CMAKE_SOURCE_DIR}
            -DOUTPUT=${MLRUN_GENERATED_DIR}/mlrun/build_info.hpp
            -DTOOL_VERSION=${PROJECT_VERSION}
            -DTARGET_VERSION=${MLRUN_TARGET_VERSION}
            -P ${CMAKE_SOURCE_DIR}/cmake/write_build_info.cmake
    BYPRODUCTS ${MLRUN_GENERATED_DIR}/mlrun/build_info.hpp
    COMMENT "Recording the git commit")
