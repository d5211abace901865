/* stb_image_write's code, for builds without Debian's libstb (Windows): the header holds it
   and compiles it where this is defined. */
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb_image_write.h>
