# The iolab GUI: GLFW + OpenGL 3.3 core (glad, generated at build time) + Dear ImGui (Debian's
# libimgui-dev 1.86; its glfw/opengl3 backends compiled from the package's own sources).
# Included by app/CMakeLists.txt when IOLAB_GUI is ON.
find_package(PkgConfig REQUIRED)
pkg_check_modules(IOLAB_IMGUI REQUIRED IMPORTED_TARGET imgui)
pkg_check_modules(IOLAB_GLFW REQUIRED IMPORTED_TARGET glfw3)
pkg_check_modules(IOLAB_STB REQUIRED IMPORTED_TARGET stb)

include(${CMAKE_CURRENT_LIST_DIR}/../third_party/glad/glad.cmake)

# ImGui's platform backend (GLFW): Debian ships it as a source under the doc tree. The renderer
# is iolab's own (app/imgui_gl.hpp: fewer fragments for a software rasterizer).
find_path(IOLAB_IMGUI_BACKEND_SOURCES imgui_impl_glfw.cpp
          PATHS /usr/share/doc/libimgui-dev/examples/backends ${IOLAB_IMGUI_INCLUDEDIR}/backends
          NO_DEFAULT_PATH)
find_path(IOLAB_IMGUI_BACKEND_HEADERS imgui_impl_glfw.h
          PATHS ${IOLAB_IMGUI_INCLUDEDIR}/backends ${IOLAB_IMGUI_INCLUDEDIR} NO_DEFAULT_PATH)
if(NOT IOLAB_IMGUI_BACKEND_SOURCES OR NOT IOLAB_IMGUI_BACKEND_HEADERS)
  message(FATAL_ERROR "ImGui backend sources not found: install libimgui-dev")
endif()
add_library(iolab_imgui_backends STATIC ${IOLAB_IMGUI_BACKEND_SOURCES}/imgui_impl_glfw.cpp)
target_include_directories(iolab_imgui_backends SYSTEM PUBLIC ${IOLAB_IMGUI_BACKEND_HEADERS})
target_link_libraries(iolab_imgui_backends PUBLIC PkgConfig::IOLAB_IMGUI PkgConfig::IOLAB_GLFW
                                                  ${CMAKE_DL_LIBS})
# Debian's file, not ours: relax the project's -Werror/-Wpedantic for it only.
target_compile_options(iolab_imgui_backends PRIVATE -Wno-error -Wno-pedantic)

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
target_link_libraries(iolab_views PUBLIC iolab_model netcore PkgConfig::IOLAB_IMGUI)

add_executable(iolab ${CMAKE_CURRENT_LIST_DIR}/main.cpp)
target_link_libraries(iolab PRIVATE iolab_views iolab_model netcore iolab_imgui_backends
                                    iolab_glad PkgConfig::IOLAB_IMGUI PkgConfig::IOLAB_GLFW
                                    PkgConfig::IOLAB_STB)
