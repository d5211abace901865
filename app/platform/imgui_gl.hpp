// iolab's ImGui renderer: OpenGL 3.3 core through glad, in place of Debian's imgui_impl_opengl3.
// The same triangles, the same blending, the same pixels (compared with it pixel for pixel);
// what changes is the work a software rasterizer (Mesa's llvmpipe, as under Xvfb) must do:
//  - the font atlas is one GL_R8 channel uploaded from ImGui's Alpha8 pixels, not RGBA32: a
//    quarter of the bytes ImGui writes and this renderer uploads, when it creates the atlas and
//    each time it adds glyphs (ImGui 1.92 makes them on demand:
//    ImGuiBackendFlags_RendererHasTextures);
//  - plain-colour triangles (all three corners on the atlas's white texel) are drawn with a
//    GL_NEAREST sampler: at a texel's centre it returns what GL_LINEAR returns, and llvmpipe
//    shades such fragments far faster than bilinear ones. Text keeps GL_LINEAR;
//  - the program, the buffers and the vertex array are made once, not per frame, and no GL
//    state is saved and restored around the draw (the app owns the context).
// Header-only, included by app/platform/desktop.cpp and, for WebGL2, app/platform/web.cpp.
#pragma once

#if defined(__EMSCRIPTEN__)
#include <GLES3/gl3.h>  // the web edition: WebGL2, which is OpenGL ES 3.0
#else
#include <glad/gl.h>
#endif
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <utility>
#include <vector>

namespace iolab::gl {

class ImGuiRenderer {
 public:
  // The atlas's format (io.Fonts->TexDesiredFormat), to be set before any font is added.
  static constexpr ImTextureFormat kAtlasFormat = ImTextureFormat_Alpha8;

