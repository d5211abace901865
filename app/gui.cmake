# The iolab GUI: GLFW + OpenGL 3.3 core (glad, generated at build time) + Dear ImGui 1.92
# (third_party/imgui, pinned and unmodified; see third_party/README.md). Included by
# app/CMakeLists.txt when IOLAB_GUI is ON.
include(${CMAKE_CURRENT_LIST_DIR}/../third_party/glad/glad.cmake)
set(IOLAB_THIRD_PARTY ${CMAKE_CURRENT_LIST_DIR}/../third_party)

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
find_package(PkgConfig REQUIRED)
if(NOT IOLAB_VENDORED_GLFW)
  pkg_check_modules(IOLAB_GLFW REQUIRED IMPORTED_TARGET GLOBAL glfw3)  # bench/ links it too
  add_library(iolab_glfw ALIAS PkgConfig::IOLAB_GLFW)
endif()
pkg_check_modules(IOLAB_STB REQUIRED IMPORTED_TARGET stb)  # PNG writing (libstb-dev)

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
target_link_libraries(iolab_imgui_backends PUBLIC iolab_imgui iolab_glfw ${CMAKE_DL_LIBS})
target_compile_options(iolab_imgui_backends PRIVATE -w)

# Embeds text files into a generated C++ source, so the binary needs no asset folder. OUTPUT
# is HEADER, then ENTRY once per file of FILES (in that order) with @name@ replaced by the
# file's name up to its first dot and @text@ by its contents as a raw string literal, then
# FOOTER. OUTPUT is rewritten only when its text changes; editing a file re-runs CMake.
function(embed_text_files)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "OUTPUT;HEADER;ENTRY;FOOTER" "FILES")
  set(code "${arg_HEADER}")
  foreach(file IN LISTS arg_FILES)
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${file})
    get_filename_component(name ${file} NAME_WE)
    file(READ ${file} text)
    string(REPLACE "@name@" "${name}" entry "${arg_ENTRY}")
    string(REPLACE "@text@" "R\"iolab(${text})iolab\"" entry "${entry}")
    string(APPEND code "${entry}")
  endforeach()
  string(APPEND code "${arg_FOOTER}")
  file(WRITE ${arg_OUTPUT}.new "${code}")
  configure_file(${arg_OUTPUT}.new ${arg_OUTPUT} COPYONLY)
endfunction()

# The code listings shown in the code panel: `std::string_view server_recv_listing()`, ...
set(IOLAB_CODE ${CMAKE_CURRENT_LIST_DIR}/../assets/code)
embed_text_files(
  OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/code_listings.cpp
  FILES ${IOLAB_CODE}/server_recv.cpp.txt ${IOLAB_CODE}/client_send.cpp.txt
  HEADER "// Generated from assets/code by app/gui.cmake.\n#include \"model/listing.hpp\"\n\
namespace iolab::model {\n"
  ENTRY "std::string_view @name@_listing() {\n  return @text@;\n}\n"
  FOOTER "}  // namespace iolab::model\n")

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

# The model: transitions -> ops, lanes, counts. No ImGui; unit-tested in tests/model.
add_library(iolab_model STATIC
  ${CMAKE_CURRENT_LIST_DIR}/model/model.cpp
  ${CMAKE_CURRENT_LIST_DIR}/model/listing.cpp
  ${CMAKE_CURRENT_LIST_DIR}/model/matrix.cpp
  ${CMAKE_CURRENT_LIST_DIR}/model/script.cpp
  ${CMAKE_CURRENT_LIST_DIR}/model/settings.cpp
  ${CMAKE_CURRENT_LIST_DIR}/model/export.cpp
  ${CMAKE_CURRENT_LIST_DIR}/model/folders.cpp
  ${CMAKE_CURRENT_BINARY_DIR}/code_listings.cpp)
target_include_directories(iolab_model PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(iolab_model PUBLIC netcore)

# The views: one small class per panel. A library, so the app and bench/bench_gui (frame CPU
# time with the real views, no window) draw the same code.
add_library(iolab_views STATIC
  ${CMAKE_CURRENT_BINARY_DIR}/builtin_lessons.cpp
  ${CMAKE_CURRENT_LIST_DIR}/views/classroom_view.cpp
  ${CMAKE_CURRENT_LIST_DIR}/views/i18n.cpp
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
target_link_libraries(iolab_views PUBLIC iolab_model netcore iolab_imgui)

# The platform: the desktop window (GLFW, GL context, input) and its renderer. OS, GLFW and GL
# headers are included here only.
add_library(iolab_platform STATIC ${CMAKE_CURRENT_LIST_DIR}/platform/desktop.cpp)
target_include_directories(iolab_platform PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(iolab_platform PUBLIC iolab_imgui PRIVATE iolab_imgui_backends iolab_glad)

# The shell: options, the app and its frame, drive scripts, benchmarks; main.cpp ties it to the
# platform's loop.
add_library(iolab_shell STATIC
  ${CMAKE_CURRENT_LIST_DIR}/shell/app.cpp
  ${CMAKE_CURRENT_LIST_DIR}/shell/bench.cpp
  ${CMAKE_CURRENT_LIST_DIR}/shell/drive.cpp
  ${CMAKE_CURRENT_LIST_DIR}/shell/frame.cpp
  ${CMAKE_CURRENT_LIST_DIR}/shell/options.cpp
  ${CMAKE_CURRENT_LIST_DIR}/shell/requests.cpp
  ${CMAKE_CURRENT_LIST_DIR}/shell/screenshot.cpp)
target_include_directories(iolab_shell PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(iolab_shell PUBLIC iolab_views iolab_model netcore PRIVATE PkgConfig::IOLAB_STB)

add_executable(iolab ${CMAKE_CURRENT_LIST_DIR}/main.cpp)
target_link_libraries(iolab PRIVATE iolab_shell iolab_platform)
