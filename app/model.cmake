# The GUI's model (transitions -> ops, lanes, counts; the matrix's runs; lesson and trace files):
# no ImGui, so it is built (and unit-tested, tests/model) without the GUI too, e.g. in the ASan
# and TSan presets. Included by app/CMakeLists.txt before gui.cmake, which uses embed_text_files.

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
        ${IOLAB_CODE}/server_routine.cpp.txt ${IOLAB_CODE}/server_iocp.cpp.txt
        ${IOLAB_CODE}/server_event_select.cpp.txt
  HEADER "// Generated from assets/code by app/model.cmake.\n#include \"model/listing.hpp\"\n\
namespace iolab::model {\n"
  ENTRY "std::string_view @name@_listing() {\n  return @text@;\n}\n"
  FOOTER "}  // namespace iolab::model\n")

# The model: transitions -> ops, lanes, counts. No ImGui; unit-tested in tests/model.
add_library(iolab_model STATIC
  ${CMAKE_CURRENT_LIST_DIR}/model/model.cpp
  ${CMAKE_CURRENT_LIST_DIR}/model/listing.cpp
  ${CMAKE_CURRENT_LIST_DIR}/model/matrix.cpp
  ${CMAKE_CURRENT_LIST_DIR}/model/windows_road.cpp
  ${CMAKE_CURRENT_LIST_DIR}/model/script.cpp
  ${CMAKE_CURRENT_LIST_DIR}/model/settings.cpp
  ${CMAKE_CURRENT_LIST_DIR}/model/export.cpp
  ${CMAKE_CURRENT_LIST_DIR}/model/player.cpp
  ${CMAKE_CURRENT_LIST_DIR}/model/folders.cpp
  ${CMAKE_CURRENT_LIST_DIR}/model/session_ops.cpp
  ${CMAKE_CURRENT_BINARY_DIR}/code_listings.cpp)
target_include_directories(iolab_model PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(iolab_model PUBLIC netcore)

# Where the OS keeps the fonts and says its UI language (app/platform/places.hpp): no GUI
# library, so the views' language choice is tested with the model (tests/model, i18n_tests).
if(WIN32)
  add_library(iolab_places STATIC ${CMAKE_CURRENT_LIST_DIR}/platform/places_windows.cpp)
else()
  add_library(iolab_places STATIC ${CMAKE_CURRENT_LIST_DIR}/platform/places_linux.cpp)
endif()
target_include_directories(iolab_places PUBLIC ${CMAKE_CURRENT_LIST_DIR})
