#include "engine_models.hpp"

#include <algorithm>
#include <vector>

namespace netcore {
namespace wio = windows_models_io;
using namespace std::chrono;

namespace {
// The lecture's waits are INFINITE; the lab's are a day long, and woken at the end.
constexpr milliseconds kForever = hours(24);
constexpr uint32_t kMaxRecvBytes = 1u << 20;
}  // namespace

LabModelServer::LabModelServer(LabModel model, models_io::Socket s, wio::Recorder& recorder)
    : model_(model), socket_(s), recorder_(recorder) {}

LabModelServer::~LabModelServer() {
  if (event_select_) {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    changed_.notify_all();
    event_select_->wake();
  }
  if (port_ && thread_.joinable()) port_->post_wakeup();
  if (thread_.joinable()) thread_.join();
}

std::string LabModelServer::start() {
  switch (model_) {
    case LabModel::event:
      return {};
    case LabModel::completion_routine:
      routines_ = std::make_unique<wio::Routines>(recorder_);
      return routines_->init();
    case LabModel::iocp: {
      port_ = std::make_unique<wio::Port>(recorder_);
      if (std::string e = port_->create(); !e.empty()) return e;
      if (std::string e = port_->associate(socket_, kServerSession); !e.empty()) return e;
      thread_ = std::thread([this] { port_->work(kForever, false, nullptr); });
      return {};
    }
    case LabModel::event_select:
      event_select_ = std::make_unique<wio::EventSelect>(recorder_);
      if (std::string e = event_select_->select(socket_); !e.empty()) return e;
      thread_ = std::thread([this] { event_select_thread(); });
      return {};
  }
  return {};
}

std::string LabModelServer::post_recv(uint32_t op, uint32_t size) {
  size = std::clamp<uint32_t>(size, 1, kMaxRecvBytes);
  if (routines_) return routines_->post(socket_, op, size);
  if (port_) return port_->post_recv(socket_, op, size);
  if (event_select_) {
    // No call yet: the round this R asks for begins (its thread waits, then recv).
    Transition t = wio::server(Api::recv, Kind::posted, 0, 0, size, Api::recv);
    t.op = op;
    t.wsabuf_count = 1;  // recv's one buffer
    t.wsabuf_len[0] = size;
    recorder_.add(t);
    {
      std::lock_guard lock(mutex_);
      rounds_.emplace_back(op, size);
    }
    changed_.notify_all();
  }
  return {};
}

bool LabModelServer::alertable(milliseconds timeout) {
  if (!routines_) return false;
  routines_->alertable_wait(timeout);
  return true;
}

bool LabModelServer::looking() const {
  return routines_ && routines_->waiting_for_completion();
}

void LabModelServer::look() {
  if (routines_) routines_->look();
}

void LabModelServer::before_close() {
  if (event_select_) {  // its thread must not touch a socket that is closing
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    changed_.notify_all();
    event_select_->wake();
    if (thread_.joinable()) thread_.join();
  }
  if (routines_) routines_->before_close(socket_);
  if (port_) port_->before_close(socket_);
}

void LabModelServer::after_close() {
  if (!port_ || !thread_.joinable()) return;
  // The receives the close aborted reach the worker through the port (their error, key 1);
  // then the wake-up (key 0) ends it.
  const auto deadline = steady_clock::now() + seconds(3);
  while (port_->in_flight() && steady_clock::now() < deadline)
    std::this_thread::sleep_for(milliseconds(1));
  port_->post_wakeup();
  thread_.join();
}

void LabModelServer::event_select_thread() {
  std::vector<char> buffer;
  for (;;) {
    std::pair<uint32_t, uint32_t> round;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [&] { return stopping_ || !rounds_.empty(); });
      if (stopping_) break;
      round = rounds_.front();
      rounds_.pop_front();
    }
    event_select_->op = round.first;
    std::string error;
    int32_t events = 0;
    while (events == 0) {  // a round ends with a network event to read (or an error)
      if (event_select_->wait(kForever, error) != wio::EventSelect::Woke::event) {
        give_up(round.first);
        break;
      }
      events = event_select_->network_events(error);
    }
    if (events == 0) break;
    // FD_READ: the bytes, at once. FD_CLOSE: the recv that then returns 0 (the peer's FIN).
    if (events > 0) {
      buffer.assign(round.second, '\0');
      event_select_->recv(buffer.data(), round.second, error);
    }
  }
  // Stopped (the lab is closing): the rounds not done still get their one end.
  std::lock_guard lock(mutex_);
  for (const auto& left : rounds_) give_up(left.first);
  rounds_.clear();
}

void LabModelServer::give_up(uint32_t op) {
  Transition t = wio::server(Api::WSAWaitForMultipleEvents, Kind::failed, kSocketError,
                             kLabGaveUpWaiting, 0, Api::recv);
  t.op = op;
  recorder_.add(t);
}

}  // namespace netcore
