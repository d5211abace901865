# The iolab GUI: GLFW + OpenGL 3.3 core (glad, generated at build time) + Dear ImGui 1.92
# (third_party/imgui, pinned and unmodified; see third_party/README.md). Included by
# app/CMakeLists.txt when IOLAB_GUI is ON.
set(IOLAB_THIRD_PARTY ${CMAKE_CURRENT_LIST_DIR}/../third_party)
# The web edition (app/web.cmake) has emscripten's own GLFW and WebGL2: no glad or GLFW.
if(NOT EMSCRIPTEN)
include(${CMAKE_CURRENT_LIST_DIR}/../third_party/glad/glad.cmake)

# GLFW: Windows builds compile the pinned 3.4; Linux links Debian's libglfw3 (3.3.8) unless
# IOLAB_VENDORED_GLFW is ON (why: docs/gui.md, "Dependencies").
if(WIN32)
  option(IOLAB_VENDORED_GLFW "Build GLFW 3.4 from third_party/glfw" ON)
else()
  option(IOLAB_VENDORED_GLFW "Build GLFW 3.4 from third_party/glfw" OFF)
endif()
if(IOLAB_VENDORED_GLFW)
  set(GLFW_BUILD_EXAMPLES OFF CACHE BOOL "" FORCE)
  set(GLFW_BUILD_TESTS OFF CACHE BOOL "" FORCE)
  set(GLFW_BUILD_DOCS OFF CACHE BOOL "" FORCE)
  set(GLFW_INSTALL OFF CACHE BOOL "" FORCE)
  set(GLFW_BUILD_WAYLAND OFF CACHE BOOL "" FORCE)  # its protocol files are not kept
  add_subdirectory(${IOLAB_THIRD_PARTY}/glfw ${CMAKE_BINARY_DIR}/third_party/glfw EXCLUDE_FROM_ALL)
  target_compile_options(glfw PRIVATE -w)  # not ours to keep warning-free
  add_library(iolab_glfw ALIAS glfw)
endif()
if(NOT IOLAB_VENDORED_GLFW)
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(IOLAB_GLFW REQUIRED IMPORTED_TARGET GLOBAL glfw3)  # bench/ links it too
  add_library(iolab_glfw ALIAS PkgConfig::IOLAB_GLFW)
endif()
endif()

# stb_image_write.h (PNG writing; one header). Linux: Debian's libstb-dev. Windows and the web:
# compiled from the header in the folder that holds it: Debian's /usr/include/stb for the
# mingw-w64 and emscripten cross builds (which do not search /usr/include, and cannot link the
# host's libstb), or IOLAB_STB_DIR on a Windows machine (docs/windows.md).
if(WIN32 OR EMSCRIPTEN)
  find_path(IOLAB_STB_DIR stb_image_write.h PATHS /usr/include PATH_SUFFIXES stb
            NO_CMAKE_FIND_ROOT_PATH DOC "the folder holding stb_image_write.h")
  if(NOT IOLAB_STB_DIR)
    message(FATAL_ERROR "stb_image_write.h not found: set IOLAB_STB_DIR (docs/windows.md)")
  endif()
  add_library(iolab_stb STATIC ${CMAKE_CURRENT_LIST_DIR}/stb_image_write_impl.c)
  target_include_directories(iolab_stb SYSTEM PUBLIC ${IOLAB_STB_DIR})
  target_compile_options(iolab_stb PRIVATE -w)  # stb's code: not ours to keep warning-free
else()
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(IOLAB_STB REQUIRED IMPORTED_TARGET GLOBAL stb)  # libstb-dev
  add_library(iolab_stb ALIAS PkgConfig::IOLAB_STB)
endif()

# Dear ImGui: the core, compiled once for the views, the app and the benchmarks. Obsolete
# (pre-1.92) names are switched off, so nothing of ours leans on them.
set(IOLAB_IMGUI ${IOLAB_THIRD_PARTY}/imgui)
add_library(iolab_imgui STATIC ${IOLAB_IMGUI}/imgui.cpp ${IOLAB_IMGUI}/imgui_draw.cpp
                               ${IOLAB_IMGUI}/imgui_tables.cpp ${IOLAB_IMGUI}/imgui_widgets.cpp)
target_include_directories(iolab_imgui SYSTEM PUBLIC ${IOLAB_IMGUI})
target_compile_definitions(iolab_imgui PUBLIC IMGUI_DISABLE_OBSOLETE_FUNCTIONS)
target_compile_options(iolab_imgui PRIVATE -w)  # not ours to keep warning-free
# ImGui's test-engine hooks (ItemAdd, ItemInfo) feed the GUI tests' layout check
# (views/item_check.cpp); they cost one flag test per item until a test run arms them.
target_compile_definitions(iolab_imgui PUBLIC IMGUI_ENABLE_TEST_ENGINE)
add_library(iolab_item_check STATIC ${CMAKE_CURRENT_LIST_DIR}/views/item_check.cpp)
target_include_directories(iolab_item_check PUBLIC ${CMAKE_CURRENT_LIST_DIR})
# A cycle of two static libraries (ImGui calls the hooks, the hooks read GImGui): CMake repeats
# them on the link line.
target_link_libraries(iolab_item_check PUBLIC iolab_imgui)
target_link_libraries(iolab_imgui PUBLIC iolab_item_check)

# ImGui's platform backend for GLFW (input through ImGui's event queue, cursors, clipboard).
add_library(iolab_imgui_backends STATIC ${IOLAB_IMGUI}/backends/imgui_impl_glfw.cpp)
target_include_directories(iolab_imgui_backends SYSTEM PUBLIC ${IOLAB_IMGUI}/backends)
if(EMSCRIPTEN)
  target_link_options(iolab_imgui_backends PUBLIC -sUSE_GLFW=3)
  target_compile_options(iolab_imgui_backends PRIVATE -sUSE_GLFW=3)
