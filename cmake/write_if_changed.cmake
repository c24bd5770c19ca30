# write_if_changed(PATH TEXT): writes TEXT to PATH only when it differs, so that generated
# headers keep their timestamps (and nothing recompiles) when their content did not change.
function(write_if_changed path text)
    if(EXISTS "${path}")
        file(READ "${path}" old)
    else()
        set(old "")
    endif()
    if(NOT old STREQUAL text)
        file(WRITE "${path}" "${text}")
    endif()
endfunction()
