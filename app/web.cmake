# The web edition (tools/web.sh, preset `web`): the model and views of the desktop app in a
# page, fed from traces the real engine recorded at build time (a browser has no sockets).
# Included by app/gui.cmake under emscripten; builds build/web/index.{html,js,wasm,data} from
# platform/web_main.cpp (the page's main) on the app shell (shell/) and platform/web.cpp.
set(IOLAB_HOST_CLI "${PROJECT_SOURCE_DIR}/build/default/app/iolab-cli"
    CACHE FILEPATH "The host's iolab-cli, which records the lessons' traces")
set(IOLAB_WINDOWS_CLI "${PROJECT_SOURCE_DIR}/build/windows-mingw/app/iolab-cli.exe"
    CACHE FILEPATH "A Windows iolab-cli.exe, run under Wine to record Winsock traces (optional)")
set(IOLAB_WEB_DATA ${CMAKE_BINARY_DIR}/data)

# The traces: every built-in lesson, played on a real loopback lab by the host's engine (and by
# Winsock under Wine when the Windows build is there). Re-recorded when a lesson or the CLI changes.
file(GLOB IOLAB_WEB_LESSONS ${PROJECT_SOURCE_DIR}/assets/scenarios/*.lesson)
list(SORT IOLAB_WEB_LESSONS)
set(IOLAB_WEB_RECORD_DEPENDS ${IOLAB_WEB_LESSONS} ${PROJECT_SOURCE_DIR}/tools/record-web-traces.sh)
if(EXISTS ${IOLAB_HOST_CLI})
  list(APPEND IOLAB_WEB_RECORD_DEPENDS ${IOLAB_HOST_CLI})
endif()
if(EXISTS ${IOLAB_WINDOWS_CLI})  # a Windows build made after the first recording: record again
  list(APPEND IOLAB_WEB_RECORD_DEPENDS ${IOLAB_WINDOWS_CLI})
endif()
add_custom_command(
  OUTPUT ${IOLAB_WEB_DATA}/lessons.json
  COMMAND bash ${PROJECT_SOURCE_DIR}/tools/record-web-traces.sh ${IOLAB_HOST_CLI} ${IOLAB_WEB_DATA}
          ${IOLAB_WEB_LESSONS} -- ${IOLAB_WINDOWS_CLI}
  DEPENDS ${IOLAB_WEB_RECORD_DEPENDS}
  COMMENT "Recording the lessons' traces with the real engine"
  VERBATIM)

# The fonts, subset to what iolab shows and put where views/theme.cpp looks for them.
set(IOLAB_WEB_FONTS
    /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
    /usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf /usr/share/fonts/truetype/nanum/NanumGothic.ttf
    /usr/share/fonts/truetype/nanum/NanumGothicBold.ttf)
set(IOLAB_WEB_FONT_OUTPUTS "")
set(IOLAB_WEB_PRELOAD "")
foreach(font IN LISTS IOLAB_WEB_FONTS)
  get_filename_component(name ${font} NAME)
  list(APPEND IOLAB_WEB_FONT_OUTPUTS ${IOLAB_WEB_DATA}/fonts/${name})
  list(APPEND IOLAB_WEB_PRELOAD "SHELL:--preload-file ${IOLAB_WEB_DATA}/fonts/${name}@${font}")
endforeach()
file(GLOB_RECURSE IOLAB_WEB_FONT_TEXTS ${CMAKE_CURRENT_LIST_DIR}/*.?pp ${PROJECT_SOURCE_DIR}/netcore/*.?pp
     ${PROJECT_SOURCE_DIR}/assets/code/*)
add_custom_command(
  OUTPUT ${IOLAB_WEB_FONT_OUTPUTS}
  COMMAND /usr/bin/python3 ${PROJECT_SOURCE_DIR}/tools/subset-web-fonts.py ${IOLAB_WEB_DATA}/fonts
          ${PROJECT_SOURCE_DIR} ${IOLAB_WEB_FONTS}
  DEPENDS ${PROJECT_SOURCE_DIR}/tools/subset-web-fonts.py ${IOLAB_WEB_FONT_TEXTS} ${IOLAB_WEB_LESSONS}
  COMMENT "Subsetting the fonts for the web edition"
  VERBATIM)
add_custom_target(iolab_web_data DEPENDS ${IOLAB_WEB_DATA}/lessons.json ${IOLAB_WEB_FONT_OUTPUTS})

# The page links to the desktop app's download: by default the README copied beside it (its
# Windows section says where iolab-win64.zip comes from); a site can point it elsewhere.
set(IOLAB_WEB_DOWNLOAD_URL "README.md"
    CACHE STRING "Where the web page's 'download iolab for Windows' link goes")
set(IOLAB_WEB_SHELL ${CMAKE_CURRENT_BINARY_DIR}/shell.html)
configure_file(${CMAKE_CURRENT_LIST_DIR}/web/shell.html ${IOLAB_WEB_SHELL} @ONLY)
add_executable(iolab_web ${CMAKE_CURRENT_LIST_DIR}/platform/web_main.cpp)
add_dependencies(iolab_web iolab_web_data)
# EM_ASM's JavaScript names its arguments $0, $1...
target_compile_options(iolab_web PRIVATE -Wno-dollar-in-identifier-extension)
target_link_libraries(iolab_web PRIVATE iolab_shell iolab_platform)
set_target_properties(iolab_web PROPERTIES OUTPUT_NAME index SUFFIX ".html"
  RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}
  LINK_DEPENDS "${IOLAB_WEB_SHELL};${IOLAB_WEB_DATA}/lessons.json;${IOLAB_WEB_FONT_OUTPUTS}")
target_link_options(iolab_web PRIVATE
  -sUSE_GLFW=3 -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2 -sALLOW_MEMORY_GROWTH=1
  -sENVIRONMENT=web -sMINIFY_HTML=0 "SHELL:--shell-file ${IOLAB_WEB_SHELL}"
  "SHELL:--preload-file ${IOLAB_WEB_DATA}/traces@/traces" ${IOLAB_WEB_PRELOAD})
# lessons.json is read by the page itself (its lesson list), beside index.html.
add_custom_command(TARGET iolab_web POST_BUILD
  COMMAND ${CMAKE_COMMAND} -E copy_if_different ${IOLAB_WEB_DATA}/lessons.json ${CMAKE_BINARY_DIR}/lessons.json
  COMMAND ${CMAKE_COMMAND} -E copy_if_different ${PROJECT_SOURCE_DIR}/README.md ${CMAKE_BINARY_DIR}/README.md
  VERBATIM)
