// GUI figures, printed one per line as name=value (tools/bench.sh). Nothing is asserted.
//
//   frame_cpu_ms_1k / _1m   thread CPU time of one UI frame (64 new transitions into the model,
//                           then ImGui NewFrame .. Render with the real views at 1920x1080),
//                           zoomed out to all of them; the median of the measured frames. No GPU:
//                           glyphs go into the atlas in memory and no renderer backend runs.
//   bytes_per_transition    the UI store's memory (Model::memory_bytes) / transitions kept, 1M
//   cap_drop_ms_1m          the one frame the cap costs when it drops the oldest quarter of 1M
//   frame_cpu_ms_500_sessions  the same frame with 500 outside clients at 100 messages/s each
//                           (SessionStream; 5,000 transitions into the model per frame, the
//                           timeline following live, one row per session); _2_sessions: the
//                           same rate from 2 sessions, for comparison
//
// The stream: a server WSARecv slot and a second one, a client WSASend slot, a netcore thread
// that blocks in WSAWaitForMultipleEvents for each pending op; 1 op in 8 goes pending.
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <string_view>
#include <vector>

#include "model/model.hpp"
#include "model/recording.hpp"
#include "views/main_view.hpp"
#include "views/theme.hpp"
#include "views/ui.hpp"

namespace {

using iolab::model::Model;
using netcore::Api;
using netcore::Kind;
using netcore::Transition;

double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

// One transition as the engine reports it: on netcore thread 1, with one WSABUF and 16 bytes
// of data; `op` 0 is the thread's own (blocked/unblocked), with no session.
Transition shaped(uint64_t seq, uint64_t t_ns, uint32_t session, uint16_t slot, uint32_t op,
                  Api api, Api op_api, Kind kind, uint32_t bytes) {
  Transition t;
  t.seq = seq;
  t.t_ns = t_ns;
  t.thread = 1;
  t.session = session;
  t.op = op;
  t.slot = slot;
  t.api = api;
  t.op_api = op_api;
  t.kind = kind;
  t.bytes = bytes;
  t.wsabuf_count = 1;
  t.data_len = 16;
  if (kind == Kind::pending) {
    t.result = netcore::kSocketError;
    t.error = netcore::kWsaIoPending;
  }
  return t;
}

// A realistic stream, transition by transition.
class Stream {
 public:
  void next(std::vector<Transition>& out) {
    const uint32_t op = ++op_;
    const int kind = static_cast<int>(op % 3);  // 0: server recv slot 0, 1: slot 1, 2: client send
    const uint32_t session = kind == 2 ? netcore::kClientSession : netcore::kServerSession;
    const auto slot = static_cast<uint16_t>(kind == 1 ? 1 : 0);
    const Api api = kind == 2 ? Api::WSASend : Api::WSARecv;
    auto make = [&](Kind k, Api a, uint32_t o, uint32_t bytes) {
      ++seq_;
      t_ += 700 + (seq_ * 7919) % 900;
      out.push_back(shaped(seq_, t_, o ? session : 0, slot, o, a, api, k, bytes));
    };
    make(Kind::posted, api, op, 1024);
    if (op % 8 != 0) {
      make(Kind::completed_immediately, api, op, 512);
      return;
    }
    make(Kind::pending, api, op, 0);
    make(Kind::blocked, Api::WSAWaitForMultipleEvents, 0, 0);
    make(Kind::unblocked, Api::WSAWaitForMultipleEvents, 0, 0);
    make(Kind::signaled, Api::WSAWaitForMultipleEvents, op, 0);
    make(Kind::result_fetched, Api::WSAGetOverlappedResult, op, 512);
  }
  uint64_t now() const { return t_; }

