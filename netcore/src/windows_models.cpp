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

Recorder::Recorder(size_t capacity, size_t session_cap, uint32_t sessions)
    : capacity_(capacity), session_cap_(session_cap), queued_(sessions + 1u, 0) {}

bool Recorder::add(Transition t) {
  t.thread = io::thread_id();
  bool first = false;
  {
    std::lock_guard lock(mutex_);
    const bool counted = t.session > 0 && t.session < queued_.size();
    if (transitions_.size() >= capacity_ || (counted && queued_[t.session] >= session_cap_)) {
      ++dropped_;
      return false;
    }
    if (counted) ++queued_[t.session];
    t.seq = next_seq_++;
    t.t_ns = static_cast<uint64_t>(
        duration_cast<nanoseconds>(steady_clock::now().time_since_epoch()).count());
    first = transitions_.empty();
    transitions_.push_back(t);
  }
  if (first) ready_.notify_all();  // once per drain, not per transition
  return true;
}

std::vector<Transition> Recorder::take() {
  std::vector<Transition> out;
  drain(out);
  return out;
}

size_t Recorder::drain(std::vector<Transition>& out) {
  std::lock_guard lock(mutex_);
  const size_t n = transitions_.size();
  if (out.empty())
    out.swap(transitions_);
  else
    out.insert(out.end(), transitions_.begin(), transitions_.end());
  transitions_.clear();
  std::fill(queued_.begin(), queued_.end(), 0u);
  return n;
}

bool Recorder::wait(milliseconds timeout) {
  std::unique_lock lock(mutex_);
  ready_.wait_for(lock, timeout, [&] { return !transitions_.empty() || notified_; });
  notified_ = false;
  return !transitions_.empty();
}

void Recorder::notify() {
  {
    std::lock_guard lock(mutex_);
    notified_ = true;
  }
  ready_.notify_all();
}

size_t Recorder::queued(uint32_t session) const {
  std::lock_guard lock(mutex_);
  return session < queued_.size() ? queued_[session] : 0;
}

uint64_t Recorder::dropped() const {
  std::lock_guard lock(mutex_);
  return dropped_;
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
    io::close_socket(pair.receiver);
    io::close_socket(pair.sender);
  }
  backend::cleanup();
  return run;
}

}  // namespace netcore
