# install() rules and the Debian packages `symptree` and `symptree-exporter` (cpack).
# Build them:  ninja -C build package   (or: cpack --config build/CPackConfig.cmake)
# The layout is Debian's: binaries in <prefix>/bin (the packages use /usr), the
# exporter's conffile in /etc/symptree, its systemd unit in /lib/systemd/system.
# Versions come from git tags (cmake/version.cmake); dependencies from dpkg-shlibdeps.
include(GNUInstallDirs)

set(SYMPTREE_MAINTAINER "symptree maintainers <maintainers@users.noreply.r-seed-1da64be2.example>")
set(pkg_dir ${PROJECT_SOURCE_DIR}/packaging)
set(gen_dir ${PROJECT_BINARY_DIR}/packaging)

# The Debian changelog each package ships (/usr/share/doc/<package>/changelog.gz),
# one entry for this version; the project's history is CHANGELOG.md.
function(symptree_debian_changelog package out_var)
  set(SYMPTREE_DEB_PACKAGE ${package})
  string(SUBSTRING "${SYMPTREE_GIT_REVISION}" 0 12 SYMPTREE_GIT_SHORT)
  string(TIMESTAMP SYMPTREE_CHANGELOG_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)
  configure_file(${pkg_dir}/debian/changelog.in ${gen_dir}/${package}/changelog @ONLY)
  add_custom_command(OUTPUT ${gen_dir}/${package}/changelog.gz
    COMMAND gzip -9nkf ${gen_dir}/${package}/changelog
    DEPENDS ${gen_dir}/${package}/changelog
    COMMENT "Debian changelog of ${package}" VERBATIM)
  set(${out_var} ${gen_dir}/${package}/changelog.gz PARENT_SCOPE)
endfunction()

# A man page from the program's help (help2man; `help_option` prints it all),
# gzipped as Debian wants it.
function(symptree_man_page target help_option description out_var)
  set(page ${gen_dir}/man/${target}.1)
  add_custom_command(OUTPUT ${page}.gz
    COMMAND ${HELP2MAN} --no-info --no-discard-stderr --section=1 --name=${description} --help-option=${help_option}
            --version-string=${SYMPTREE_RELEASE_VERSION} --output=${page} $<TARGET_FILE:${target}>
    COMMAND gzip -9nf ${page}
    DEPENDS ${target}
    COMMENT "Man page of ${target} (help2man)" VERBATIM)
  set(${out_var} ${page}.gz PARENT_SCOPE)
endfunction()

# Docs shared by both packages: the license notice in Debian's format, the changelog.
function(symptree_package_docs package component)
  symptree_debian_changelog(${package} changelog)
  add_custom_target(${package}-changelog ALL DEPENDS ${changelog})
  install(FILES ${pkg_dir}/debian/copyright ${changelog} ${PROJECT_SOURCE_DIR}/CHANGELOG.md
          DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/${package} COMPONENT ${component})
endfunction()

find_program(HELP2MAN help2man)
if(NOT HELP2MAN)
  message(WARNING "help2man not found (scripts/install-deps installs it): the packages will have no man pages")
endif()

# Debian's hardening for what is installed: a read-only GOT resolved at start
# (RELRO, BIND_NOW); a link-time option, so nothing is recompiled for it.
foreach(binary symptree symptree-exporter)
  if(TARGET ${binary})
    target_link_options(${binary} PRIVATE LINKER:-z,relro LINKER:-z,now)
  endif()
endforeach()

# symptree: the compiler, its docs and the example config repo (StemeDB, the
# ledger and the file they share).
install(TARGETS symptree RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT symptree)
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/symptree COMPONENT symptree)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/symptree/docs
        COMPONENT symptree FILES_MATCHING PATTERN "*.md")
install(FILES ${PROJECT_SOURCE_DIR}/flowchart-spec/stemedb.yaml ${PROJECT_SOURCE_DIR}/flowchart-spec/ledger.yaml
              ${PROJECT_SOURCE_DIR}/flowchart-spec/paging.yaml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/symptree/examples COMPONENT symptree)
