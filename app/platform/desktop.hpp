// The desktop platform (Linux, Windows): a GLFW window with an OpenGL 3.3 core context (glad),
// ImGui's GLFW backend for input, iolab's GL renderer (platform/imgui_gl.hpp), and the loop that
// paces frames and calls the app's frame.
#pragma once
#include <functional>
#include <memory>
#include <string>

#include "platform/window.hpp"

namespace iolab::platform {

// Prepares the process (glibc's allocator, for Mesa's software rasterizer: see desktop.cpp;
// on Windows, stdout and stderr: platform/console_windows.hpp).
void prepare_process();

// Opens a window of about width x height pixels (shrunk to the primary monitor's work area,
// with one line on stderr, when larger) titled `title`. On failure null, and `error` says why
// (GLFW's words: no display, no OpenGL 3.3). `mark(step)` is called after each start-up step.
std::unique_ptr<Window> open_desktop_window(int width, int height, const char* title,
                                            std::string& error,
                                            const std::function<void(const char*)>& mark);

// Wakes the loop from any thread (the engine's on_ready: transitions arrived).
void wake_desktop_loop();

// How the loop paces frames: test and screenshot runs at >= 5 ms (so a wait's frame budget is
// a real stretch of time); interactive ones every 1/60 s from the start of the last frame, at
// once after a slower frame, and sooner on input or a wake.
enum class Pacing { unattended, interactive };

// Calls `frame` until it returns false or the window is asked to close.
void run_desktop_loop(const Window& window, Pacing pacing, const std::function<bool()>& frame);

}  // namespace iolab::platform
