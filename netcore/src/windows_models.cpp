// The three Windows I/O models, portable part: names, the recorder, the client thread and the
// run. The calls themselves are in windows_models_io (one file per platform).
#include "netcore/windows_models.hpp"

#include <algorithm>
#include <cstring>
#include <list>

#include "backend.hpp"
#include "windows_models_io.hpp"

namespace netcore {
namespace io = models_io;
using namespace std::chrono;

namespace windows_models_io {

Transition server(Api api, Kind kind, int32_t result, int32_t error, uint32_t bytes, Api op_api) {
  return io::server_transition(op_api, api, kind, result, error, bytes);
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

Transition posted_recv(uint32_t op, uint32_t size) {
  Transition t = server(Api::WSARecv, Kind::posted, 0, 0, size);
  t.op = op;
  t.wsabuf_count = 1;
  t.wsabuf_len[0] = size;
  return t;
}

Transition recv_answer(const io::CallResult& r, uint32_t op) {
  Transition t = server(Api::WSARecv,
                        r.ret == 0 ? Kind::completion_queued
                                   : (r.error == kWsaIoPending ? Kind::pending : Kind::failed),
                        r.ret, r.error);
  t.op = op;
  return t;
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

// ---- Port: the completion port's calls (CompletionPort), each recorded ---------------------

namespace {
std::string failed(const char* call, int32_t error) {
  return std::string(call) + " failed: " + io::describe_error(error);
}
}  // namespace

struct Port::Impl {
  Recorder& recorder;
  std::unique_ptr<CompletionPort> port;
  uint64_t key = 0;
  struct Receive {
    PortReceive receive;
    uint32_t op = 0;
    std::vector<char> buffer;
  };
  mutable std::mutex receives_lock;
  std::list<Receive> receives;  // in flight; stay put: the kernel writes into their buffers
  std::mutex answer_lock;       // held by post_recv until the answer is recorded (Port's comment)
  explicit Impl(Recorder& r) : recorder(r) {}
  ~Impl() {  // never leave the kernel a buffer: cancel what is in flight, take its packets
    if (!port || port->error()) return;
    for (Receive& r : receives) port->cancel(r.receive);
    for (size_t left = receives.size(); left > 0; --left)
      if (!port->dequeue(milliseconds(2000)).dequeued) break;
  }
};

Port::Port(Recorder& recorder) : impl_(std::make_unique<Impl>(recorder)) {}
Port::~Port() = default;

std::string Port::create() {
  Impl& d = *impl_;
  d.port = std::make_unique<CompletionPort>(1, 8);
  const int32_t error = d.port->error();
  Transition created = server(Api::CreateIoCompletionPort, error ? Kind::failed : Kind::option_set,
                              error ? 0 : 1, error, 0, Api::CreateIoCompletionPort);
  created.op = 0;
  created.session = kNoSession;  // the port belongs to no session
  d.recorder.add(created);
  return error ? failed("CreateIoCompletionPort", error) : std::string();
}

std::string Port::associate(io::Socket s, uint64_t key) {
  Impl& d = *impl_;
  d.key = key;
  const int32_t error = d.port->associate(s, key);
  Transition associated =
      server(Api::CreateIoCompletionPort, error ? Kind::failed : Kind::option_set,
             error ? 0 : static_cast<int32_t>(key), error, 0, Api::CreateIoCompletionPort);
  associated.op = 0;
  d.recorder.add(associated);
  return error ? failed("CreateIoCompletionPort (associate)", error) : std::string();
}

std::string Port::post_recv(io::Socket s, uint32_t op, uint32_t size) {
  Impl& d = *impl_;
  Impl::Receive* r = nullptr;
  {
    std::lock_guard lock(d.receives_lock);
    r = &d.receives.emplace_back();
    r->op = op;
    r->buffer.assign(std::max<uint32_t>(size, 1), '\0');
    r->receive.key = d.key;
    r->receive.socket = s;
    r->receive.buffer = r->buffer.data();
    r->receive.size = size;
  }
  d.recorder.add(posted_recv(op, size));
  std::lock_guard answered(d.answer_lock);
  // The packet comes through the port even when WSARecv completes at once.
  const io::CallResult answer = d.port->post_recv(r->receive);
  Transition t = recv_answer(answer, op);
  d.port->show(t, r->receive);
  d.recorder.add(t);
  if (t.kind != Kind::failed) return {};
  std::lock_guard lock(d.receives_lock);
  d.receives.remove_if([&](const Impl::Receive& x) { return &x == r; });
  return failed("WSARecv", answer.error);
}

std::string Port::work(milliseconds timeout, bool give_up, WorkerHandOff* hand_off) {
  Impl& d = *impl_;
  for (;;) {
    d.recorder.add(thread_state(Api::GetQueuedCompletionStatus, Kind::blocked));
    if (hand_off) hand_off->entering_wait();
    Packet p;
    do p = d.port->dequeue(timeout);
    while (!p.dequeued && p.timed_out && !give_up);
    if (!p.dequeued) return failed("GetQueuedCompletionStatus", p.error);  // nothing dequeued
    std::lock_guard answered(d.answer_lock);
    Transition t =
        server(Api::GetQueuedCompletionStatus, Kind::dequeued, p.ok ? 1 : 0, p.error, p.bytes);
    t.session = static_cast<uint32_t>(p.key);  // the key
    t.op = 0;
    t.op_api = Api::PostQueuedCompletionStatus;
    if (p.receive) {
      std::lock_guard lock(d.receives_lock);
      auto it = std::find_if(d.receives.begin(), d.receives.end(),
                             [&](const Impl::Receive& x) { return &x.receive == p.receive; });
      if (it != d.receives.end()) {
        t.op = it->op;
        t.op_api = Api::WSARecv;
        d.port->show(t, it->receive);
        copy_data(t, it->buffer.data(), p.bytes);
        d.receives.erase(it);
      }
    }
    d.recorder.add(t);
    if (p.key == 0) return {};  // the wake-up: this worker stops
    if (hand_off) hand_off->dequeued_receive();
  }
}

void Port::post_wakeup() {
  Transition wake = server(Api::PostQueuedCompletionStatus, Kind::posted, 1, 0, 0,
                           Api::PostQueuedCompletionStatus);
  wake.session = 0;  // the wake-up key
  wake.op = 0;
  impl_->recorder.add(wake);
  impl_->port->post_wake();
}

void Port::before_close(io::Socket) {
  Impl& d = *impl_;
  if (!d.port || d.port->error()) return;
  std::lock_guard lock(d.receives_lock);
  for (Impl::Receive& r : d.receives) d.port->before_close(r.receive);
}

size_t Port::in_flight() const {
  std::lock_guard lock(impl_->receives_lock);
  return impl_->receives.size();
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
    recorder.count_cpu = true;
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
