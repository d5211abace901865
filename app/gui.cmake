# The iolab GUI: GLFW + OpenGL 3.3 core (glad, generated at build time) + Dear ImGui (Debian's
# libimgui-dev 1.86; its glfw/opengl3 backends compiled from the package's own sources).
# Included by app/CMakeLists.txt when IOLAB_GUI is ON.
find_package(PkgConfig REQUIRED)
pkg_check_modules(IOLAB_IMGUI REQUIRED IMPORTED_TARGET imgui)
pkg_check_modules(IOLAB_GLFW REQUIRED IMPORTED_TARGET glfw3)
pkg_check_modules(IOLAB_STB REQUIRED IMPORTED_TARGET stb)

include(${CMAKE_CURRENT_LIST_DIR}/../third_party/glad/glad.cmake)

# ImGui's platform/renderer backends: Debian ships them as sources under the doc tree.
find_path(IOLAB_IMGUI_BACKEND_SOURCES imgui_impl_glfw.cpp
          PATHS /usr/share/doc/libimgui-dev/examples/backends ${IOLAB_IMGUI_INCLUDEDIR}/backends
          NO_DEFAULT_PATH)
find_path(IOLAB_IMGUI_BACKEND_HEADERS imgui_impl_glfw.h
          PATHS ${IOLAB_IMGUI_INCLUDEDIR}/backends ${IOLAB_IMGUI_INCLUDEDIR} NO_DEFAULT_PATH)
if(NOT IOLAB_IMGUI_BACKEND_SOURCES OR NOT IOLAB_IMGUI_BACKEND_HEADERS)
  message(FATAL_ERROR "ImGui backend sources not found: install libimgui-dev")
endif()
add_library(iolab_imgui_backends STATIC
  ${IOLAB_IMGUI_BACKEND_SOURCES}/imgui_impl_glfw.cpp
  ${IOLAB_IMGUI_BACKEND_SOURCES}/imgui_impl_opengl3.cpp)
target_include_directories(iolab_imgui_backends SYSTEM PUBLIC ${IOLAB_IMGUI_BACKEND_HEADERS})
target_link_libraries(iolab_imgui_backends PUBLIC PkgConfig::IOLAB_IMGUI PkgConfig::IOLAB_GLFW
                                                  ${CMAKE_DL_LIBS})
# Debian's files, not ours: relax the project's -Werror/-Wpedantic for these two only.
target_compile_options(iolab_imgui_backends PRIVATE -Wno-error -Wno-pedantic)

# The code listings shown in the code panel, embedded so the binary needs no asset folder.
set(IOLAB_LISTINGS server_recv client_send)
set(IOLAB_LISTINGS_CPP "// Generated from assets/code by app/gui.cmake.\n")
string(APPEND IOLAB_LISTINGS_CPP "#include \"model/listing.hpp\"\nnamespace iolab::model {\n")
foreach(name ${IOLAB_LISTINGS})
  set(file ${CMAKE_CURRENT_LIST_DIR}/../assets/code/${name}.cpp.txt)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${file})
  file(READ ${file} text)
  string(APPEND IOLAB_LISTINGS_CPP
         "std::string_view ${name}_listing() {\n  return R\"iolab(${text})iolab\";\n}\n")
endforeach()
string(APPEND IOLAB_LISTINGS_CPP "}  // namespace iolab::model\n")
file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/code_listings.cpp.new "${IOLAB_LISTINGS_CPP}")
configure_file(${CMAKE_CURRENT_BINARY_DIR}/code_listings.cpp.new
               ${CMAKE_CURRENT_BINARY_DIR}/code_listings.cpp COPYONLY)

# The built-in lessons (assets/scenarios/*.lesson), embedded for the Lessons menu.
file(GLOB IOLAB_LESSON_FILES ${CMAKE_CURRENT_LIST_DIR}/../assets/scenarios/*.lesson)
list(SORT IOLAB_LESSON_FILES)
set(IOLAB_LESSONS_CPP "// Generated from assets/scenarios by app/gui.cmake.\n")
string(APPEND IOLAB_LESSONS_CPP "#include \"views/classroom_view.hpp\"\nnamespace iolab::views {\n")
string(APPEND IOLAB_LESSONS_CPP "const std::vector<Lesson>& builtin_lessons() {\n")
string(APPEND IOLAB_LESSONS_CPP "  static const std::vector<Lesson> lessons = {\n")
foreach(file ${IOLAB_LESSON_FILES})
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${file})
  get_filename_component(name ${file} NAME_WE)
  file(READ ${file} text)
  string(APPEND IOLAB_LESSONS_CPP "    {\"${name}\", R\"iolab(${text})iolab\"},\n")
endforeach()
string(APPEND IOLAB_LESSONS_CPP "  };\n  return lessons;\n}\n}  // namespace iolab::views\n")
file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/builtin_lessons.cpp.new "${IOLAB_LESSONS_CPP}")
configure_file(${CMAKE_CURRENT_BINARY_DIR}/builtin_lessons.cpp.new
               ${CMAKE_CURRENT_BINARY_DIR}/builtin_lessons.cpp COPYONLY)

# The model: transitions -> ops, lanes, counts. No ImGui; unit-tested in tests/model.
add_library(iolab_model STATIC
  ${CMAKE_CURRENT_LIST_DIR}/model/model.cpp
  ${CMAKE_CURRENT_LIST_DIR}/model/listing.cpp
  ${CMAKE_CURRENT_LIST_DIR}/model/matrix.cpp
  ${CMAKE_CURRENT_LIST_DIR}/model/script.cpp
  ${CMAKE_CURRENT_LIST_DIR}/model/settings.cpp
  ${CMAKE_CURRENT_LIST_DIR}/model/export.cpp
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
