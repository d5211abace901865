// The floor for iolab's first_frame_ms (tools/bench.sh): a bare GLFW window, as iolab opens its
// own (OpenGL 3.3 core, forward compatible, glad, swap interval 1) at the size given, one clear
// and one swap, then it prints the wall clock (first_frame_unix_ns) and exits. tools/bench.sh
// starts it the same way as iolab under the same Xvfb, in the same run.
// Usage: bare_window WIDTHxHEIGHT
#include <glad/gl.h>
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <chrono>
#include <cstdio>

int main(int argc, char** argv) {
  int w = 1920, h = 1080;
  if (argc > 1 && std::sscanf(argv[1], "%dx%d", &w, &h) != 2) {
    std::fprintf(stderr, "bare_window: needs WIDTHxHEIGHT, not '%s'\n", argv[1]);
    return 2;
  }
  if (!glfwInit()) return 1;
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  GLFWwindow* window = glfwCreateWindow(w, h, "bare window", nullptr, nullptr);
  if (!window) return 1;
  glfwMakeContextCurrent(window);
  if (!gladLoadGL(glfwGetProcAddress)) return 1;
  glfwSwapInterval(1);
  glfwPollEvents();
  glClearColor(0.1f, 0.1f, 0.12f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  glfwSwapBuffers(window);
  const auto wall = std::chrono::duration_cast<std::chrono::nanoseconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count();
  std::printf("first_frame_unix_ns=%lld\n", static_cast<long long>(wall));
  glfwDestroyWindow(window);
  glfwTerminate();
  return 0;
}
