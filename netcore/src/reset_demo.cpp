// The manual-reset event left signaled (reset_demo.hpp), on the backend's own verbs: the same
// calls as the engine, without its loop, which always resets after a fetch.
#include "netcore/reset_demo.hpp"

#include <algorithm>
#include <chrono>
#include <cstring>

#include "backend.hpp"

namespace netcore {
namespace {

namespace be = backend;

constexpr uint32_t kOpA = 1, kOpB = 2, kOpSend = 3;
constexpr uint32_t kSize = 100;

// One socket pair and the ops' OVERLAPPEDs; everything is released on every path.
struct Lab {
  be::Socket listener = be::kInvalidSocket, server = be::kInvalidSocket,
             client = be::kInvalidSocket;
  be::Waker* waker = nullptr;
  be::Overlapped* ov[4] = {};  // indexed by op id
  char buf[4][kSize] = {};
  be::Buffers buffers[4];
  ResetDemo& out;
  uint64_t seq = 0;
  bool b_ended = true;  // false: a receive still owns buf[kOpB] and its OVERLAPPED

  explicit Lab(ResetDemo& o) : out(o) {}
  ~Lab() {
    for (be::Socket s : {client, server, listener}) be::close_socket(s);
    for (be::Overlapped* o : ov) be::destroy_overlapped(o);
    be::destroy_waker(waker);
  }

  void emit(uint32_t session, uint32_t op, Api api, Api op_api, Kind kind, int32_t result = 0,
            int32_t error = 0, uint32_t bytes = 0) {
    Transition t;
    t.seq = seq++;
    t.t_ns = uint64_t(std::chrono::duration_cast<std::chrono::nanoseconds>(
                          std::chrono::steady_clock::now().time_since_epoch())
                          .count());
    t.thread = 1;
    t.session = session;
    t.op = op;
    t.api = api;
    t.op_api = op_api;
    t.kind = kind;
    t.result = result;
    t.error = error;
    t.bytes = bytes;
    if (op && ov[op]) {
      be::show_snapshot(t, be::snapshot(ov[op]));
      t.wsabuf_count = 1;
      t.wsabuf_len[0] = kSize;
    }
    out.transitions.push_back(t);
  }

  void note(const char* text) {  // on the last transition, as the engine notes its wake-ups
    Transition& t = out.transitions.back();
    const size_t n = std::min(std::strlen(text), size_t(kDataCapacity));
    std::memcpy(t.data, text, n);
    t.data_len = uint8_t(n);
  }

  bool fail(const std::string& what, int32_t error = 0) {
    out.error = what + (error ? " (error " + std::to_string(error) + ")" : "");
    return false;
  }

  bool open() {
    int32_t error = 0;
    listener = be::listen_tcp("127.0.0.1", 0, error);
    if (listener == be::kInvalidSocket) return fail("cannot listen on 127.0.0.1", error);
    client = be::connect_tcp("127.0.0.1", be::local_port(listener), error);
    if (client == be::kInvalidSocket) return fail("cannot connect", error);
    waker = be::create_waker();
    server = be::accept_wait(listener, waker, error);
    if (server == be::kInvalidSocket) return fail("cannot accept", error);
    for (uint32_t op : {kOpA, kOpB, kOpSend}) {
      ov[op] = be::create_overlapped(error);
      if (!ov[op]) return fail("WSACreateEvent failed", error);
      buffers[op].buf[0] = buf[op];
      buffers[op].len[0] = kSize;
      buffers[op].count = 1;
    }
    return true;
  }

  // Both receives pending, their two events in one wait.
  int wait(int timeout_ms) {
    be::Overlapped* const events[2] = {ov[kOpA], ov[kOpB]};
    int32_t error = 0;
    emit(kNoSession, 0, Api::WSAWaitForMultipleEvents, Api::none, Kind::blocked, 2);
    const int i = be::wait_any(events, 2, waker, timeout_ms, error);
    emit(kNoSession, 0, Api::WSAWaitForMultipleEvents, Api::none, Kind::unblocked, i,
         i == -2 ? error : 0);
    note(i == 0    ? "index 0: op 1's event is signaled"
         : i == 1  ? "index 1: op 2's event"
         : i == -1 ? "WSA_WAIT_TIMEOUT: it slept 50 ms"
                   : "failed");
    return i;
  }

