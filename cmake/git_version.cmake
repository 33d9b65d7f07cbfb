# symptree's version from git. The release version is the newest tag vX.Y.Z
# reachable from HEAD; before the first tag, it is the project() version. The
# Debian package version adds how far HEAD is from the release:
#   HEAD at tag v1.2.0                    -> 1.2.0
#   5 commits after v1.2.0                -> 1.2.0+5.g<hash>  (sorts after 1.2.0)
#   no release tag yet, 312 commits       -> 0.1.0~dev312.g<hash>  (sorts before 0.1.0)
#   no release tag, shallow clone         -> 0.1.0~dev0.g<hash>  (the count is unknown; sorts before the above)
# Where the source is not a git checkout of its own:
#   a `git archive` tarball (GitHub's)    -> cmake/git_archival.txt, which git
#                                            filled in (.gitattributes export-subst):
#                                            the commit, and the tag as above
#   anything else (a copy, a tarball made
#   otherwise, inside another repository) -> the project version, revision "unknown"
# Run as a script to print the result for a source tree (tests/tools/version.sh):
#   cmake -DSOURCE_DIR=<tree> -DFALLBACK_VERSION=0.1.0 -P cmake/git_version.cmake

# The release and package versions from a `git describe` of a release tag,
# "v1.2.0-5-g<hash>" or, at the tag, "v1.2.0" or "v1.2.0-0-g<hash>".
# Sets <prefix>_RELEASE and <prefix>_PACKAGE, or neither when it is no such tag.
function(symptree_version_from_describe described short prefix)
  if(described MATCHES "^v([0-9]+\\.[0-9]+\\.[0-9]+)(-([0-9]+)-g[0-9a-f]+)?$")
    set(${prefix}_RELEASE ${CMAKE_MATCH_1} PARENT_SCOPE)
    set(distance "${CMAKE_MATCH_3}")  # unset when the tag is all there is
    if(distance STREQUAL "" OR distance STREQUAL "0")
      set(${prefix}_PACKAGE ${CMAKE_MATCH_1} PARENT_SCOPE)
    else()
      set(${prefix}_PACKAGE "${CMAKE_MATCH_1}+${distance}.g${short}" PARENT_SCOPE)
    endif()
  endif()
endfunction()

