#include "platform/desktop.hpp"

#include <glad/gl.h>
// glad defines the GL API; GLFW must not include a system gl.h beside it.
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui_impl_glfw.h>

#if defined(__GLIBC__)
#include <malloc.h>  // mallopt: see prepare_process()
#endif
#if defined(_WIN32)
#include "platform/console_windows.hpp"
#endif

#include <algorithm>
#include <atomic>
#include <cstdio>

#include "platform/glfw_window.hpp"

namespace iolab::platform {
namespace {

std::string glfw_error;  // the last GLFW error, for the no-display message
// A window is open: glfwPostEmptyEvent may be called (the engine may start before, on the app's
// start-up thread, and call wake_desktop_loop while glfwInit runs).
std::atomic<bool> window_open{false};
void on_glfw_error(int, const char* description) {
  glfw_error = description;
}

// The GLFW window and its GL context; ImGui's GLFW backend feeds its input to ImGui.
class DesktopWindow final : public GlfwWindow {
 public:
  explicit DesktopWindow(GLFWwindow* window) : GlfwWindow(window) {}
  ~DesktopWindow() override { window_open = false; }  // before GlfwWindow ends GLFW

  // Other viewports (ImGui's multi-viewports, desktop only: the web has one canvas): the GLFW
  // backend makes their windows (sharing this context's objects); render_other_viewports draws
  // them. A destroyed window takes its vertex array with it.
  bool init_imgui() override {
    if (!GlfwWindow::init_imgui()) return false;
    ImGui::GetIO().BackendFlags |= ImGuiBackendFlags_RendererHasViewports;
    ImGuiPlatformIO& pio = ImGui::GetPlatformIO();
    destroy_window_ = pio.Platform_DestroyWindow;
    pio.Platform_DestroyWindow = [](ImGuiViewport* vp) {
      if (current_) current_->renderer_.forget_context(vp->PlatformHandle);
      if (current_ && current_->destroy_window_) current_->destroy_window_(vp);
    };
    current_ = this;
    return true;
  }
  void shutdown_imgui() override {
    ImGui::DestroyPlatformWindows();
    GlfwWindow::shutdown_imgui();
  }
  void new_frame() override { ImGui_ImplGlfw_NewFrame(); }

  void render_other_viewports(ImGuiID capture) override {
    if (!(ImGui::GetIO().ConfigFlags & ImGuiConfigFlags_ViewportsEnable)) return;
    ImGui::UpdatePlatformWindows();
    ImGuiPlatformIO& pio = ImGui::GetPlatformIO();
    for (int i = 1; i < pio.Viewports.Size; ++i) {  // [0] is the main window
      ImGuiViewport* vp = pio.Viewports[i];
      if (vp->Flags & ImGuiViewportFlags_IsMinimized) continue;
      auto* glfw = static_cast<GLFWwindow*>(vp->PlatformHandle);
      pio.Platform_RenderWindow(vp, nullptr);  // its context current
      int w = 0, h = 0;
      glfwGetFramebufferSize(glfw, &w, &h);
      glViewport(0, 0, w, h);
      const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
      glClearColor(bg.x, bg.y, bg.z, 1.0f);
      glClear(GL_COLOR_BUFFER_BIT);
      renderer_.render_in(vp->PlatformHandle, vp->DrawData, w, h);
      if (vp->ID == capture) read_back(captured_, captured_w_, captured_h_, w, h);
      pio.Platform_SwapBuffers(vp, nullptr);
    }
    glfwMakeContextCurrent(window_);
  }
  bool read_captured_pixels(std::vector<unsigned char>& rgba, int& width, int& height) override {
    if (captured_.empty()) return false;
    rgba.swap(captured_);
    width = captured_w_;
    height = captured_h_;
    captured_.clear();
    return true;
  }

  void present() override { glfwSwapBuffers(window_); }