  bool run(int waits) {
    if (!open()) return false;
    for (uint32_t op : {kOpA, kOpB}) {
      emit(kServerSession, op, Api::WSARecv, Api::WSARecv, Kind::posted, 0, 0, kSize);
      const be::PostResult r = be::post_recv(server, ov[op], buffers[op]);
      if (r.status != be::Status::pending) return fail("a WSARecv with no data did not pend");
      emit(kServerSession, op, Api::WSARecv, Api::WSARecv, Kind::pending, r.ret, r.error);
    }
    std::memcpy(buf[kOpSend], "Hello World", 11);
    emit(kClientSession, kOpSend, Api::WSASend, Api::WSASend, Kind::posted, 0, 0, kSize);
    const be::PostResult sent = be::post_send(client, ov[kOpSend], buffers[kOpSend]);
    if (sent.status == be::Status::failed) return fail("WSASend failed", sent.error);
    // Reported once it is done either way: only the receives' events are in the wait.
    if (sent.status == be::Status::immediate) be::consume_signal(ov[kOpSend]);
    emit(kClientSession, kOpSend, Api::WSASend, Api::WSASend,
         sent.status == be::Status::immediate ? Kind::completed_immediately : Kind::pending,
         sent.ret, sent.error, sent.bytes);

    // 3: the first receive (posted first) takes the data and signals its event.
    if (wait(5000) != 0) return fail("the first WSARecv's event was not signaled");
    emit(kServerSession, kOpA, Api::WSAWaitForMultipleEvents, Api::WSARecv, Kind::signaled, 0);
    // 4: its result, with the event left signaled (no WSAResetEvent, no new WSARecv on it).
    const be::FetchResult got = be::fetch_result(server, ov[kOpA], /*reset=*/false);
    if (!got.ok) return fail("WSAGetOverlappedResult failed", got.error);
    emit(kServerSession, kOpA, Api::WSAGetOverlappedResult, Api::WSARecv, Kind::result_fetched,
         got.ret, 0, got.bytes);

    // Nobody resets it: each wait (1 s allowed) returns index 0 at once, the thread spins.
    for (int i = 0; i < waits; ++i) {
      ++out.waits;
      if (wait(1000) == 0) ++out.returned_at_once;
    }
    // WSAResetEvent: now the wait sleeps for its whole timeout (the second receive still pends).
    be::consume_signal(ov[kOpA]);
    out.slept_after_reset = wait(50) == -1;

    // The second receive ends with the socket (aborted); its buffer is ours again after that.
    be::before_close(server, ov[kOpB]);
    be::close_socket(server);
    server = be::kInvalidSocket;
    be::Overlapped* const last[1] = {ov[kOpB]};
    int32_t error = 0;
    if (be::wait_any(last, 1, waker, 3000, error) != 0) {
      b_ended = false;  // the kernel may still write its buffer: never freed (see below)
      return fail("the second WSARecv did not end after closesocket");
    }
    const be::FetchResult b = be::fetch_result(be::kInvalidSocket, ov[kOpB]);
    emit(kServerSession, kOpB, Api::WSAGetOverlappedResult, Api::WSARecv, Kind::failed, b.ret,
         b.error, b.bytes);
    return true;
  }
};

}  // namespace

ResetDemo run_reset_demo(int waits) {
  ResetDemo out;
  out.backend = be::id();
  std::string error;
  if (!be::startup(error)) {
    out.error = error;
    return out;
  }
  auto* lab = new Lab(out);
  lab->run(waits);
  if (lab->b_ended) {  // else leaked on purpose, as the engine does: never freed under the kernel
    delete lab;
    be::cleanup();
  }
  return out;
}

}  // namespace netcore