# True (in out_var) when source_dir is the top of a git work tree, not a
# folder inside some other repository (a tarball unpacked in a config repo).
function(symptree_is_git_checkout source_dir out_var)
  set(${out_var} FALSE PARENT_SCOPE)
  find_package(Git QUIET)
  if(NOT GIT_FOUND)
    return()
  endif()
  execute_process(COMMAND ${GIT_EXECUTABLE} rev-parse --show-toplevel WORKING_DIRECTORY ${source_dir}
                  OUTPUT_VARIABLE top RESULT_VARIABLE failed OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  if(NOT failed)
    get_filename_component(top ${top} REALPATH)
    get_filename_component(source ${source_dir} REALPATH)
    if(top STREQUAL source)
      set(${out_var} TRUE PARENT_SCOPE)
    endif()
  endif()
endfunction()

# From the checkout's git: sets version_RELEASE, version_PACKAGE, version_REVISION, version_BRANCH.
# A repository without a commit yet has no revision: none of them is set then.
macro(symptree_version_from_git source_dir fallback_version)
  execute_process(COMMAND ${GIT_EXECUTABLE} rev-parse --verify -q HEAD WORKING_DIRECTORY ${source_dir}
                  OUTPUT_VARIABLE head OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  if(head MATCHES "^[0-9a-f]+$")
    symptree_version_from_commit(${source_dir} ${fallback_version} ${head})
  endif()
endmacro()

macro(symptree_version_from_commit source_dir fallback_version head)
  set(version_REVISION ${head})
  string(SUBSTRING ${head} 0 12 short)
  execute_process(COMMAND ${GIT_EXECUTABLE} rev-parse --abbrev-ref HEAD WORKING_DIRECTORY ${source_dir}
                  OUTPUT_VARIABLE version_BRANCH OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  execute_process(COMMAND ${GIT_EXECUTABLE} describe --tags --long --match "v[0-9]*.[0-9]*.[0-9]*" HEAD
                  WORKING_DIRECTORY ${source_dir} OUTPUT_VARIABLE described OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  symptree_version_from_describe("${described}" ${short} version)
  if(NOT DEFINED version_PACKAGE)
    execute_process(COMMAND ${GIT_EXECUTABLE} rev-parse --is-shallow-repository WORKING_DIRECTORY ${source_dir}
                    OUTPUT_VARIABLE shallow OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
    if(shallow STREQUAL "true")
      # A shallow clone counts only the commits it fetched: 0 (unknown) rather than a wrong count.
      set(version_PACKAGE "${fallback_version}~dev0.g${short}")
      message(STATUS "symptree: a shallow clone without a release tag; `git fetch --unshallow --tags` "
                     "gives the package version its commit count")
    else()
      execute_process(COMMAND ${GIT_EXECUTABLE} rev-list --count HEAD WORKING_DIRECTORY ${source_dir}
                      OUTPUT_VARIABLE count OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
      set(version_PACKAGE "${fallback_version}~dev${count}.g${short}")
    endif()
  endif()
endmacro()

# From cmake/git_archival.txt as `git archive` fills it in; nothing when it was
# not (a checkout, or a copy): the file then still holds the $Format: placeholders.
# Sets version_RELEASE, version_PACKAGE, version_REVISION when it was.
macro(symptree_version_from_archive source_dir fallback_version)
  set(archival ${source_dir}/cmake/git_archival.txt)
  if(EXISTS ${archival})
    file(STRINGS ${archival} revision_line REGEX "^revision: [0-9a-f]+$")
    file(STRINGS ${archival} describe_line REGEX "^describe: ")
    if(revision_line MATCHES "^revision: ([0-9a-f]+)$")
      set(version_REVISION ${CMAKE_MATCH_1})
      string(SUBSTRING ${version_REVISION} 0 12 short)
      string(REGEX REPLACE "^describe: " "" described "${describe_line}")
      symptree_version_from_describe("${described}" ${short} version)
      if(NOT DEFINED version_PACKAGE)
        set(version_PACKAGE "${fallback_version}~dev0.g${short}")  # an archive cannot count commits
      endif()
    endif()
  endif()
endmacro()

# Sets, in the caller's scope: SYMPTREE_RELEASE_VERSION, SYMPTREE_PACKAGE_VERSION,
# SYMPTREE_GIT_REVISION, SYMPTREE_GIT_BRANCH ("unknown" where git cannot tell).
function(symptree_git_version source_dir fallback_version)
  symptree_is_git_checkout(${source_dir} checkout)
  if(checkout)
    symptree_version_from_git(${source_dir} ${fallback_version})
  else()
    symptree_version_from_archive(${source_dir} ${fallback_version})
  endif()
  foreach(key RELEASE PACKAGE)
    if(NOT DEFINED version_${key})
      set(version_${key} ${fallback_version})
    endif()
  endforeach()
  foreach(key REVISION BRANCH)
    if(NOT DEFINED version_${key} OR version_${key} STREQUAL "")
      set(version_${key} unknown)
    endif()
  endforeach()
  set(SYMPTREE_RELEASE_VERSION ${version_RELEASE} PARENT_SCOPE)
  set(SYMPTREE_PACKAGE_VERSION ${version_PACKAGE} PARENT_SCOPE)
  set(SYMPTREE_GIT_REVISION ${version_REVISION} PARENT_SCOPE)
  set(SYMPTREE_GIT_BRANCH ${version_BRANCH} PARENT_SCOPE)
endfunction()

# The git files whose change means another version: HEAD, the branch it is on,
# packed refs and the tags. A build re-runs CMake when one of them changes.
function(symptree_git_version_inputs source_dir out_var)
  set(inputs)
  symptree_is_git_checkout(${source_dir} checkout)
  if(checkout)
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