  // Compiles the program and makes the buffers; false (with a line on stderr) when it fails.
  bool init() {
    const GLuint vs = compile(GL_VERTEX_SHADER, kVertexShader);
    const GLuint fs = compile(GL_FRAGMENT_SHADER, kFragmentShader);
    if (!vs || !fs) return false;
    program_ = glCreateProgram();
    glAttachShader(program_, vs);
    glAttachShader(program_, fs);
    glLinkProgram(program_);
    glDeleteShader(vs);
    glDeleteShader(fs);
    GLint ok = 0;
    glGetProgramiv(program_, GL_LINK_STATUS, &ok);
    if (!ok) {
      char log[1024] = {};
      glGetProgramInfoLog(program_, sizeof log, nullptr, log);
      std::fprintf(stderr, "iolab: the ImGui shader program did not link: %s\n", log);
      return false;
    }
    ortho_ = glGetUniformLocation(program_, "Ortho");
    glUseProgram(program_);
    glUniform1i(glGetUniformLocation(program_, "Texture"), 0);
    glUseProgram(0);

    glGenBuffers(1, &vbo_);
    glGenBuffers(1, &ebo_);
    vao_ = make_vertex_array();

    glGenSamplers(1, &nearest_);
    glSamplerParameteri(nearest_, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glSamplerParameteri(nearest_, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glSamplerParameteri(nearest_, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glSamplerParameteri(nearest_, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);

    ImGuiIO& io = ImGui::GetIO();
    io.BackendRendererName = "iolab_opengl3_r8";
    io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;  // 32-bit offsets, 16-bit indices
    io.BackendFlags |= ImGuiBackendFlags_RendererHasTextures;   // glyphs made on demand
    return true;
  }

  // Creates, grows, updates and frees the textures ImGui asks for (the font atlas: 1.92 adds
  // glyphs to it as they are first drawn). Called by render(); each one is a single R8 channel.
  void update_textures(const ImDrawData& data) {
    if (!data.Textures) return;
    for (ImTextureData* tex : *data.Textures) {
      switch (tex->Status) {
        case ImTextureStatus_WantCreate:
          create_texture(*tex);
          break;
        case ImTextureStatus_WantUpdates:
          upload(*tex, tex->Updates);
          break;
        case ImTextureStatus_WantDestroy:
          if (tex->UnusedFrames > 0) destroy_texture(*tex);  // drawn last frame: wait one more
          break;
        default:
          break;
      }
    }
  }

#if !defined(__EMSCRIPTEN__)
  // Another OS window's GL context (ImGui's multi-viewports: the presenter window; desktop
  // only, the web has one canvas) shares the main one's buffers, textures and program, but a
  // vertex array object is the context's own. `context` names it; forget_context when that
  // window is destroyed.
  void render_in(const void* context, const ImDrawData* data, int fb_w, int fb_h) {
    auto it = std::find_if(other_vaos_.begin(), other_vaos_.end(),
                           [&](const auto& p) { return p.first == context; });
    if (it == other_vaos_.end()) it = other_vaos_.insert(it, {context, make_vertex_array()});
    render(data, fb_w, fb_h, it->second);
  }
  void forget_context(const void* context) {  // its context is gone, and its vertex array too
    std::erase_if(other_vaos_, [&](const auto& p) { return p.first == context; });
  }
#endif

  // Draws into the bound framebuffer of fb_w x fb_h pixels (cleared by the caller).
  void render(const ImDrawData* data, int fb_w, int fb_h) {
    render(data, fb_w, fb_h, vao_);
  }
  void render(const ImDrawData* data, int fb_w, int fb_h, GLuint vao) {
    if (!data) return;
    update_textures(*data);
    if (data->CmdLists.Size == 0 || fb_w <= 0 || fb_h <= 0) return;
    if (data->DisplaySize.x <= 0 || data->DisplaySize.y <= 0) return;
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glDisable(GL_CULL_FACE);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_STENCIL_TEST);
    glEnable(GL_SCISSOR_TEST);
    glViewport(0, 0, fb_w, fb_h);
    const ImVec2 pos = data->DisplayPos, size = data->DisplaySize, scale = data->FramebufferScale;
    glUseProgram(program_);
    // Pixels to clip space: x' = 2 (x - left) / width - 1, y' = 1 - 2 (y - top) / height.
    glUniform4f(ortho_, 2.0f / size.x, -2.0f / size.y, -1.0f - 2.0f * pos.x / size.x,
                1.0f + 2.0f * pos.y / size.y);
    glActiveTexture(GL_TEXTURE0);
    glBindVertexArray(vao);
    const ImVec2 white = ImGui::GetIO().Fonts->TexUvWhitePixel;
    for (const ImDrawList* list : data->CmdLists) {
      // New storage for each list (orphaning): no draw waits for the previous list's.
      glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(list->VtxBuffer.size_in_bytes()),
                   list->VtxBuffer.Data, GL_STREAM_DRAW);
      glBufferData(GL_ELEMENT_ARRAY_BUFFER,
                   static_cast<GLsizeiptr>(list->IdxBuffer.size_in_bytes()), list->IdxBuffer.Data,
                   GL_STREAM_DRAW);
      for (const ImDrawCmd& cmd : list->CmdBuffer) {
        if (cmd.UserCallback) {
          if (cmd.UserCallback != ImGui::GetPlatformIO().DrawCallback_ResetRenderState)
            cmd.UserCallback(list, &cmd);
          continue;
        }
        const float x0 = (cmd.ClipRect.x - pos.x) * scale.x,
                    y0 = (cmd.ClipRect.y - pos.y) * scale.y;
        const float x1 = (cmd.ClipRect.z - pos.x) * scale.x,
                    y1 = (cmd.ClipRect.w - pos.y) * scale.y;
        if (x1 <= x0 || y1 <= y0) continue;
        glScissor(static_cast<int>(x0), static_cast<int>(static_cast<float>(fb_h) - y1),
                  static_cast<int>(x1 - x0), static_cast<int>(y1 - y0));
        glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(cmd.GetTexID()));
        draw_command(*list, cmd, white);
      }
    }
    bind_nearest(false);
    glBindVertexArray(0);
    glDisable(GL_SCISSOR_TEST);
    first_frame_drawn_ = true;
  }

  void shutdown() {
    for (ImTextureData* tex : ImGui::GetPlatformIO().Textures)
      if (tex->RefCount == 1) destroy_texture(*tex);
    if (nearest_) glDeleteSamplers(1, &nearest_);
    if (vbo_) glDeleteBuffers(1, &vbo_);
    if (ebo_) glDeleteBuffers(1, &ebo_);
    if (vao_) glDeleteVertexArrays(1, &vao_);
    if (program_) glDeleteProgram(program_);
    nearest_ = vbo_ = ebo_ = vao_ = program_ = 0;
  }

