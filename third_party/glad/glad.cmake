# The OpenGL 3.3 core loader, generated at build time by Debian's glad (python3-glad) into the
# build directory. Nothing generated is committed. Defines the static library `iolab_glad`.
find_program(IOLAB_GLAD_EXECUTABLE glad)
if(NOT IOLAB_GLAD_EXECUTABLE)
  message(FATAL_ERROR "glad not found: install python3-glad (or configure with -DIOLAB_GUI=OFF)")
endif()

set(IOLAB_GLAD_DIR ${CMAKE_BINARY_DIR}/third_party/glad)
add_custom_command(
  OUTPUT ${IOLAB_GLAD_DIR}/src/gl.c ${IOLAB_GLAD_DIR}/include/glad/gl.h
         ${IOLAB_GLAD_DIR}/include/KHR/khrplatform.h
  # --reproducible: use the Khronos XML shipped with glad, never the network.
  COMMAND ${IOLAB_GLAD_EXECUTABLE} --quiet --reproducible --api gl:core=3.3 --extensions=
          --out-path ${IOLAB_GLAD_DIR} c
  COMMENT "Generating the OpenGL 3.3 core loader with glad"
  VERBATIM)

add_library(iolab_glad STATIC ${IOLAB_GLAD_DIR}/src/gl.c)
target_include_directories(iolab_glad SYSTEM PUBLIC ${IOLAB_GLAD_DIR}/include)
# Generated code: not ours to keep warning-free.
target_compile_options(iolab_glad PRIVATE -w)
target_link_libraries(iolab_glad PUBLIC ${CMAKE_DL_LIBS})
