// The four I/O models, portable part: threads, timing, summaries, transitions. The socket calls
// of the synchronous and select cells are in models_io (one file per platform); the overlapped
// cell calls the backend's verbs (backend.hpp), as the engine does.
#include "netcore/models.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <thread>
#include <type_traits>

#include "backend.hpp"
#include "models_io.hpp"

namespace netcore {
namespace io = models_io;
namespace be = backend;
using namespace std::chrono;
// The pair's sockets (models_io) go to the backend's verbs as they are.
static_assert(std::is_same_v<io::Socket, be::Socket>);

namespace {

using io::kRecvOp;
using io::kSendOp;
constexpr char kMessage[] = "Hello World";  // padded with zeros to 100 bytes, as in the lecture

uint64_t now_ns() {
  return static_cast<uint64_t>(
      duration_cast<nanoseconds>(steady_clock::now().time_since_epoch()).count());
}

uint64_t ms_to_ns(milliseconds ms) {
  return static_cast<uint64_t>(ms.count()) * 1'000'000ull;
}

// FNV-1a over a buffer: a small piece of real computing the overlapped thread does while its
// receive is pending.
uint64_t fnv1a(const uint8_t* data, size_t len, uint64_t hash) {
  for (size_t i = 0; i < len; ++i) hash = (hash ^ data[i]) * 0x100000001b3ull;
  return hash;
}

void copy_data(Transition& t, const char* data, uint32_t len) {
  t.data_len = static_cast<uint8_t>(std::min<uint32_t>(len, kDataCapacity));
  std::memcpy(t.data, data, t.data_len);
}

}  // namespace

// One model's run: its socket pair, its two threads (receiver and peer) and what they recorded.
struct ModelRunner::Run {
  Model model = Model::blocking_sync;
  ModelOptions options;
  io::Pair pair;              // set before the threads start, closed after they are joined
  bool socket_layer = false;  // holds a WSAStartup reference while it has sockets
  std::thread receiver, peer;
  std::atomic<bool> stop_requested{false};  // read by the spinning loops without the lock

  mutable std::mutex mutex;  // guards everything below
  std::condition_variable changed;
  bool receiver_done = false;
  bool receiver_waiting = false;  // it has said it waits (blocked, would_block, pending)
  int active_threads = 0;
  uint64_t next_seq = 1;
  size_t drained = 0;
  ModelRun record;

  // Stamps seq and t_ns under the lock, so seq order is time order across both threads.
  void add(Transition t, const Summary* summary = nullptr) {
    std::lock_guard lock(mutex);
    t.seq = next_seq++;
    t.t_ns = now_ns();
    record.transitions.push_back(t);
    if (summary) record.summary = *summary;
    const bool waits =
        t.kind == Kind::blocked || t.kind == Kind::would_block || t.kind == Kind::pending;
    if (t.session == kServerSession && waits && !receiver_waiting) {
      receiver_waiting = true;  // the peer's latch (run_peer)
      changed.notify_all();
    }
  }

  void thread_finished(bool is_receiver, const std::string& error = {}) {
    std::lock_guard lock(mutex);
    if (is_receiver) receiver_done = true;
    if (!error.empty() && record.error.empty()) record.error = error;
    if (--active_threads == 0) record.finished = true;
    changed.notify_all();
  }

  void join() {
    if (receiver.joinable()) receiver.join();
    if (peer.joinable()) peer.join();
    io::close_socket(pair.receiver);
    io::close_socket(pair.sender);
    pair = {};
    if (socket_layer) be::cleanup();
    socket_layer = false;
  }

  void run_peer();
  void run_receiver();
};

namespace {

// What a receiver thread knows while it runs; turns calls' answers into transitions.
class Receiver {
 public:
  Receiver(ModelRunner::Run& run, Api op_api)
      : run_(run),
        op_api_(op_api),
        thread_(io::thread_id()),
        begin_ns_(now_ns()),
        cpu0_(io::thread_cpu_ns()) {}

  Transition make(Api api, Kind kind, int32_t result = 0, int32_t error = 0,
                  uint32_t bytes = 0) const {
    Transition t = io::server_transition(op_api_, api, kind, result, error, bytes);
    t.thread = thread_;
    return t;
  }