 private:
  // A vertex array over the shared buffers, its attributes at vertex 0. On the web (no base
  // vertex) draw_range moves them; there is only the one vertex array there (one canvas), so
  // attributes_at_ is its state.
  GLuint make_vertex_array() {
    GLuint vao = 0;
    glGenVertexArrays(1, &vao);
    glBindVertexArray(vao);
    glBindBuffer(GL_ARRAY_BUFFER, vbo_);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, ebo_);  // part of the vertex array's state
    glEnableVertexAttribArray(0);
    glEnableVertexAttribArray(1);
    glEnableVertexAttribArray(2);
    point_attributes(0);
    glBindVertexArray(0);
    return vao;
  }
#if !defined(__EMSCRIPTEN__)
  std::vector<std::pair<const void*, GLuint>> other_vaos_;  // render_in's, per context
#endif

  // A run of plain-colour triangles smaller than this (in pixels) is not worth a draw call of
  // its own: it stays in the bilinear draw around it (a button's frame, a separator).
  static constexpr float kMinPlainArea = 4096.0f;

  // The same shaders in GLSL 3.30 (desktop) and GLSL ES 3.00 (WebGL2), which differ only here.
#if defined(__EMSCRIPTEN__)
#define IOLAB_GLSL_VERSION "#version 300 es\nprecision highp float;\n"
#else
#define IOLAB_GLSL_VERSION "#version 330 core\n"
#endif
  static constexpr const char* kVertexShader = IOLAB_GLSL_VERSION
      "layout (location = 0) in vec2 Position;\n"
      "layout (location = 1) in vec2 UV;\n"
      "layout (location = 2) in vec4 Color;\n"
      "uniform vec4 Ortho;\n"
      "out vec2 Frag_UV;\n"
      "out vec4 Frag_Color;\n"
      "void main() {\n"
      "  Frag_UV = UV;\n"
      "  Frag_Color = Color;\n"
      "  gl_Position = vec4(Position * Ortho.xy + Ortho.zw, 0.0, 1.0);\n"
      "}\n";
  // ImGui's RGBA32 atlas is white with the coverage in alpha; with one channel that is the
  // vertex colour with its alpha times the texel.
  static constexpr const char* kFragmentShader = IOLAB_GLSL_VERSION
      "uniform sampler2D Texture;\n"
      "in vec2 Frag_UV;\n"
      "in vec4 Frag_Color;\n"
      "out vec4 Out_Color;\n"
      "void main() {\n"
      "  Out_Color = vec4(Frag_Color.rgb, Frag_Color.a * texture(Texture, Frag_UV).r);\n"
      "}\n";

  void create_texture(ImTextureData& tex) {
    // The shader reads one channel: the atlas must have been given kAtlasFormat.
    IM_ASSERT(tex.Format == kAtlasFormat);
    GLuint id = 0;
    glGenTextures(1, &id);
    glBindTexture(GL_TEXTURE_2D, id);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, tex.Width, tex.Height, 0, GL_RED, GL_UNSIGNED_BYTE,
                 tex.GetPixels());
    tex.SetTexID(static_cast<ImTextureID>(id));
    tex.SetStatus(ImTextureStatus_OK);
  }

  // ImGui only ever writes to parts of a texture not drawn from yet: no sync needed.
  void upload(ImTextureData& tex, const ImVector<ImTextureRect>& rects) {
    glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(tex.GetTexID()));
    glPixelStorei(GL_UNPACK_ROW_LENGTH, tex.Width);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    for (const ImTextureRect& r : rects)
      glTexSubImage2D(GL_TEXTURE_2D, 0, r.x, r.y, r.w, r.h, GL_RED, GL_UNSIGNED_BYTE,
                      tex.GetPixelsAt(r.x, r.y));
    glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
    tex.SetStatus(ImTextureStatus_OK);
  }

  static void destroy_texture(ImTextureData& tex) {
    const GLuint id = static_cast<GLuint>(tex.GetTexID());
    if (id) glDeleteTextures(1, &id);
    tex.SetTexID(ImTextureID_Invalid);
    tex.SetStatus(ImTextureStatus_Destroyed);
  }

  static GLuint compile(GLenum kind, const char* source) {
    const GLuint shader = glCreateShader(kind);
    glShaderSource(shader, 1, &source, nullptr);
    glCompileShader(shader);
    GLint ok = 0;
    glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
    if (ok) return shader;
    char log[1024] = {};
    glGetShaderInfoLog(shader, sizeof log, nullptr, log);
    std::fprintf(stderr, "iolab: an ImGui shader did not compile: %s\n", log);
    glDeleteShader(shader);
    return 0;
  }

  void bind_nearest(bool on) {
    if (on == nearest_bound_) return;
    glBindSampler(0, on ? nearest_ : 0);  // 0: the texture's own GL_LINEAR
    nearest_bound_ = on;
  }

  // The vertex attributes start `vertex` vertices into the bound vertex buffer.
  void point_attributes(size_t vertex) {
    const size_t base = vertex * sizeof(ImDrawVert);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert),
                          reinterpret_cast<void*>(base + offsetof(ImDrawVert, pos)));
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert),
                          reinterpret_cast<void*>(base + offsetof(ImDrawVert, uv)));
    glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof(ImDrawVert),
                          reinterpret_cast<void*>(base + offsetof(ImDrawVert, col)));
    attributes_at_ = vertex;
  }

  void draw_range(const ImDrawCmd& cmd, unsigned first, unsigned count, bool plain) {
    if (count == 0) return;
    // The first frame is drawn bilinear only (the same pixels): llvmpipe compiles a shader
    // variant per sampler state on first use, so the nearest one is left to the second frame
    // and the first appears sooner (first_gl_submit + first_swap: ~15 ms less, docs/gui.md).
    bind_nearest(plain && first_frame_drawn_);
#if defined(__EMSCRIPTEN__)
    // WebGL2 has no base vertex: the attributes are moved to the command's first vertex.
    if (attributes_at_ != cmd.VtxOffset) point_attributes(cmd.VtxOffset);
    glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(count),
                   sizeof(ImDrawIdx) == 2 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT,
                   reinterpret_cast<void*>(
                       static_cast<uintptr_t>((cmd.IdxOffset + first) * sizeof(ImDrawIdx))));