else()
  target_link_libraries(iolab_imgui_backends PUBLIC iolab_glfw ${CMAKE_DL_LIBS})
endif()
target_link_libraries(iolab_imgui_backends PUBLIC iolab_imgui)
target_compile_options(iolab_imgui_backends PRIVATE -w)

# The built-in lessons (assets/scenarios/*.lesson) for the Lessons menu: {name, text} each.
file(GLOB IOLAB_LESSON_FILES ${CMAKE_CURRENT_LIST_DIR}/../assets/scenarios/*.lesson)
list(SORT IOLAB_LESSON_FILES)
embed_text_files(
  OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/builtin_lessons.cpp
  FILES ${IOLAB_LESSON_FILES}
  HEADER "// Generated from assets/scenarios by app/gui.cmake.\n\
#include \"views/classroom_view.hpp\"\nnamespace iolab::views {\n\
const std::vector<Lesson>& builtin_lessons() {\n  static const std::vector<Lesson> lessons = {\n"
  ENTRY "    {\"@name@\", @text@},\n"
  FOOTER "  };\n  return lessons;\n}\n}  // namespace iolab::views\n")

# The views: one small class per panel. A library, so the app and bench/bench_gui (frame CPU
# time with the real views, no window) draw the same code.
add_library(iolab_views STATIC
  ${CMAKE_CURRENT_BINARY_DIR}/builtin_lessons.cpp
  ${CMAKE_CURRENT_LIST_DIR}/views/classroom_view.cpp
  ${CMAKE_CURRENT_LIST_DIR}/views/i18n.cpp
  ${CMAKE_CURRENT_LIST_DIR}/views/errors_ko.cpp
  ${CMAKE_CURRENT_LIST_DIR}/views/code_view.cpp
  ${CMAKE_CURRENT_LIST_DIR}/views/controls_view.cpp
  ${CMAKE_CURRENT_LIST_DIR}/views/file_chooser.cpp
  ${CMAKE_CURRENT_LIST_DIR}/views/inspector_view.cpp
  ${CMAKE_CURRENT_LIST_DIR}/views/keys.cpp
  ${CMAKE_CURRENT_LIST_DIR}/views/log_view.cpp
  ${CMAKE_CURRENT_LIST_DIR}/views/main_view.cpp
  ${CMAKE_CURRENT_LIST_DIR}/views/matrix_view.cpp
  ${CMAKE_CURRENT_LIST_DIR}/views/status_view.cpp
  ${CMAKE_CURRENT_LIST_DIR}/views/theme.cpp
  ${CMAKE_CURRENT_LIST_DIR}/views/timeline_view.cpp
  ${CMAKE_CURRENT_LIST_DIR}/views/widgets.cpp)
target_include_directories(iolab_views PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(iolab_views PUBLIC iolab_model netcore iolab_imgui iolab_places)

# The platform: the desktop window (GLFW, GL context, input) and its renderer, or the web
# edition's canvas (emscripten's GLFW, WebGL2). OS, GLFW and GL headers are included here only.
if(EMSCRIPTEN)
  add_library(iolab_platform STATIC ${CMAKE_CURRENT_LIST_DIR}/platform/web.cpp)
  target_link_libraries(iolab_platform PUBLIC iolab_imgui PRIVATE iolab_imgui_backends)
else()
  add_library(iolab_platform STATIC ${CMAKE_CURRENT_LIST_DIR}/platform/desktop.cpp)
  target_link_libraries(iolab_platform PUBLIC iolab_imgui PRIVATE iolab_imgui_backends iolab_glad)
endif()
target_include_directories(iolab_platform PUBLIC ${CMAKE_CURRENT_LIST_DIR})
if(WIN32)
  target_sources(iolab_platform PRIVATE ${CMAKE_CURRENT_LIST_DIR}/platform/console_windows.cpp)
endif()

# The shell: options, the app and its frame, drive scripts, benchmarks; main.cpp ties it to the
# platform's loop.
add_library(iolab_shell STATIC
  ${CMAKE_CURRENT_LIST_DIR}/shell/app.cpp
  ${CMAKE_CURRENT_LIST_DIR}/shell/bench.cpp
  ${CMAKE_CURRENT_LIST_DIR}/shell/drive.cpp
  ${CMAKE_CURRENT_LIST_DIR}/shell/frame.cpp
  ${CMAKE_CURRENT_LIST_DIR}/shell/options.cpp
  ${CMAKE_CURRENT_LIST_DIR}/shell/requests.cpp
  ${CMAKE_CURRENT_LIST_DIR}/shell/screenshot.cpp
  ${CMAKE_CURRENT_LIST_DIR}/shell/watch.cpp
  ${CMAKE_CURRENT_LIST_DIR}/shell/many.cpp)
target_include_directories(iolab_shell PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(iolab_shell PUBLIC iolab_views iolab_model netcore PRIVATE iolab_stb)

if(EMSCRIPTEN)
  include(${CMAKE_CURRENT_LIST_DIR}/web.cmake)
  return()
endif()

add_executable(iolab ${CMAKE_CURRENT_LIST_DIR}/main.cpp)
target_link_libraries(iolab PRIVATE iolab_shell iolab_platform)
if(WIN32)
  # A GUI program (no console window beside it), entered at main() all the same.
  set_target_properties(iolab PROPERTIES WIN32_EXECUTABLE ON)
  if(MSVC)
    target_link_options(iolab PRIVATE /ENTRY:mainCRTStartup)
  endif()
endif()
