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

void Recorder::add(Transition t) {
  t.thread = io::thread_id();
  const bool server_side = t.session != kClientSession;
  const uint64_t cpu = server_side ? io::thread_cpu_ns() : 0;
  std::lock_guard lock(mutex_);
  if (server_side) {
    auto it = std::find_if(cpu_.begin(), cpu_.end(),
                           [&](const ThreadCpu& c) { return c.thread == t.thread; });
    if (it == cpu_.end())
      cpu_.push_back({t.thread, cpu, cpu});
    else
      it->last = cpu;
  }
  t.seq = next_seq_++;
  t.t_ns = static_cast<uint64_t>(
      duration_cast<nanoseconds>(steady_clock::now().time_since_epoch()).count());
  transitions_.push_back(t);
}

uint64_t Recorder::cpu_ns() const {
  std::lock_guard lock(mutex_);
  uint64_t sum = 0;
  for (const ThreadCpu& c : cpu_) sum += c.last - c.first;
  return sum;
}

std::vector<Transition> Recorder::take() {
  std::lock_guard lock(mutex_);
  return std::move(transitions_);
}

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

void WorkerHandOff::entering_wait(Recorder& recorder) {
  recorder.add(server(Api::GetQueuedCompletionStatus, Kind::blocked, 0, 0, 0,
                      Api::GetQueuedCompletionStatus));
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
    run.cpu_ns = recorder.cpu_ns();
    io::close_socket(pair.receiver);
    io::close_socket(pair.sender);
  }
  backend::cleanup();
  return run;
}

}  // namespace netcore
