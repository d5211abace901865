// What the desktop window (desktop.cpp) and the web edition's canvas (web.cpp) share: a GLFW
// window with a GL context (OpenGL 3.3 core there, WebGL2 here), ImGui's GLFW backend for input
// and iolab's renderer (imgui_gl.hpp). Each adds its own frame start, present and fullscreen.
// Included by those two files after their GL and GLFW headers.
#pragma once
#include <imgui_impl_glfw.h>

#include <cstring>
#include <vector>

#include "platform/imgui_gl.hpp"
#include "platform/window.hpp"

namespace iolab::platform {

class GlfwWindow : public Window {
 public:
  explicit GlfwWindow(GLFWwindow* window) : window_(window) {}
  ~GlfwWindow() override {
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
  void render(const ImDrawData* data, ImVec4 clear) override {
    int w = 0, h = 0;
    glfwGetFramebufferSize(window_, &w, &h);
    glViewport(0, 0, w, h);
    glClearColor(clear.x, clear.y, clear.z, clear.w);
    glClear(GL_COLOR_BUFFER_BIT);
    renderer_.render(data, w, h);
  }
  bool read_pixels(std::vector<unsigned char>& rgba, int& width, int& height) override {
    int w = 0, h = 0;
    glfwGetFramebufferSize(window_, &w, &h);
    return read_back(rgba, width, height, w, h);
  }

 protected:
  // The current context's back buffer, w x h, top row first.
  static bool read_back(std::vector<unsigned char>& rgba, int& width, int& height, int w, int h) {
    width = w;
    height = h;
    if (width <= 0 || height <= 0) return false;
    const size_t row = static_cast<size_t>(width) * 4;
    rgba.resize(row * static_cast<size_t>(height));
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
    // GL's rows start at the bottom.
    std::vector<unsigned char> swap(row);
    for (int y = 0; y < height / 2; ++y) {
      unsigned char* a = rgba.data() + row * static_cast<size_t>(y);
      unsigned char* b = rgba.data() + row * static_cast<size_t>(height - 1 - y);
      std::memcpy(swap.data(), a, row);
      std::memcpy(a, b, row);
      std::memcpy(b, swap.data(), row);
    }
    return true;
  }

 protected:
  GLFWwindow* const window_;
  gl::ImGuiRenderer renderer_;

 private:
  bool backend_ = false;
};

}  // namespace iolab::platform
