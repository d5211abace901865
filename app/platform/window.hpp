// What the app's frame needs of the platform it runs on: a window with a GL context, ImGui's
// platform backend (a person's keys, mouse and characters go into ImGui's input queue) and a
// renderer. The desktop's is desktop.cpp (GLFW, Linux and Windows); the browser's comes next.
// The shell (app/shell) sees only this: no OS, GLFW or GL header outside app/platform/.
#pragma once
#include <imgui.h>

#include <vector>

namespace iolab::platform {

// The pixel format of the font atlas this platform's renderer draws from (set before the fonts
// are added, so it can be done before the window exists).
ImTextureFormat atlas_format();

class Window {
 public:
  virtual ~Window() = default;
  // ImGui's platform backend and the renderer, on the current ImGui context. False: a line on
  // stderr.
  virtual bool init_imgui() = 0;
  virtual void shutdown_imgui() = 0;
  // The platform backend's part of a frame, before ImGui::NewFrame: display size, time, and the
  // real cursor's position queued.
  virtual void new_frame() = 0;
  // Clears to `clear` and draws ImGui's draw data (answering its texture requests first).
  virtual void render(const ImDrawData* data, ImVec4 clear) = 0;
  // The frame just rendered, RGBA, top row first; false when it cannot be read.
  virtual bool read_pixels(std::vector<unsigned char>& rgba, int& width, int& height) = 0;
  // ImGui's other viewports (with ImGuiConfigFlags_ViewportsEnable: OS windows of their own, the
  // presenter window), each drawn into its own window and shown, after render() and before
  // present(). The pixels of the viewport `capture` (0: none) are kept for read_captured_pixels.
  virtual void render_other_viewports(ImGuiID capture) = 0;
  virtual bool read_captured_pixels(std::vector<unsigned char>& rgba, int& width, int& height) = 0;
  // Shows the frame rendered.
  virtual void present() = 0;
  // F11: the whole primary monitor, or back to the window as it was. False: not possible here.
  virtual bool set_fullscreen(bool on) = 0;
  virtual bool close_requested() const = 0;
};

}  // namespace iolab::platform
