# Start-up time matters: every CI step runs mlrun, often many times. Libraries that are loaded
# on every start and bring thousands of symbol relocations (SQLite, yaml-cpp and with it
# libstdc++, nettle) are linked from Debian's static archives when they exist; the shared
# ones are used otherwise. Network and git libraries stay shared.

option(MLRUN_STATIC_DEPS "Link SQLite, yaml-cpp, nettle and libstdc++ statically" ON)

set(MLRUN_YAML_CPP yaml-cpp)
set(MLRUN_SQLITE3 SQLite::SQLite3)
set(MLRUN_NETTLE PkgConfig::NETTLE)
if(MLRUN_STATIC_DEPS)
    find_library(MLRUN_YAML_CPP_A NAMES libyaml-cpp.a)
    find_library(MLRUN_SQLITE3_A NAMES libsqlite3.a)
    find_library(MLRUN_NETTLE_A NAMES libnettle.a)
    if(MLRUN_YAML_CPP_A AND MLRUN_SQLITE3_A AND MLRUN_NETTLE_A)
        find_package(Threads REQUIRED)
        add_library(mlrun_static_yaml_cpp STATIC IMPORTED)
        set_target_properties(mlrun_static_yaml_cpp PROPERTIES IMPORTED_LOCATION ${MLRUN_YAML_CPP_A})
        target_include_directories(mlrun_static_yaml_cpp INTERFACE ${YAML_CPP_INCLUDE_DIR})
        add_library(mlrun_static_sqlite3 STATIC IMPORTED)
        set_target_properties(mlrun_static_sqlite3 PROPERTIES IMPORTED_LOCATION ${MLRUN_SQLITE3_A})
        target_include_directories(mlrun_static_sqlite3 INTERFACE ${SQLite3_INCLUDE_DIRS})
        target_link_libraries(mlrun_static_sqlite3 INTERFACE Threads::Threads ${CMAKE_DL_LIBS} m)
        add_library(mlrun_static_nettle STATIC IMPORTED)
        set_target_properties(mlrun_static_nettle PROPERTIES IMPORTED_LOCATION ${MLRUN_NETTLE_A})
        set(MLRUN_YAML_CPP mlrun_static_yaml_cpp)
        set(MLRUN_SQLITE3 mlrun_static_sqlite3)
        set(MLRUN_NETTLE mlrun_static_nettle)
    else()
        message(STATUS "static archives not all found; linking SQLite, yaml-cpp and nettle shared")
        set(MLRUN_STATIC_DEPS OFF)
    endif()
endif()