#else
    glDrawElementsBaseVertex(GL_TRIANGLES, static_cast<GLsizei>(count),
                             sizeof(ImDrawIdx) == 2 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT,
                             reinterpret_cast<void*>(static_cast<uintptr_t>(
                                 (cmd.IdxOffset + first) * sizeof(ImDrawIdx))),
                             static_cast<GLint>(cmd.VtxOffset));
#endif
  }

  // One ImGui command, in order: runs of plain-colour triangles covering at least
  // kMinPlainArea pixels go with the nearest sampler, the rest (text, small shapes) bilinear.
  void draw_command(const ImDrawList& list, const ImDrawCmd& cmd, ImVec2 white) {
    const ImDrawIdx* idx = list.IdxBuffer.Data + cmd.IdxOffset;
    const ImDrawVert* vtx = list.VtxBuffer.Data + cmd.VtxOffset;
    auto on_white = [&](ImDrawIdx i) { return vtx[i].uv.x == white.x && vtx[i].uv.y == white.y; };
    unsigned drawn = 0;      // indices before this are drawn
    unsigned run_start = 0;  // the current run of plain triangles
    float run_area = 0;
    bool in_run = false;
    auto end_run = [&](unsigned end) {
      if (in_run && run_area >= kMinPlainArea) {
        draw_range(cmd, drawn, run_start - drawn, false);
        draw_range(cmd, run_start, end - run_start, true);
        drawn = end;
      }
      in_run = false;
    };
    for (unsigned i = 0; i + 3 <= cmd.ElemCount; i += 3) {
      const bool plain = on_white(idx[i]) && on_white(idx[i + 1]) && on_white(idx[i + 2]);
      if (!plain) {
        end_run(i);
        continue;
      }
      if (!in_run) {
        in_run = true;
        run_start = i;
        run_area = 0;
      }
      const ImVec2 a = vtx[idx[i]].pos, b = vtx[idx[i + 1]].pos, c = vtx[idx[i + 2]].pos;
      run_area += std::fabs((b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y)) * 0.5f;
    }
    end_run(cmd.ElemCount);
    draw_range(cmd, drawn, cmd.ElemCount - drawn, false);
  }

  GLuint program_ = 0, vao_ = 0, vbo_ = 0, ebo_ = 0, nearest_ = 0;
  GLint ortho_ = -1;
  bool nearest_bound_ = false;
  size_t attributes_at_ = 0;  // the vertex the attributes start at (point_attributes)
  bool first_frame_drawn_ = false;
};

}  // namespace iolab::gl
