#include "shell/screenshot.hpp"

#include <stb_image_write.h>

#include <cstdio>
#include <vector>

namespace iolab::shell {

namespace {
bool write(std::vector<unsigned char>& pixels, bool ok, int w, int h, const std::string& path) {
  if (ok) {
    for (size_t i = 3; i < pixels.size(); i += 4) pixels[i] = 255;  // an opaque picture
    ok = stbi_write_png(path.c_str(), w, h, 4, pixels.data(), w * 4) != 0;
  }
  if (!ok) {
    std::fprintf(stderr, "iolab: cannot write %s\n", path.c_str());
    return false;
  }
  std::printf("iolab: wrote %s (%dx%d)\n", path.c_str(), w, h);
  return true;
}
}  // namespace

bool write_png(platform::Window& window, const std::string& path) {
  std::vector<unsigned char> pixels;
  int w = 0, h = 0;
  const bool ok = window.read_pixels(pixels, w, h);
  return write(pixels, ok, w, h, path);
}

bool write_captured_png(platform::Window& window, const std::string& path) {
  std::vector<unsigned char> pixels;
  int w = 0, h = 0;
  const bool ok = window.read_captured_pixels(pixels, w, h);
  return write(pixels, ok, w, h, path);
}

}  // namespace iolab::shell