  bool set_fullscreen(bool on) override {
    if (on == (glfwGetWindowMonitor(window_) != nullptr)) return true;
    if (!on) {
      glfwSetWindowMonitor(window_, nullptr, windowed_[0], windowed_[1], windowed_[2], windowed_[3],
                           0);
      return true;
    }
    GLFWmonitor* monitor = glfwGetPrimaryMonitor();
    const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr;
    if (!mode) return false;
    glfwGetWindowPos(window_, &windowed_[0], &windowed_[1]);
    glfwGetWindowSize(window_, &windowed_[2], &windowed_[3]);
    glfwSetWindowMonitor(window_, monitor, 0, 0, mode->width, mode->height, mode->refreshRate);
    return true;
  }

  bool close_requested() const override { return glfwWindowShouldClose(window_); }

 private:
  int windowed_[4] = {};                              // position and size before F11
  void (*destroy_window_)(ImGuiViewport*) = nullptr;  // the GLFW backend's
  static inline DesktopWindow* current_ = nullptr;    // for that C callback
  std::vector<unsigned char> captured_;
  int captured_w_ = 0, captured_h_ = 0;
};

}  // namespace

void prepare_process() {
#if defined(__GLIBC__)
  // Mesa's software rasterizer (llvmpipe) allocates and frees megabytes inside every draw
  // call. By default glibc hands the freed top of the heap back to the kernel at once, so each
  // frame faults the same pages in again: perf showed ~40 % of the UI thread in page faults
  // under glDrawElements, ~15 ms a frame at 1920x1080 on a 2-core VM. Keeping up to 64 MB of
  // free heap removes that; with a GPU driver it changes nothing.
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
#endif
#if defined(_WIN32)
  attach_parent_console();
#endif
}

std::unique_ptr<Window> open_desktop_window(int width, int height, const char* title,
                                            std::string& error,
                                            const std::function<void(const char*)>& mark) {
  glfwSetErrorCallback(on_glfw_error);
  if (!glfwInit()) {
    error = glfw_error;
    return nullptr;
  }
  mark("glfw_init");
  // Larger than the screen can show: the primary monitor's work area (without task bars).
  int x = 0, y = 0, work_w = 0, work_h = 0;
  if (GLFWmonitor* monitor = glfwGetPrimaryMonitor())
    glfwGetMonitorWorkarea(monitor, &x, &y, &work_w, &work_h);
  if (work_w > 0 && work_h > 0 && (width > work_w || height > work_h)) {
    std::fprintf(stderr, "iolab: --size %dx%d is larger than the screen's work area; using %dx%d\n",
                 width, height, std::min(width, work_w), std::min(height, work_h));
    width = std::min(width, work_w);
    height = std::min(height, work_h);
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  GLFWwindow* window = glfwCreateWindow(width, height, title, nullptr, nullptr);
  if (!window) {
    error = glfw_error;
    glfwTerminate();
    return nullptr;
  }
  mark("window_and_context");
  glfwMakeContextCurrent(window);
  auto desktop = std::make_unique<DesktopWindow>(window);  // from here, it cleans up
  window_open = true;
  if (!gladLoadGL(glfwGetProcAddress)) {
    error = "cannot load the OpenGL 3.3 functions";
    return nullptr;
  }
  glfwSwapInterval(1);
  mark("gl_loader");
  return desktop;
}

void wake_desktop_loop() {
  if (window_open) glfwPostEmptyEvent();
}

ImTextureFormat atlas_format() {
  return gl::ImGuiRenderer::kAtlasFormat;
}

void run_desktop_loop(const Window& window, Pacing pacing, const std::function<bool()>& frame) {
  double next_frame_at = 0;  // glfwGetTime() of the next frame without input or transitions
  while (!window.close_requested()) {
    if (pacing == Pacing::unattended) {
      glfwWaitEventsTimeout(0.005);
    } else {
      const double left = next_frame_at - glfwGetTime();
      if (left > 0)
        glfwWaitEventsTimeout(left);
      else
        glfwPollEvents();
      next_frame_at = glfwGetTime() + 1.0 / 60.0;
    }
    if (!frame()) break;
  }
}

}  // namespace iolab::platform
