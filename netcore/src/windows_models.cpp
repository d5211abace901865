// The three Windows I/O models, portable part: names, the recorder, the client thread and the
// run. The calls themselves are in windows_models_io (one file per platform).
#include "netcore/windows_models.hpp"

#include <algorithm>
#include <cstring>

#include "backend.hpp"
#include "windows_models_io.hpp"

namespace netcore {
namespace io = models_io;
using namespace std::chrono;

namespace windows_models_io {

Transition server(Api api, Kind kind, int32_t result, int32_t error, uint32_t bytes, Api op_api) {
  Transition t;
  t.session = kServerSession;
  t.op = kRecvOp;
  t.op_api = op_api;
  t.api = api;
  t.kind = kind;
  t.result = result;
  t.error = error;
  t.bytes = bytes;
  return t;
}

Transition thread_state(Api api, Kind kind, int32_t result) {
  Transition t = server(api, kind, result, 0, 0, api);
  t.op = 0;
  return t;
}

void copy_data(Transition& t, const char* data, uint32_t len) {
  t.data_len = static_cast<uint8_t>(std::min<uint32_t>(len, kDataCapacity));
  std::memcpy(t.data, data, t.data_len);
}

void work_unit(Recorder& recorder, milliseconds length) {
  const auto until = steady_clock::now() + length;
  uint64_t hash = 0xcbf29ce484222325ull, rounds = 0;
  while (steady_clock::now() < until) hash = (hash ^ rounds++) * 0x100000001b3ull;
  Transition t = server(Api::none, Kind::work, 0, 0, static_cast<uint32_t>(rounds));
  t.op = 0;  // the thread's own work, not an operation
  t.op_api = Api::none;
  recorder.add(t);
}

void WorkerHandOff::entering_wait() {
  if (got_packet_ && !told_) {
    told_ = true;
    released_.set_value();
  }
}

void WorkerHandOff::worker_ended() {
  if (!told_) released_.set_value();
  told_ = true;
}

Client::Client(io::Socket s, Recorder& recorder, milliseconds delay)
    : socket_(s), recorder_(recorder), delay_(delay), thread_([this] { run(); }) {}

Client::~Client() {
  {
    std::lock_guard lock(mutex_);
    done_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void Client::send() {
  std::lock_guard lock(mutex_);
  requests_.push_back(true);
  changed_.notify_all();
}

void Client::close() {
  std::lock_guard lock(mutex_);
  requests_.push_back(false);
  changed_.notify_all();
}

std::string Client::error() const {
  std::lock_guard lock(mutex_);
  return error_;
}

void Client::run() {
  size_t next = 0;
  for (;;) {
    bool send = false;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [&] { return done_ || next < requests_.size(); });
      if (next == requests_.size()) return;  // done, and nothing left to do
      send = requests_[next++];
    }
    Transition t;
    t.session = kClientSession;
    t.op = kSendOp;
    if (!send) {
      io::CallResult r = io::shutdown_send(socket_);
      t.api = t.op_api = Api::shutdown;
      t.kind = r.ret == 0 ? Kind::closed : Kind::failed;
      t.result = r.ret;
      t.error = r.error;
      recorder_.add(t);
      continue;
    }
    // The delay lets the server reach its wait first: what each model does while it waits is
    // the point. A slow server still gets the bytes, later.
    std::this_thread::sleep_for(delay_);
    char message[kBytes] = {};
    std::memcpy(message, "Hello World", sizeof "Hello World");
    t.api = t.op_api = Api::send;
    t.kind = Kind::posted;
    t.bytes = kBytes;
    t.wsabuf_count = 1;
    t.wsabuf_len[0] = kBytes;
    copy_data(t, message, kBytes);
    recorder_.add(t);
    io::CallResult r = io::send_bytes(socket_, message, kBytes);
    t.kind = r.ret == static_cast<int32_t>(kBytes) ? Kind::completed_immediately : Kind::failed;
    t.result = r.ret;
    t.error = r.error;
    recorder_.add(t);
    if (t.kind == Kind::failed) {
      std::lock_guard lock(mutex_);
      error_ = "the client's send failed: " + io::describe_error(r.error);
    }
  }
}

// ---- The one-shot runs: the lecture's exchange, each call through the model's class.

std::string event_select(Context& c) {
  EventSelect es(c.recorder);
  if (std::string e = es.select(c.receiver); !e.empty()) return e;
  c.client.send();
  char buffer[kBytes] = {};
  uint32_t received = 0;
  for (;;) {
    std::string error;
    if (es.wait(c.timeout, error) != EventSelect::Woke::event) return error;
    const int32_t events = es.network_events(error);
    if (events < 0) return error;
    if (events & kFdClose) return {};
    if (events & kFdRead) {
      const int32_t n = es.recv(buffer + received, kBytes - received, error);
      if (n < 0) return error;
      received += static_cast<uint32_t>(n);
      if (received == kBytes) c.client.close();  // all 100 bytes: now the FIN, for FD_CLOSE
    }
  }
}

std::string completion_routine(Context& c) {
  Routines routines(c.recorder);  // this thread's: its routines run only here
  if (std::string e = routines.init(); !e.empty()) return e;
  if (std::string e = routines.post(c.receiver, kRecvOp, kBytes); !e.empty()) return e;
  c.client.send();
  // Busy: the thread never waits alertably here, it looks (HasOverlappedIoCompleted).
  const auto deadline = steady_clock::now() + c.timeout;
  while (!routines.look()) {
    if (steady_clock::now() > deadline) {
      routines.before_close(c.receiver);
      return "the receive did not complete within the timeout";
    }
  }
  work_unit(c.recorder, milliseconds(50));  // still busy; the routine still waits
  if (routines.routines_ran()) return "the routine ran before the thread was alertable";
  const int32_t woke = routines.alertable_wait(c.timeout);
  if (!routines.routines_ran() || woke != kWsaWaitIoCompletion)
    return "SleepEx returned without running the routine";
  return {};
}

std::string iocp(Context& c) {
  Port port(c.recorder);
  if (std::string e = port.create(); !e.empty()) return e;
  if (std::string e = port.associate(c.receiver, kServerSession); !e.empty()) return e;
  if (std::string e = port.post_recv(c.receiver, kRecvOp, kBytes); !e.empty()) return e;
  c.client.send();
  WorkerHandOff hand_off;
  std::string worker_error;
  std::thread worker([&] {
    worker_error = port.work(c.timeout, true, &hand_off);
    hand_off.worker_ended();
  });
  hand_off.wait_for_worker();
  if (worker_error.empty()) port.post_wakeup();
  worker.join();
  port.before_close(c.receiver);  // the worker gave up: never leave the kernel our buffer
  return worker_error;
}

}  // namespace windows_models_io

namespace wio = windows_models_io;

const char* windows_model_demo(WindowsModel m) {
  switch (m) {
    case WindowsModel::event_select:
      return "event-select";
    case WindowsModel::completion_routine:
      return "completion-routine";
    case WindowsModel::iocp:
      return "iocp";
  }
  return "?";
}

const char* windows_model_summary(WindowsModel m) {
  switch (m) {
    case WindowsModel::event_select:
      return "WSAEventSelect(FD_READ|FD_CLOSE), WSAWaitForMultipleEvents, WSAEnumNetworkEvents, "
             "recv";
    case WindowsModel::completion_routine:
      return "WSARecv + completion routine: queued while the thread is busy, run in "
             "SleepEx(alertable)";
    case WindowsModel::iocp:
      return "CreateIoCompletionPort with a key, WSARecv, GetQueuedCompletionStatus on a "
             "worker, PostQueuedCompletionStatus";
  }
  return "?";
}

bool windows_model_from_demo(std::string_view name, WindowsModel& out) {
  for (WindowsModel m : kWindowsModels)
    if (name == windows_model_demo(m)) {
      out = m;
      return true;
    }
  return false;
}

WindowsModelRun run_windows_model(WindowsModel m, milliseconds delay, milliseconds timeout) {
  WindowsModelRun run;
  run.model = m;
  run.backend = backend::id();
  if (!backend::startup(run.error)) return run;
  io::Pair pair;
  if (io::make_pair(pair, run.error)) {
    wio::Recorder recorder;
    {
      wio::Client client(pair.sender, recorder, delay);
      wio::Context c{pair.receiver, client, recorder, timeout};
      switch (m) {
        case WindowsModel::event_select:
          run.error = wio::event_select(c);
          break;
        case WindowsModel::completion_routine:
          run.error = wio::completion_routine(c);
          break;
        case WindowsModel::iocp:
          run.error = wio::iocp(c);
          break;
      }
      if (run.error.empty()) run.error = client.error();
    }  // the client has done what it was asked
    run.transitions = recorder.take();
    io::close_socket(pair.receiver);
    io::close_socket(pair.sender);
  }
  backend::cleanup();
  return run;
}

}  // namespace netcore
