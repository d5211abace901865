// The web edition compiles stb_image_write (libstb-dev's header) itself: Debian's libstb is a
// host library, and emscripten links only what it compiled. Used by shell/screenshot.cpp.
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb_image_write.h>