  void add(Transition t) {
    refresh();
    run_.add(t, &summary_);
  }

  void refresh() {
    summary_.wait_ns = now_ns() - begin_ns_;
    summary_.cpu_ns = io::thread_cpu_ns() - cpu0_;
  }

  // The data arrived: the summary's span ends here.
  void received(Transition t, const char* data, uint32_t bytes) {
    t.bytes = bytes;
    copy_data(t, data, bytes);
    summary_.bytes += bytes;
    add(t);
  }

  void attempt() { ++summary_.attempts; }
  void work_done() { ++summary_.work_units; }
  bool complete() const { return summary_.bytes >= kModelBytes; }
  uint32_t missing() const { return kModelBytes - summary_.bytes; }

  // Remaining wait allowed by the options: delay + timeout from the shared start.
  uint32_t remaining_ms() const {
    uint64_t deadline = run_.record.start_ns + ms_to_ns(run_.options.delay + run_.options.timeout);
    uint64_t now = now_ns();
    return now >= deadline ? 0 : static_cast<uint32_t>((deadline - now) / 1'000'000 + 1);
  }

  std::string error;  // set by a model that failed; empty when all 100 bytes arrived

  void fail(Transition t, const std::string& why) {
    add(t);
    error = why;
  }

  // A receive that ended with 0 bytes. Stopped, the peer shuts its side down to wake us.
  std::string closed_reason() const {
    return run_.stop_requested ? "stopped before the data arrived"
                               : "the peer closed the connection before sending";
  }

  std::string explain(const char* call, const io::CallResult& r) const {
    if (r.ret == 0) return closed_reason();
    if (run_.stop_requested) return "stopped before the data arrived";
    if (io::is_timeout(r.error))
      return std::string("no data within ") + std::to_string(run_.options.timeout.count()) +
             " ms after the peer's delay (" + call + " timed out)";
    return std::string(call) + " failed: " + io::describe_error(r.error);
  }

