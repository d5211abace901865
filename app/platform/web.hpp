// The web edition's platform (emscripten): the page's canvas through emscripten's GLFW, a
// WebGL2 context, ImGui's GLFW backend for input and iolab's renderer in GLSL ES 3.00
// (platform/imgui_gl.hpp). The browser runs the loop: `frame` once per animation frame.
#pragma once
#include <functional>
#include <memory>
#include <string>

#include "platform/window.hpp"

namespace iolab::platform {

// A window the size of the page's #canvas, or null with `error` saying why (no WebGL2).
std::unique_ptr<Window> open_web_window(std::string& error);

// Calls `frame` once per animation frame, for as long as the page is open (it never returns
// false in a page: there is nothing to exit to). Returns at once; the browser calls back.
void run_web_loop(Window& window, std::function<void()> frame);

}  // namespace iolab::platform