 private:
  uint32_t op_ = 0;
  uint64_t seq_ = 0, t_ = 1'000'000'000;
};

// Many outside clients (issue 16): sessions 1..N, each message the lecture's receive on its
// own session (posted, pending, the netcore thread blocked and woken, signaled, fetched), the
// sessions taking turns in a scrambled order, `per_second` messages a second in all.
class SessionStream {
 public:
  SessionStream(uint32_t sessions, double per_second)
      : sessions_(sessions), gap_ns_(static_cast<uint64_t>(1e9 / per_second)) {}
  void next(std::vector<Transition>& out) {
    const uint32_t op = ++op_;
    const uint32_t session = 1 + static_cast<uint32_t>((op * 7919ull) % sessions_);
    const uint64_t start = t_;
    auto make = [&](Kind k, Api a, uint32_t o, uint32_t bytes) {
      t_ += gap_ns_ / 8;
      out.push_back(
          shaped(++seq_, t_, o ? session : 0, 0, o, a, o ? Api::WSARecv : Api::none, k, bytes));
    };
    make(Kind::posted, Api::WSARecv, op, 1024);
    make(Kind::pending, Api::WSARecv, op, 0);
    make(Kind::blocked, Api::WSAWaitForMultipleEvents, 0, 0);
    make(Kind::unblocked, Api::WSAWaitForMultipleEvents, 0, 0);
    make(Kind::signaled, Api::WSAWaitForMultipleEvents, op, 0);
    make(Kind::result_fetched, Api::WSAGetOverlappedResult, op, 16);
    t_ = start + gap_ns_;
  }
  uint64_t now() const { return t_; }

