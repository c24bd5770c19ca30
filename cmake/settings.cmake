# Interface targets every first-party target links privately: language level, sanitizers, warnings.

add_library(mlrun_settings INTERFACE)
target_compile_features(mlrun_settings INTERFACE cxx_std_20)
set(CMAKE_CXX_EXTENSIONS OFF)
if(MLRUN_SANITIZE)
    target_compile_options(mlrun_settings INTERFACE -fsanitize=${MLRUN_SANITIZE} -fno-omit-frame-pointer
                                                    -fno-sanitize-recover=all)
    target_link_options(mlrun_settings INTERFACE -fsanitize=${MLRUN_SANITIZE})
endif()

add_library(mlrun_warnings INTERFACE)
target_compile_options(mlrun_warnings INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
    -Wold-style-cast -Woverloaded-virtual)
if(MLRUN_WARNINGS_AS_ERRORS)
    target_compile_options(mlrun_warnings INTERFACE -Werror)
endif()
