# The Debian package: `cpack -G DEB` in a build folder makes
# taskleak_<version>_amd64.deb with
#   /usr/bin/taskleak
#   /usr/lib/taskleak/clang-N/taskleak-plugin.so (+ .clang) for each clang built:
#       this build's, and those of the sibling build folders scripts/test.sh
#       makes (build-15, build-16, build-19 ...: whichever exist when cpack
#       runs), or TASKLEAK_PACKAGE_BUILDS
#   /usr/share/taskleak/rules/{catalog.json,docs/,models/}
#   /usr/share/man/man1/taskleak.1.gz
# The installed taskleak finds these relative to itself
# (integrations/taskleak/locate.c), never in the source or build tree.

set(TASKLEAK_PACKAGE_BUILDS "" CACHE STRING
  "other build folders whose plugins go into the package (default: <source>/build-*)")

install(TARGETS taskleak RUNTIME DESTINATION bin)
install(TARGETS taskleak_plugin LIBRARY DESTINATION lib/taskleak/clang-${LLVM_VERSION})
install(FILES ${PROJECT_BINARY_DIR}/checker/taskleak-plugin.clang
  DESTINATION lib/taskleak/clang-${LLVM_VERSION})
install(FILES ${PROJECT_SOURCE_DIR}/rules/catalog.json DESTINATION share/taskleak/rules)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/rules/docs ${PROJECT_SOURCE_DIR}/rules/models
  DESTINATION share/taskleak/rules)

# man page, gzipped as Debian policy wants (-n: no timestamp, reproducible)
set(TL_MAN_GZ ${PROJECT_BINARY_DIR}/taskleak.1.gz)
add_custom_command(OUTPUT ${TL_MAN_GZ}
  COMMAND gzip -9n -c ${PROJECT_SOURCE_DIR}/docs/man/taskleak.1 > ${TL_MAN_GZ}
  DEPENDS ${PROJECT_SOURCE_DIR}/docs/man/taskleak.1 VERBATIM)
add_custom_target(taskleak_man ALL DEPENDS ${TL_MAN_GZ})
install(FILES ${TL_MAN_GZ} DESTINATION share/man/man1)

# The other clangs' plugins are looked for when the package is made, not
# now: those builds may finish after this one is configured.
set(TL_PKG_HELPER ${PROJECT_SOURCE_DIR}/cmake/package_plugins.cmake)
install(CODE "
  set(TL_SOURCE_DIR \"${PROJECT_SOURCE_DIR}\")
  set(TL_THIS_BUILD \"${PROJECT_BINARY_DIR}\")
  set(TL_THIS_MAJOR \"${LLVM_VERSION}\")
  set(TL_BUILDS \"${TASKLEAK_PACKAGE_BUILDS}\")
  include(\"${TL_PKG_HELPER}\")
  tl_other_plugins(plugins)
  foreach(p IN LISTS plugins)
    string(REPLACE \"|\" \";\" p \"\${p}\")
    list(GET p 0 major)
    list(GET p 1 dir)
    file(INSTALL \${dir}/taskleak-plugin.so \${dir}/taskleak-plugin.clang
      DESTINATION \"\${CMAKE_INSTALL_PREFIX}/lib/taskleak/clang-\${major}\")
  endforeach()")

set(CPACK_GENERATOR DEB)
# Binaries ship stripped, as Debian policy wants: this build is RelWithDebInfo
# and its plugin with debug info is 176 MB (4 MB stripped).
set(CPACK_STRIP_FILES TRUE)
set(CPACK_PACKAGE_NAME taskleak)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_PACKAGE_CONTACT "taskleak developers <dev@taskleak.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "finds threads that leak or outlive their owner in C and C++ (Clang Static Analyzer plugin)")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE amd64)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
# The clang scan runs by default, and its intercept-build for `scan -- make`;
# the libclang the inference opens with dlopen (not linked, so named here).
set(CPACK_DEBIAN_PACKAGE_DEPENDS
  "libc6, libsqlite3-0, libpq5, libcjson1, libxml2, zlib1g, clang-${LLVM_VERSION}, clang-tools-${LLVM_VERSION}, libclang1-${LLVM_VERSION}")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "make")
# cpack reads this when it runs: it adds the other clangs carried (Suggests).
set(TL_PKG_CONFIG ${PROJECT_BINARY_DIR}/CPackTaskleak.cmake)
file(WRITE ${TL_PKG_CONFIG} "
set(TL_SOURCE_DIR \"${PROJECT_SOURCE_DIR}\")
set(TL_THIS_BUILD \"${PROJECT_BINARY_DIR}\")
  set(TL_THIS_MAJOR \"${LLVM_VERSION}\")
set(TL_BUILDS \"${TASKLEAK_PACKAGE_BUILDS}\")
include(\"${TL_PKG_HELPER}\")
tl_other_plugins(plugins)
set(sug \"\")
foreach(p IN LISTS plugins)
  string(REGEX REPLACE \"[|].*\" \"\" major \"\${p}\")
  list(APPEND sug \"clang-\${major}\")
endforeach()
string(REPLACE \";\" \", \" sug \"\${sug}\")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS \"\${sug}\")
")
set(CPACK_PROJECT_CONFIG_FILE ${TL_PKG_CONFIG})
include(CPack)