 private:
  ModelRunner::Run& run_;
  Api op_api_;  // what the receive operation is: recv or WSARecv
  uint32_t thread_;
  uint64_t begin_ns_, cpu0_;
  Summary summary_;
};

// A received chunk, a closed connection or an error, as the transition that ends the wait.
void finish_recv(Receiver& rx, Transition t, const io::CallResult& r, const char* buffer,
                 const char* call) {
  if (r.ret > 0) {
    rx.received(t, buffer, static_cast<uint32_t>(r.ret));
  } else if (r.ret == 0) {
    t.kind = Kind::peer_closed;
    rx.fail(t, rx.explain(call, r));
  } else {
    t.kind = Kind::failed;
    rx.fail(t, rx.explain(call, r));
  }
}

// blocking + sync: the thread sleeps inside recv until the bytes are there.
void blocking_sync(ModelRunner::Run& run, Receiver& rx) {
  char buffer[kModelBytes] = {};
  int32_t error = 0;
  if (!io::set_receive_timeout(run.pair.receiver, rx.remaining_ms(), error)) {
    rx.fail(rx.make(Api::setsockopt, Kind::failed, -1, error),
            "setsockopt(SO_RCVTIMEO) failed: " + io::describe_error(error));
    return;
  }
  while (!rx.complete() && rx.error.empty()) {
    rx.attempt();
    rx.add(rx.make(Api::recv, Kind::blocked, 0, 0, rx.missing()));
    io::CallResult r = io::recv_bytes(run.pair.receiver, buffer, rx.missing());
    Transition woke = rx.make(Api::recv, Kind::unblocked, r.ret, r.error,
                              r.ret > 0 ? static_cast<uint32_t>(r.ret) : 0);
    if (r.ret > 0) {
      rx.received(woke, buffer, static_cast<uint32_t>(r.ret));
    } else {
      rx.add(woke);  // it woke up, but without data
      finish_recv(rx, rx.make(Api::recv, Kind::failed, r.ret, r.error), r, buffer, "recv");
    }
  }
}

// non-blocking + sync: recv returns at once; WSAEWOULDBLOCK means "try again", so the thread
// spins, burning CPU, until the bytes are there.
void nonblocking_sync(ModelRunner::Run& run, Receiver& rx) {
  char buffer[kModelBytes] = {};
  io::CallResult set = io::set_nonblocking(run.pair.receiver);
  rx.add(rx.make(Api::ioctlsocket, set.ret == 0 ? Kind::option_set : Kind::failed, set.ret,
                 set.error));
  if (set.ret != 0) {
    rx.error = "ioctlsocket(FIONBIO) failed: " + io::describe_error(set.error);
    return;
  }
  const auto spin = duration_cast<nanoseconds>(run.options.retry_spin);
  while (!rx.complete() && rx.error.empty()) {
    rx.attempt();
    io::CallResult r = io::recv_bytes(run.pair.receiver, buffer, rx.missing());
    if (r.ret > 0 || !io::is_would_block(r.error)) {
      finish_recv(rx, rx.make(Api::recv, Kind::completed_immediately, r.ret, r.error), r, buffer,
                  "recv");
      continue;
    }
    rx.add(rx.make(Api::recv, Kind::would_block, r.ret, r.error));
    if (run.stop_requested) {
      rx.error = "stopped before the data arrived";
    } else if (rx.remaining_ms() == 0) {
      rx.fail(rx.make(Api::recv, Kind::failed, r.ret, r.error),
              "no data within " + std::to_string(run.options.timeout.count()) +
                  " ms after the peer's delay (recv kept answering WSAEWOULDBLOCK)");
    }
    // Spin, not sleep: this is the CPU the model costs.
    const auto until = steady_clock::now() + spin;
    while (steady_clock::now() < until && !run.stop_requested) {
    }
  }
}

// blocking + async: sleep in select until the socket is readable, then a recv that completes at
// once.
void blocking_async(ModelRunner::Run& run, Receiver& rx) {
  char buffer[kModelBytes] = {};
  while (!rx.complete() && rx.error.empty()) {
    rx.attempt();
    rx.add(rx.make(Api::select, Kind::blocked));
    io::CallResult ready = io::select_readable(run.pair.receiver, rx.remaining_ms());
    if (ready.ret <= 0) {
      rx.add(rx.make(Api::select, Kind::unblocked, ready.ret, ready.error));
      std::string why = ready.ret == 0
                            ? "no data within " + std::to_string(run.options.timeout.count()) +
                                  " ms after the peer's delay (select timed out)"
                            : "select failed: " + io::describe_error(ready.error);
      rx.fail(rx.make(Api::select, Kind::failed, ready.ret, ready.error), why);
      return;
    }
    rx.add(rx.make(Api::select, Kind::ready, ready.ret, ready.error));
    io::CallResult r = io::recv_bytes(run.pair.receiver, buffer, rx.missing());
    finish_recv(rx, rx.make(Api::recv, Kind::completed_immediately, r.ret, r.error), r, buffer,
                "recv");
  }
}

// The OVERLAPPED as the inspector shows it, read by the backend's own snapshot (the engine's
// transitions carry the same fields).
void with_fields(Transition& t, be::Overlapped* ov) {
  be::show_snapshot(t, be::snapshot(ov));
  t.wsabuf_count = 1;
}

// WSAWaitForMultipleEvents(1, &hEvent, ..., timeout_ms, FALSE) through the backend's wait_any,
// whose list always ends with a waker: this cell's waker is never fired, so only the receive's
// event or the timeout can end the wait. `ret` is what Winsock would return.
struct EventWait {
  bool signaled = false;
  int32_t ret = 0;  // WSA_WAIT_EVENT_0 (0), WSA_WAIT_TIMEOUT (258) or WSA_WAIT_FAILED (-1)
  int32_t error = 0;
};
EventWait wait_event(be::Overlapped* ov, be::Waker* waker, int timeout_ms) {
  int32_t error = 0;
  const int i = be::wait_any(&ov, 1, waker, timeout_ms, error);
  if (i == 0) return {true, 0, 0};
  if (i == -1) return {false, kWsaWaitTimeout, 0};
  return {false, kSocketError, i == -2 ? error : 0};  // i == 1: the waker, which nobody fires
}

// Never free the buffer or the OVERLAPPED under a pending receive (LECTURE.md §6): CancelIoEx,
// then wait (at most timeout_ms) until the receive has completed and fetch it. False when it did
// not complete in time.
bool cancel_and_wait(be::Socket s, be::Overlapped* ov, be::Waker* waker, int timeout_ms) {
  int32_t error = 0;
  // Windows answers ERROR_NOT_FOUND when it completed meanwhile: its event is signaled anyway.
  be::cancel(s, ov, error);
  const auto deadline = steady_clock::now() + milliseconds(timeout_ms);
  for (;;) {
    const auto left = duration_cast<milliseconds>(deadline - steady_clock::now()).count();
    if (left < 0 || !wait_event(ov, waker, static_cast<int>(left)).signaled) return false;
    // io_uring: the cancel request's own CQE signals the eventfd too; the receive may still be
    // on its way (WSA_IO_INCOMPLETE), so wait again.
    if (be::fetch_result(s, ov).error != be::kWsaIoIncomplete) return true;
  }
}

// The cell's OVERLAPPED with its event, the receive's buffer and the waker its waits need, made
// and freed together. The buffer is on the heap, not the thread's stack, so that a receive that
// could not be cancelled can keep it after the thread has ended.
struct OverlappedSlot {
  be::Overlapped* ov = nullptr;
  char* buffer = nullptr;  // must not move or change while the receive is pending
  be::Waker* waker = nullptr;
  int32_t error = 0;  // when creating the OVERLAPPED failed

