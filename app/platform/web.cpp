#include "platform/web.hpp"

#include <emscripten.h>
#include <emscripten/html5.h>
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui_impl_glfw.h>

#include <algorithm>
#include <utility>

#include "platform/glfw_window.hpp"

namespace iolab::platform {
namespace {

class WebWindow final : public GlfwWindow {
 public:
  explicit WebWindow(GLFWwindow* window) : GlfwWindow(window) {}

  // The canvas is laid out by the page (it fills what its header leaves): the window follows
  // its CSS size before each frame.
  void new_frame() override {
    double css_w = 0, css_h = 0;
    emscripten_get_element_css_size("#canvas", &css_w, &css_h);
    const int w = std::max(320, static_cast<int>(css_w));
    const int h = std::max(240, static_cast<int>(css_h));
    int cur_w = 0, cur_h = 0;
    glfwGetWindowSize(window_, &cur_w, &cur_h);
    if (w != cur_w || h != cur_h) glfwSetWindowSize(window_, w, h);
    ImGui_ImplGlfw_NewFrame();
  }
  void present() override {}  // the browser shows the canvas once the frame's callback returns
  bool set_fullscreen(bool) override { return false; }  // the browser's own F11 does it
  bool close_requested() const override { return false; }
  // One canvas: no other OS windows (ImGui's multi-viewports stay off, no presenter window).
  void render_other_viewports(ImGuiID) override {}
  bool read_captured_pixels(std::vector<unsigned char>&, int&, int&) override { return false; }
};

std::function<void()>* loop_frame = nullptr;  // the page's one loop

void call_frame() {
  (*loop_frame)();
}

}  // namespace

ImTextureFormat atlas_format() {
  return gl::ImGuiRenderer::kAtlasFormat;
}

std::unique_ptr<Window> open_web_window(std::string& error) {
  if (!glfwInit()) {
    error = "the canvas could not be set up (emscripten's GLFW did not start)";
    return nullptr;
  }
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);  // WebGL2
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  GLFWwindow* window = glfwCreateWindow(1280, 720, "iolab", nullptr, nullptr);
  if (!window) {
    error = "WebGL2 is switched off or not supported in this browser, and iolab draws with it";
    glfwTerminate();
    return nullptr;
  }
  glfwMakeContextCurrent(window);
  return std::make_unique<WebWindow>(window);
}

void run_web_loop(Window&, std::function<void()> frame) {
  static std::function<void()> kept;
  kept = std::move(frame);
  loop_frame = &kept;
  emscripten_set_main_loop(call_frame, 0, false);
}

}  // namespace iolab::platform
