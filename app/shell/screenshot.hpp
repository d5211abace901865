// The frame just rendered, written to a PNG (stb_image_write): --screenshot, the drive's
// `screenshot` step, File > Export > PNG.
#pragma once
#include <string>

#include "platform/window.hpp"

namespace iolab::shell {

// Prints "iolab: wrote PATH (WxH)"; false after "iolab: cannot write PATH" on stderr.
bool write_png(platform::Window& window, const std::string& path);
// The viewport captured by the last render_other_viewports (the presenter window).
bool write_captured_png(platform::Window& window, const std::string& path);

}  // namespace iolab::shell
