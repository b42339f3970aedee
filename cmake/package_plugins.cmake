# package_plugins.cmake - the plugins of other build folders for the
# package (cmake/package.cmake): used at install time and by cpack.
#
# tl_other_plugins(OUT) sets OUT to "MAJOR|DIR" items, one per build
# folder in TL_BUILDS (else TL_SOURCE_DIR/build-*) other than TL_THIS_BUILD
# whose checker/ holds a built plugin for a clang other than TL_THIS_MAJOR; MAJOR comes from the plugin's
# .clang file ("/usr/lib/llvm-16/bin/clang 16.0.6"). A version seen twice
# is taken once.
function(tl_other_plugins out)
  set(builds "${TL_BUILDS}")
  if(NOT builds)
    file(GLOB builds LIST_DIRECTORIES true "${TL_SOURCE_DIR}/build-*")
  endif()
  get_filename_component(this "${TL_THIS_BUILD}" REALPATH)
  set(found "")
  set(majors "${TL_THIS_MAJOR}") # this build's own plugin is never replaced
  foreach(b IN LISTS builds)
    get_filename_component(b "${b}" REALPATH)
    set(dir "${b}/checker")
    if(b STREQUAL this OR NOT EXISTS "${dir}/taskleak-plugin.so"
       OR NOT EXISTS "${dir}/taskleak-plugin.clang")
      continue()
    endif()
    file(READ "${dir}/taskleak-plugin.clang" rec)
    if(NOT rec MATCHES " ([0-9]+)\\.")
      continue()
    endif()
    set(major "${CMAKE_MATCH_1}")
    list(FIND majors "${major}" seen) # not IN_LIST: cpack runs this without policies set
    if(seen EQUAL -1)
      list(APPEND majors "${major}")
      list(APPEND found "${major}|${dir}")
    endif()
  endforeach()
  set(${out} "${found}" PARENT_SCOPE)
endfunction()