symptree_package_docs(symptree symptree)

# symptree-exporter: the daemon, its unit, its user (postinst) and a default conffile.
if(TARGET symptree-exporter)
  install(TARGETS symptree-exporter RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT exporter)
  install(FILES ${PROJECT_SOURCE_DIR}/exporter/README.md
          DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/symptree-exporter COMPONENT exporter)
  install(FILES ${pkg_dir}/etc/exporter.yml DESTINATION /etc/symptree COMPONENT exporter)
  install(FILES ${pkg_dir}/systemd/symptree-exporter.service DESTINATION /lib/systemd/system COMPONENT exporter)
  symptree_package_docs(symptree-exporter exporter)
endif()

if(HELP2MAN)
  symptree_man_page(symptree --help-all "compile troubleshooting flowcharts into Prometheus, Alertmanager and Grafana config"
                    symptree_man)
  set(man_pages ${symptree_man})
  install(FILES ${symptree_man} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT symptree)
  if(TARGET symptree-exporter)
    symptree_man_page(symptree-exporter --help "serve a troubleshooting flowchart's diagnostics as Prometheus metrics"
                      exporter_man)
    list(APPEND man_pages ${exporter_man})
    install(FILES ${exporter_man} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT exporter)
  endif()
  add_custom_target(man ALL DEPENDS ${man_pages})
endif()

# The packages.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME symptree)
set(CPACK_PACKAGE_VENDOR "symptree")
set(CPACK_PACKAGE_VERSION ${SYMPTREE_PACKAGE_VERSION})
set(CPACK_PACKAGE_CONTACT ${SYMPTREE_MAINTAINER})
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES TRUE)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL symptree)
if(TARGET symptree-exporter)
  list(APPEND CPACK_COMPONENTS_ALL exporter)
endif()
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_VERSION ${SYMPTREE_PACKAGE_VERSION})
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${SYMPTREE_MAINTAINER})
set(CPACK_DEBIAN_PACKAGE_SECTION admin)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)

set(CPACK_DEBIAN_SYMPTREE_PACKAGE_NAME symptree)
# promtool parses the conditions and runs `coverage`; Graphviz draws the SVG; amtool checks the routes.
set(CPACK_DEBIAN_SYMPTREE_PACKAGE_SUGGESTS "prometheus, prometheus-alertmanager, graphviz")
set(CPACK_DEBIAN_SYMPTREE_DESCRIPTION
"troubleshooting flowcharts compiled into monitoring
symptree compiles a service's troubleshooting flowchart (Symptom, Cause,
Runbook), written as one YAML spec, into the monitoring that enforces it:
Prometheus alerting rules with promtool unit tests for every branch, an
Alertmanager routing tree whose inhibitions follow the tree, a Grafana
dashboard, the flowchart for people and the configuration of
symptree-exporter.")

set(CPACK_DEBIAN_EXPORTER_PACKAGE_NAME symptree-exporter)
set(CPACK_DEBIAN_EXPORTER_PACKAGE_DEPENDS adduser)
set(CPACK_DEBIAN_EXPORTER_PACKAGE_CONTROL_EXTRA
  ${pkg_dir}/debian/symptree-exporter/conffiles ${pkg_dir}/debian/symptree-exporter/postinst
  ${pkg_dir}/debian/symptree-exporter/prerm ${pkg_dir}/debian/symptree-exporter/postrm)
set(CPACK_DEBIAN_EXPORTER_DESCRIPTION
"Prometheus exporter of a troubleshooting flowchart's diagnostics
symptree-exporter turns the shell diagnostics of a troubleshooting flowchart
(df, du on a write-ahead log, lsof on a port, a health URL, certificate
expiry, backups) into Prometheus metrics on each host. Its configuration is
written by symptree from the service's flowchart spec. It runs as a hardened
systemd service under its own system user.")

include(CPack)
