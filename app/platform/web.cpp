#include "platform/web.hpp"

#include <emscripten.h>
#include <emscripten/html5.h>
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui_impl_glfw.h>

#include <algorithm>
#include <cstring>
#include <utility>

#include "platform/imgui_gl.hpp"

namespace iolab::platform {
namespace {

class WebWindow final : public Window {
 public:
  explicit WebWindow(GLFWwindow* window) : window_(window) {}
  ~WebWindow() override {
    glfwDestroyWindow(window_);
    glfwTerminate();
  }

  bool init_imgui() override {
    if (!ImGui_ImplGlfw_InitForOpenGL(window_, true)) return false;
    backend_ = true;
    return renderer_.init();
  }
  void shutdown_imgui() override {
    renderer_.shutdown();
    if (backend_) ImGui_ImplGlfw_Shutdown();
    backend_ = false;
  }
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
  void render(const ImDrawData* data, ImVec4 clear) override {
    int w = 0, h = 0;
    glfwGetFramebufferSize(window_, &w, &h);
    glViewport(0, 0, w, h);
    glClearColor(clear.x, clear.y, clear.z, clear.w);
    glClear(GL_COLOR_BUFFER_BIT);
    renderer_.render(data, w, h);
  }
  bool read_pixels(std::vector<unsigned char>& rgba, int& width, int& height) override {
    glfwGetFramebufferSize(window_, &width, &height);
    if (width <= 0 || height <= 0) return false;
    const size_t row = static_cast<size_t>(width) * 4;
    rgba.resize(row * static_cast<size_t>(height));
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
    std::vector<unsigned char> swap(row);  // GL's rows start at the bottom
    for (int y = 0; y < height / 2; ++y) {
      unsigned char* a = rgba.data() + row * static_cast<size_t>(y);
      unsigned char* b = rgba.data() + row * static_cast<size_t>(height - 1 - y);
      std::memcpy(swap.data(), a, row);
      std::memcpy(a, b, row);
      std::memcpy(b, swap.data(), row);
    }
    return true;
  }
  void present() override {}  // the browser shows the canvas once the frame's callback returns
  bool set_fullscreen(bool) override { return false; }  // the browser's own F11 does it
  bool close_requested() const override { return false; }

 private:
  GLFWwindow* window_;
  gl::ImGuiRenderer renderer_;
  bool backend_ = false;
};

std::function<void()>* loop_frame = nullptr;  // the page's one loop

void call_frame() {
  (*loop_frame)();
}

}  // namespace

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