  OverlappedSlot() {
    ov = be::create_overlapped(error);
    buffer = new char[kModelBytes]();
    waker = be::create_waker();
  }
  ~OverlappedSlot() {
    be::destroy_overlapped(ov);
    delete[] buffer;
    be::destroy_waker(waker);
  }
  OverlappedSlot(const OverlappedSlot&) = delete;
  OverlappedSlot& operator=(const OverlappedSlot&) = delete;
  // The kernel may still own the OVERLAPPED and the buffer: keep (leak) them rather than let it
  // write into freed memory.
  void abandon() {
    ov = nullptr;
    buffer = nullptr;
  }
};

// non-blocking + async: WSARecv returns at once (pending); the thread does other work, checking
// the event without waiting, and fetches the result once it is signaled. Every call is the
// backend's verb (backend.hpp), the very ones the engine uses.
void nonblocking_async(ModelRunner::Run& run, Receiver& rx) {
  OverlappedSlot slot;
  if (!slot.ov || !slot.waker) {
    rx.fail(rx.make(Api::WSARecv, Kind::failed, -1, slot.error),
            "cannot create the WSAOVERLAPPED and its event" +
                (slot.error ? ": " + io::describe_error(slot.error) : std::string()));
    return;
  }
  be::Overlapped* ov = slot.ov;
  const be::Socket s = run.pair.receiver;
  char* const buffer = slot.buffer;
  bool in_flight = false;  // posted and not fetched: the kernel owns ov and buffer
  std::vector<uint8_t> work(16 * 1024);
  for (size_t i = 0; i < work.size(); ++i) work[i] = static_cast<uint8_t>(i * 131);
  uint64_t hash = 0xcbf29ce484222325ull;
  const auto unit = duration_cast<nanoseconds>(run.options.work_unit);

  while (!rx.complete() && rx.error.empty()) {
    Transition posted = rx.make(Api::WSARecv, Kind::posted, 0, 0, rx.missing());
    posted.wsabuf_len[0] = rx.missing();
    with_fields(posted, ov);
    rx.add(posted);
    be::Buffers buffers;
    buffers.buf[0] = buffer;
    buffers.len[0] = rx.missing();
    buffers.count = 1;
    be::PostResult post = be::post_recv(s, ov, buffers);
    if (post.status == be::Status::failed) {
      rx.fail(rx.make(Api::WSARecv, Kind::failed, post.ret, post.error),
              "WSARecv failed: " + io::describe_error(post.error));
      break;
    }
    if (post.status == be::Status::immediate) {  // the data was already there: path 1 -> 2
      // Windows signals the event for an immediate completion too: consume it, so the next
      // wait does not report this receive a second time. The transition shows what that read
      // found, as the engine's does.
      const bool was_signaled = be::consume_signal(ov);
      Transition done = rx.make(Api::WSARecv, Kind::completed_immediately, post.ret, 0, post.bytes);
      with_fields(done, ov);
      done.event_signaled = was_signaled ? 1 : 0;
      if (post.bytes == 0) {
        done.kind = Kind::peer_closed;
        rx.fail(done, rx.closed_reason());
      } else {
        rx.received(done, buffer, post.bytes);
      }
      continue;
    }
    in_flight = true;
    Transition p = rx.make(Api::WSARecv, Kind::pending, post.ret, post.error);
    with_fields(p, ov);
    rx.add(p);

    // The thread is free: units of other work, with a non-blocking look at the event between.
    for (;;) {
      rx.attempt();
      EventWait w = wait_event(ov, slot.waker, 0);
      if (w.signaled) {
        Transition signaled = rx.make(Api::WSAWaitForMultipleEvents, Kind::signaled, w.ret);
        with_fields(signaled, ov);
        rx.add(signaled);
        break;
      }
      if (w.ret != kWsaWaitTimeout) {
        rx.fail(rx.make(Api::WSAWaitForMultipleEvents, Kind::failed, w.ret, w.error),
                "WSAWaitForMultipleEvents failed: " + io::describe_error(w.error));
        break;
      }
      if (run.stop_requested) {
        rx.error = "stopped before the data arrived";
        break;
      }
      if (rx.remaining_ms() == 0) {
        rx.fail(rx.make(Api::WSAWaitForMultipleEvents, Kind::failed, w.ret),
                "no data within " + std::to_string(run.options.timeout.count()) +
                    " ms after the peer's delay (the event was never signaled)");
        break;
      }
      const auto until = steady_clock::now() + unit;
      uint64_t hashed = 0;
      while (steady_clock::now() < until && !run.stop_requested) {
        hash = fnv1a(work.data(), work.size(), hash);
        hashed += work.size();
      }
      rx.work_done();
      Transition t = rx.make(Api::none, Kind::work, 0, 0, static_cast<uint32_t>(hashed));
      t.op = 0;  // the thread's own work, not an operation
      t.op_api = Api::none;
      char line[kDataCapacity];
      int len = std::snprintf(line, sizeof line, "FNV-1a %08x", static_cast<unsigned>(hash));
      copy_data(t, line, static_cast<uint32_t>(std::max(len, 0)));
      rx.add(t);
    }
    if (!rx.error.empty()) break;

    be::FetchResult f = be::fetch_result(s, ov);
    if (f.error != be::kWsaIoIncomplete) in_flight = false;
    Transition fetched =
        rx.make(Api::WSAGetOverlappedResult, f.ok ? Kind::result_fetched : Kind::failed, f.ret,
                f.error, f.bytes);
    with_fields(fetched, ov);
    if (!f.ok) {
      rx.fail(fetched, "WSAGetOverlappedResult failed: " + io::describe_error(f.error));
    } else if (f.bytes == 0) {
      fetched.kind = Kind::peer_closed;
      rx.fail(fetched, rx.closed_reason());
    } else {
      rx.received(fetched, buffer, f.bytes);
    }
  }

  if (in_flight && !cancel_and_wait(s, ov, slot.waker, 2000)) {
    if (rx.error.empty()) rx.error = "the pending receive could not be cancelled";
    slot.abandon();
  }
}

}  // namespace

void ModelRunner::Run::run_receiver() {
  Receiver rx(*this, model == Model::nonblocking_async ? Api::WSARecv : Api::recv);
  switch (model) {
    case Model::blocking_sync:
      blocking_sync(*this, rx);
      break;
    case Model::nonblocking_sync:
      nonblocking_sync(*this, rx);
      break;
    case Model::blocking_async:
      blocking_async(*this, rx);
      break;
    case Model::nonblocking_async:
      nonblocking_async(*this, rx);
      break;
  }
  thread_finished(true, rx.error);
}

// The peer: waits until the receiver has said it waits, then sleeps (on a condition, so a stop
// is prompt) until start + delay, then sends the 100 bytes. Told to stop first, it shuts its side
// down instead, which wakes any receiver. The latch makes "the receiver was waiting when the data
// came" hold on a loaded machine too, where a receiver thread may start later than the delay.
void ModelRunner::Run::run_peer() {
  const uint32_t thread = io::thread_id();
  const steady_clock::time_point send_at{nanoseconds(record.start_ns + ms_to_ns(options.delay))};
  bool send = false;
  {
    std::unique_lock lock(mutex);
    const auto ended = [&] { return stop_requested.load() || receiver_done; };
    changed.wait(lock, [&] { return receiver_waiting || ended(); });
    send = !changed.wait_until(lock, send_at, ended);
  }
  std::string error;
  Transition t;
  t.thread = thread;
  t.session = kClientSession;
  t.op = kSendOp;
  t.op_api = Api::send;
  if (!send) {
    io::shutdown_send(pair.sender);  // wakes a receiver asleep in recv or select
  } else if (options.peer == PeerAction::close) {
    io::CallResult r = io::shutdown_send(pair.sender);
    t.api = Api::shutdown;
    t.kind = Kind::closed;
    t.result = r.ret;
    t.error = r.error;
    add(t);
  } else if (options.peer == PeerAction::reset) {
    io::CallResult r = io::reset(pair.sender);
    pair.sender = io::kInvalidSocket;  // closed: join() must not close it again
    t.api = Api::closesocket;
    t.kind = Kind::closed;
    t.result = r.ret;
    t.error = r.error;
    add(t);
  } else {
    char message[kModelBytes] = {};
    std::memcpy(message, kMessage, sizeof kMessage);
    t.api = Api::send;
    t.bytes = kModelBytes;
    t.wsabuf_count = 1;
    t.wsabuf_len[0] = kModelBytes;
    copy_data(t, message, kModelBytes);
    // Recorded before the call too: the receiver may wake and record before send returns.
    t.kind = Kind::posted;
    add(t);
    io::CallResult r = io::send_bytes(pair.sender, message, kModelBytes);
    t.kind =
        r.ret == static_cast<int32_t>(kModelBytes) ? Kind::completed_immediately : Kind::failed;
    t.result = r.ret;
    t.error = r.error;
    t.bytes = r.ret > 0 ? static_cast<uint32_t>(r.ret) : 0;
    add(t);
    if (t.kind == Kind::failed) error = "the peer's send failed: " + io::describe_error(r.error);
  }
  thread_finished(false, error);
}

ModelRunner::ModelRunner(ModelOptions options) : options_(options) {
  for (int i = 0; i < kModelCount; ++i) {
    runs_[i] = std::make_unique<Run>();
    runs_[i]->model = kAllModels[i];
    runs_[i]->record.model = kAllModels[i];
  }
}

ModelRunner::~ModelRunner() {
  stop();
}

Backend ModelRunner::backend() const {
  return be::id();
}

namespace {

bool prepare(ModelRunner::Run& run, const ModelOptions& options, std::string& error) {
  run.join();  // a finished run's threads
  if (!be::startup(error)) return false;
  run.socket_layer = true;
  if (!io::make_pair(run.pair, error)) {
    error = std::string(model_name(run.model)) + ": " + error;
    run.join();
    return false;
  }
  run.options = options;
  run.stop_requested = false;
  std::lock_guard lock(run.mutex);
  run.receiver_done = false;
  run.receiver_waiting = false;
  run.active_threads = 0;
  run.next_seq = 1;
  run.drained = 0;
  run.record = ModelRun{};
  run.record.model = run.model;
  return true;
}

// The threads of one start wait here until all of them are running; the shared zero is taken
// then, so no model starts late because its thread was created last.
class StartGate {
 public:
  void arrive_and_wait() {
    std::unique_lock lock(mutex_);
    ++arrived_;
    changed_.notify_all();
    changed_.wait(lock, [&] { return open_; });
  }