 private:
  uint32_t sessions_;
  uint64_t gap_ns_;
  uint32_t op_ = 0;
  uint64_t seq_ = 0, t_ = 1'000'000'000;
};

struct Figures {
  double frame_ms = 0;
  double bytes_per_transition = 0;
  double cap_drop_ms = 0;
  int vertices = 0;  // drawn in the last frame: the views really drew
};

iolab::views::Fonts g_fonts;

// What a renderer does with ImGui's texture requests, minus the GPU: marks them done.
void answer_texture_requests() {
  for (ImTextureData* tex : ImGui::GetPlatformIO().Textures) {
    if (tex->Status == ImTextureStatus_WantCreate || tex->Status == ImTextureStatus_WantUpdates) {
      tex->SetTexID(static_cast<ImTextureID>(tex->UniqueID + 1));
      tex->SetStatus(ImTextureStatus_OK);
    } else if (tex->Status == ImTextureStatus_WantDestroy && tex->UnusedFrames > 0) {
      tex->SetTexID(ImTextureID_Invalid);
      tex->SetStatus(ImTextureStatus_Destroyed);
    }
  }
}

// `per_frame`: transitions fed before each measured frame; `fit`: F on the first frame (zoomed
// out to all), else the timeline follows the live edge as in class.
template <typename S>
Figures run(S stream, size_t transitions, int frames, size_t per_frame = 64, bool fit = true) {
  Figures fig;
  Model model;
  model.set_max_transitions(transitions * 2 + 100'000);  // the cap is measured apart
  std::vector<Transition> batch;
  while (model.log_size() < transitions) {
    batch.clear();
    for (int i = 0; i < 256 && model.log_size() + batch.size() < transitions; ++i)
      stream.next(batch);
    model.apply(batch);
  }
  fig.bytes_per_transition =
      static_cast<double>(model.memory_bytes()) / static_cast<double>(model.log_size());

  iolab::views::Ui ui;
  ui.model = &model;
  ui.fonts = g_fonts;
  ui.submit = [](const netcore::Command&) { return 0u; };
  iolab::views::MainView view;
  ImGuiIO& io = ImGui::GetIO();
  std::vector<double> times;
  for (int f = 0; f < frames + 3; ++f) {
    io.DisplaySize = ImVec2(1920, 1080);
    io.DeltaTime = 1.0f / 60.0f;
    io.AddMousePosEvent(900, 400);              // over the timeline: hover tests run too
    io.AddKeyEvent(ImGuiKey_F, fit && f == 1);  // fit all: zoomed out to every transition
    const double t0 = thread_cpu_ms();
    batch.clear();
    while (batch.size() < per_frame) stream.next(batch);
    model.apply(batch);
    ui.now_ns = stream.now();
    ImGui::NewFrame();
    view.draw(ui);
    ImGui::Render();
    answer_texture_requests();
    const double t1 = thread_cpu_ms();
    if (f >= 3) times.push_back(t1 - t0);
  }
  fig.vertices = ImGui::GetDrawData()->TotalVtxCount;
  std::sort(times.begin(), times.end());
  fig.frame_ms = times[times.size() / 2];

  const double c0 = thread_cpu_ms();
  model.set_max_transitions(model.log_size() - 1);
  fig.cap_drop_ms = thread_cpu_ms() - c0;
  return fig;
}

// Does a transition cost more late in a long run? The model at the default cap (1M) and the
// recording (its ring) fed 4M transitions: ns per transition over the first and the last million
// (the last includes its cap drops). find_op at 1k and at the cap's worth of ops.
void growth(bool quick) {
  const size_t million = quick ? 250'000 : 1'000'000;
  Model model;
  model.set_max_transitions(million);
  iolab::model::Recording recording;
  Stream stream;
  std::vector<Transition> batch;
  double apply_ms[4] = {}, record_ms[4] = {};
  for (int m = 0; m < 4; ++m) {
    for (size_t n = 0; n < million;) {
      batch.clear();
      while (batch.size() < 256) stream.next(batch);
      n += batch.size();
      const double t0 = thread_cpu_ms();
      model.apply(batch);
      const double t1 = thread_cpu_ms();
      recording.append(batch);
      record_ms[m] += thread_cpu_ms() - t1;
      apply_ms[m] += t1 - t0;
    }
  }
  const double per = 1e6 / static_cast<double>(million);  // ms per million -> ns per transition
  std::printf("model_apply_ns_first_1m=%.1f\nmodel_apply_ns_4th_1m=%.1f\n", apply_ms[0] * per,
              apply_ms[3] * per);
  std::printf("recording_append_ns_first_1m=%.1f\nrecording_append_ns_4th_1m=%.1f\n",
              record_ms[0] * per, record_ms[3] * per);

  const auto find_ns = [&](const Model& m) {
    const auto& ops = m.ops();
    const size_t lookups = 2'000'000;
    uint64_t found = 0;
    const double t0 = thread_cpu_ms();
    for (size_t i = 0; i < lookups; ++i)
      found += m.find_op(ops[(i * 7919) % ops.size()].id) != nullptr;
    const double ms = thread_cpu_ms() - t0;
    if (found != lookups)
      std::printf("find_op_missed=%llu\n", (unsigned long long)(lookups - found));
    return ms * 1e6 / static_cast<double>(lookups);
  };
  Model small;
  while (small.ops().size() < 1000) {
    batch.clear();
    stream.next(batch);
    small.apply(batch);
  }
  std::printf("find_op_ns_1k_ops=%.1f\nfind_op_ns_%zuk_ops=%.1f\n", find_ns(small),
              model.ops().size() / 1000, find_ns(model));
}

}  // namespace

int main(int argc, char** argv) {
  const bool quick = argc > 1 && std::string_view(argv[1]) == "--quick";
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.ConfigFlags |= ImGuiConfigFlags_DockingEnable;  // as the app: the panels are docked
  io.DisplaySize = ImVec2(1920, 1080);
  // As the app's renderer: glyphs made on demand into a one-channel atlas. The texture requests
  // are answered in memory (no GPU): the atlas's pixels are ImGui's work, counted in the frame.
  io.BackendFlags |= ImGuiBackendFlags_RendererHasTextures;
  io.Fonts->TexDesiredFormat = ImTextureFormat_Alpha8;
  g_fonts = iolab::views::load_fonts(*io.Fonts, 24.0f);
  iolab::views::apply_style(24.0f, 1.0f);

  const int frames = quick ? 15 : 41;
  const Figures small = run(Stream(), 1'000, frames);
  std::printf("frame_cpu_ms_1k=%.3f\n", small.frame_ms);
  const Figures big = run(Stream(), 1'000'000, frames);
  std::printf("frame_cpu_ms_1m=%.3f\n", big.frame_ms);
  // 500 sessions, each sending 100 messages a second (50,000 a second, 300,000 transitions):
  // a second of it stored, then a 60 Hz frame's worth (833 messages) fed before each frame,
  // the timeline following live. The same again with 2 sessions, the lecture's size.
  for (const uint32_t sessions : {500u, 2u}) {
    const double per_second = 100.0 * 500;
    const auto per_frame = static_cast<size_t>(per_second / 60 * 6);
    const Figures many =
        run(SessionStream(sessions, per_second), 300'000, frames, per_frame, /*fit=*/false);
    std::printf("frame_cpu_ms_%u_sessions=%.3f\nframe_vertices_%u_sessions=%d\n", sessions,
                many.frame_ms, sessions, many.vertices);
  }
  std::printf("bytes_per_transition=%.1f\n", big.bytes_per_transition);
  std::printf("bytes_per_transition_1k=%.1f\n", small.bytes_per_transition);
  std::printf("cap_drop_ms_1m=%.1f\n", big.cap_drop_ms);
  std::printf("frame_vertices_1k=%d\nframe_vertices_1m=%d\n", small.vertices, big.vertices);
  growth(quick);
  ImGui::DestroyContext();
  return 0;
}
