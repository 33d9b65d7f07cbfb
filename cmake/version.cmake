# The build's version and build facts (included by the top CMakeLists.txt after
# project(), before the targets that use PROJECT_VERSION):
# - PROJECT_VERSION becomes the release version from git tags (cmake/git_version.cmake),
#   so SYMPTREE_VERSION in the generator (manifest.json) and the exporter follow the tags;
# - SYMPTREE_PACKAGE_VERSION is the Debian package version (cmake/packaging.cmake);
# - common/build_info is generated for --version (branch, revision, build date);
# - CMake re-runs when HEAD, its branch or the tags move, so none of it goes stale.
include(${CMAKE_CURRENT_LIST_DIR}/git_version.cmake)

symptree_git_version(${PROJECT_SOURCE_DIR} ${PROJECT_VERSION})
symptree_git_version_inputs(${PROJECT_SOURCE_DIR} git_inputs)
set_property(DIRECTORY ${PROJECT_SOURCE_DIR} APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${git_inputs})

set(PROJECT_VERSION ${SYMPTREE_RELEASE_VERSION})
set(${PROJECT_NAME}_VERSION ${SYMPTREE_RELEASE_VERSION})
set(CMAKE_PROJECT_VERSION ${SYMPTREE_RELEASE_VERSION})

# string(TIMESTAMP) honours SOURCE_DATE_EPOCH, for reproducible builds.
string(TIMESTAMP SYMPTREE_BUILD_DATE "%Y%m%d-%H:%M:%S" UTC)
configure_file(${CMAKE_CURRENT_LIST_DIR}/build_info.cc.in ${PROJECT_BINARY_DIR}/generated/build_info.cc @ONLY)
target_sources(symptree_common PRIVATE
  ${PROJECT_SOURCE_DIR}/common/build_info.cc ${PROJECT_BINARY_DIR}/generated/build_info.cc)
message(STATUS "symptree ${SYMPTREE_RELEASE_VERSION} (package ${SYMPTREE_PACKAGE_VERSION}, "
               "revision ${SYMPTREE_GIT_REVISION})")