  // Waits (bounded) for `threads` arrivals, sets every run's start_ns, then lets them all go.
  void open(int threads, const std::vector<ModelRunner::Run*>& runs) {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, seconds(5), [&] { return arrived_ >= threads; });
    const uint64_t start_ns = now_ns();
    for (ModelRunner::Run* run : runs) {
      std::lock_guard run_lock(run->mutex);
      run->record.start_ns = start_ns;
    }
    open_ = true;
    changed_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int arrived_ = 0;
  bool open_ = false;
};

// Starts the run's two threads, which wait at the gate. Returns how many started.
int launch(ModelRunner::Run& run, const std::shared_ptr<StartGate>& gate, std::string& error) {
  {
    std::lock_guard lock(run.mutex);
    run.record.started = true;
    run.active_threads = 2;
  }
  try {
    run.peer = std::thread([&run, gate] {
      gate->arrive_and_wait();
      run.run_peer();
    });
  } catch (const std::system_error& e) {
    error = std::string("cannot start a thread: ") + e.what();
    run.thread_finished(true, error);
    run.thread_finished(false);
    return 0;
  }
  try {
    run.receiver = std::thread([&run, gate] {
      gate->arrive_and_wait();
      run.run_receiver();
    });
  } catch (const std::system_error& e) {
    error = std::string("cannot start a thread: ") + e.what();
    run.stop_requested = true;  // the peer will shut down instead of sending
    run.thread_finished(true, error);
    return 1;
  }
  return 2;
}

}  // namespace

bool ModelRunner::start(Model m, std::string& error) {
  Run& run = *runs_[static_cast<int>(m)];
  {
    std::lock_guard lock(run.mutex);
    if (run.record.started && !run.record.finished) {
      error = std::string(model_name(m)) + " is still running";
      return false;
    }
  }
  if (!prepare(run, options_, error)) return false;
  auto gate = std::make_shared<StartGate>();
  const int threads = launch(run, gate, error);
  gate->open(threads, {&run});
  return threads == 2;
}

bool ModelRunner::start_all(std::string& error) {
  for (auto& run : runs_) {
    std::lock_guard lock(run->mutex);
    if (run->record.started && !run->record.finished) {
      error = std::string(model_name(run->model)) + " is still running";
      return false;
    }
  }
  // Every pair first, so a failure leaves nothing running; then one start time for all four.
  for (auto& run : runs_) {
    if (!prepare(*run, options_, error)) {
      for (auto& r : runs_) r->join();
      return false;
    }
  }
  auto gate = std::make_shared<StartGate>();
  std::vector<Run*> launched;
  int threads = 0;
  for (auto& run : runs_) {
    const int started = launch(*run, gate, error);
    threads += started;
    if (started) launched.push_back(run.get());
    if (started < 2) break;
  }
  gate->open(threads, launched);
  if (threads == 2 * kModelCount) return true;
  stop();
  return false;
}

void ModelRunner::stop() {
  for (auto& run : runs_) {
    run->stop_requested = true;
    std::lock_guard lock(run->mutex);
    run->changed.notify_all();
  }
  for (auto& run : runs_) run->join();
}

size_t ModelRunner::drain(Model m, std::vector<Transition>& out) {
  Run& run = *runs_[static_cast<int>(m)];
  std::lock_guard lock(run.mutex);
  const auto& all = run.record.transitions;
  out.insert(out.end(), all.begin() + static_cast<std::ptrdiff_t>(run.drained), all.end());
  size_t count = all.size() - run.drained;
  run.drained = all.size();
  return count;
}

ModelStatus ModelRunner::status(Model m) const {
  const Run& run = *runs_[static_cast<int>(m)];
  std::lock_guard lock(run.mutex);
  return {run.record.started, run.record.finished, run.record.start_ns, run.record.summary,
          run.record.error};
}

bool ModelRunner::wait(milliseconds timeout) {
  const auto deadline = steady_clock::now() + timeout;
  for (auto& run : runs_) {
    std::unique_lock lock(run->mutex);
    if (!run->changed.wait_until(lock, deadline,
                                 [&] { return !run->record.started || run->record.finished; }))
      return false;
  }
  return true;
}

std::vector<ModelRun> ModelRunner::results() const {
  std::vector<ModelRun> out;
  for (auto& run : runs_) {
    std::lock_guard lock(run->mutex);
    if (run->record.started) out.push_back(run->record);
  }
  return out;
}

std::vector<ModelRun> ModelRunner::run_all() {
  std::string error;
  if (!start_all(error)) {
    std::vector<ModelRun> failed(kModelCount);
    for (int i = 0; i < kModelCount; ++i) {
      failed[i].model = kAllModels[i];
      failed[i].error = error;
    }
    return failed;
  }
  // Every receiver gives up by delay + timeout; the margin covers a last unit of work.
  wait(options_.delay + options_.timeout + options_.work_unit + seconds(2));
  stop();  // joins the threads (and ends any run that has not given up by now)
  return results();
}

}  // namespace netcore
