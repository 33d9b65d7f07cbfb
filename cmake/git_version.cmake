# symptree's version from git. The release version is the newest tag vX.Y.Z
# reachable from HEAD; outside a git checkout, or before the first tag, it is
# the project() version. The Debian package version adds how far HEAD is from
# the release:
#   HEAD at tag v1.2.0                    -> 1.2.0
#   5 commits after v1.2.0                -> 1.2.0+5.g<hash>  (sorts after 1.2.0)
#   no release tag yet, 312 commits       -> 0.1.0~dev312.g<hash>  (sorts before 0.1.0)
#   no git                                -> 0.1.0
# Run as a script to print the result for a checkout (tests/tools/version.sh):
#   cmake -DSOURCE_DIR=<checkout> -DFALLBACK_VERSION=0.1.0 -P cmake/git_version.cmake

# Sets, in the caller's scope: SYMPTREE_RELEASE_VERSION, SYMPTREE_PACKAGE_VERSION,
# SYMPTREE_GIT_REVISION, SYMPTREE_GIT_BRANCH ("unknown" without git).
function(symptree_git_version source_dir fallback_version)
  set(release ${fallback_version})
  set(package ${fallback_version})
  set(revision unknown)
  set(branch unknown)
  find_package(Git QUIET)
  if(GIT_FOUND)
    execute_process(COMMAND ${GIT_EXECUTABLE} rev-parse HEAD WORKING_DIRECTORY ${source_dir}
                    OUTPUT_VARIABLE head RESULT_VARIABLE head_failed OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  else()
    set(head_failed 1)
  endif()
  if(NOT head_failed)
    set(revision ${head})
    string(SUBSTRING ${head} 0 12 short)
    execute_process(COMMAND ${GIT_EXECUTABLE} rev-parse --abbrev-ref HEAD WORKING_DIRECTORY ${source_dir}
                    OUTPUT_VARIABLE branch OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
    execute_process(COMMAND ${GIT_EXECUTABLE} describe --tags --long --match "v[0-9]*.[0-9]*.[0-9]*" HEAD
                    WORKING_DIRECTORY ${source_dir}
                    OUTPUT_VARIABLE described RESULT_VARIABLE describe_failed
                    OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
    if(NOT describe_failed AND described MATCHES "^v([0-9]+\\.[0-9]+\\.[0-9]+)-([0-9]+)-g[0-9a-f]+$")
      set(release ${CMAKE_MATCH_1})
      if(CMAKE_MATCH_2 STREQUAL "0")
        set(package ${release})
      else()
        set(package "${release}+${CMAKE_MATCH_2}.g${short}")
      endif()
    else()
      execute_process(COMMAND ${GIT_EXECUTABLE} rev-list --count HEAD WORKING_DIRECTORY ${source_dir}
                      OUTPUT_VARIABLE count OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
      set(package "${fallback_version}~dev${count}.g${short}")
    endif()
  endif()
  set(SYMPTREE_RELEASE_VERSION ${release} PARENT_SCOPE)
  set(SYMPTREE_PACKAGE_VERSION ${package} PARENT_SCOPE)
  set(SYMPTREE_GIT_REVISION ${revision} PARENT_SCOPE)
  set(SYMPTREE_GIT_BRANCH ${branch} PARENT_SCOPE)
endfunction()

# The git files whose change means another version: HEAD, the branch it is on,
# packed refs and the tags. A build re-runs CMake when one of them changes.
function(symptree_git_version_inputs source_dir out_var)
  set(inputs)
  find_package(Git QUIET)
  if(GIT_FOUND)
    execute_process(COMMAND ${GIT_EXECUTABLE} symbolic-ref -q HEAD WORKING_DIRECTORY ${source_dir}
                    OUTPUT_VARIABLE ref OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
    foreach(name HEAD ${ref} packed-refs refs/tags)
      execute_process(COMMAND ${GIT_EXECUTABLE} rev-parse --git-path ${name} WORKING_DIRECTORY ${source_dir}
                      OUTPUT_VARIABLE path RESULT_VARIABLE failed OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
      if(NOT failed)
        get_filename_component(path ${path} ABSOLUTE BASE_DIR ${source_dir})
        if(EXISTS ${path})
          list(APPEND inputs ${path})
        endif()
      endif()
    endforeach()
  endif()
  set(${out_var} ${inputs} PARENT_SCOPE)
endfunction()

if(CMAKE_SCRIPT_MODE_FILE STREQUAL CMAKE_CURRENT_LIST_FILE)
  symptree_git_version(${SOURCE_DIR} ${FALLBACK_VERSION})
  message("release=${SYMPTREE_RELEASE_VERSION}")
  message("package=${SYMPTREE_PACKAGE_VERSION}")
  message("revision=${SYMPTREE_GIT_REVISION}")
  message("branch=${SYMPTREE_GIT_BRANCH}")
endif()
