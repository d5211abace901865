// Many clients at once (netcore/many_clients.hpp). The event model is written on the backend's
// own verbs (backend.hpp: WSARecv with an event, WSAWaitForMultipleEvents on at most 63 of them
// plus a wake event, WSAGetOverlappedResult); the IOCP model on the completion port of the
// Windows models (windows_models_io.hpp). Both record through the same bounded Recorder.
#include "netcore/many_clients.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <thread>

#include "backend.hpp"
#include "models_io.hpp"
#include "netcore/errors.hpp"
#include "windows_models_io.hpp"

namespace netcore {
namespace be = backend;
namespace io = models_io;
namespace wio = windows_models_io;
using namespace std::chrono;

namespace {

constexpr uint32_t kBytes = wio::kBytes;  // the lecture's 100-byte message
// The lab's clients stamp a message at its end: this tag, then the steady clock at the send.
constexpr char kStampTag[8] = {'i', 'o', 'l', 'a', 'b', '-', 't', 's'};
constexpr uint32_t kStampAt = kBytes - 16;
constexpr size_t kMaxLatencySamples = 1 << 20;  // per serving thread

uint64_t now_ns() {
  return static_cast<uint64_t>(
      duration_cast<nanoseconds>(steady_clock::now().time_since_epoch()).count());
}

}  // namespace

// One accepted client. Only one receive is in flight at a time, and the thread handling its
// completion holds `mutex` (IOCP: the next packet may reach the other worker).
struct Session {
  uint32_t id = 0;
  be::Socket socket = be::kInvalidSocket;
  std::mutex mutex;
  bool in_flight = false, needs_post = true, closed = false, held = false;
  // event model: the op's OVERLAPPED and event, and its buffer
  be::Overlapped* ov = nullptr;
  char buffer[kBytes] = {};
  // iocp model
  wio::PortReceive receive;
  // whole messages, for the count and the latency: TCP may split or join them
  char message[kBytes] = {};
  uint32_t have = 0;
};

// What one serving thread gathers, handed over when it ends.
struct ThreadTally {
  uint64_t cpu0 = io::thread_cpu_ns();
  std::vector<uint64_t> latencies;
  uint64_t published_ns = 0;   // when publish() last handed them over (a live view reads them)
  bool fetched_since = false;  // fetches since then: publish before the thread sleeps again
};
constexpr uint64_t kPublishEveryNs = 100'000'000;  // stats() while it runs: at most 0.1 s old

struct ManyClientsServer::Impl {
  ManyClientsOptions options;
  Backend backend_id = be::id();
  bool socket_layer = false;
  be::Socket listener = be::kInvalidSocket;
  uint16_t port = 0;
  be::Waker* accept_waker = nullptr;
  std::thread acceptor;
  wio::Recorder recorder;
  std::vector<std::atomic<Session*>> sessions;  // [0..N), set once by the acceptor
  std::vector<std::unique_ptr<Session>> owned;  // the acceptor's; freed after the threads end
  std::atomic<int> accepted{0}, closed{0}, failed{0}, held{0};
  std::atomic<bool> stopping{false};
  std::atomic<uint64_t> wakeups{0}, fetches{0}, bytes{0}, messages{0}, cpu_ns{0};
  std::atomic<uint64_t> first_accept_ns{0}, last_close_ns{0};
  mutable std::mutex mutex;  // errors, latencies, waiting threads, open peers
  std::string error;
  std::vector<uint64_t> latencies;
  std::vector<std::pair<uint32_t, std::string>> open_peers;  // session, its peer's address

  // event model: one waiting thread per 63 sessions
  struct Waiting {
    be::Waker* waker = nullptr;
    std::mutex mutex;
    std::vector<Session*> added;  // from the acceptor, not yet watched
    std::thread thread;
  };
  std::vector<std::unique_ptr<Waiting>> waiting;
  // iocp model
  std::unique_ptr<wio::CompletionPort> port_object;
  std::vector<std::thread> workers;

  explicit Impl(ManyClientsOptions o)
      : options(std::move(o)),
        recorder(options.queue_capacity, options.session_cap, uint32_t(options.clients)),
        sessions(size_t(options.clients)) {}

  void fail(const std::string& why) {
    std::lock_guard lock(mutex);
    if (error.empty()) error = why;
    recorder.notify();
  }

  // The thread's CPU time and latencies so far into the totals stats() reads: at its end, every
  // kPublishEveryNs while it serves, and before it sleeps after fetches (the GUI shows them
  // live; not per fetch, which would cost the benchmark a lock and a clock call each).
  void publish(ThreadTally& tally) {
    tally.fetched_since = false;
    const uint64_t cpu = io::thread_cpu_ns();
    cpu_ns += cpu - tally.cpu0;
    tally.cpu0 = cpu;
    std::lock_guard lock(mutex);
    latencies.insert(latencies.end(), tally.latencies.begin(), tally.latencies.end());
    tally.latencies.clear();
    // A long live run keeps the newest: past the cap the oldest half goes.
    if (latencies.size() > kMaxLatencySamples)
      latencies.erase(latencies.begin(), latencies.begin() + ptrdiff_t(latencies.size() / 2));
  }

  void end_thread(ThreadTally& tally) { publish(tally); }

  Transition make(const Session* s, Api api, Kind kind, int32_t result = 0, int32_t error_code = 0,
                  uint32_t bytes_count = 0) const {
    Transition t = wio::server(api, kind, result, error_code, bytes_count);
    t.session = s ? s->id : kNoSession;
    if (!s) t.op = 0;  // the waiting thread itself
    return t;
  }

  // Bytes fetched for `s`: whole messages counted, the lab's stamp read for the latency.
  void account(Session& s, const char* data, uint32_t n, ThreadTally& tally) {
    ++fetches;
    bytes += n;
    const uint64_t now = now_ns();
    while (n > 0) {
      const uint32_t take = std::min(n, kBytes - s.have);
      std::memcpy(s.message + s.have, data, take);
      s.have += take;
      data += take;
      n -= take;
      if (s.have < kBytes) break;
      s.have = 0;
      ++messages;
      uint64_t sent = 0;
      if (std::memcmp(s.message + kStampAt, kStampTag, sizeof kStampTag) == 0 &&
          tally.latencies.size() < kMaxLatencySamples) {
        std::memcpy(&sent, s.message + kStampAt + sizeof kStampTag, sizeof sent);
        if (sent && sent <= now) tally.latencies.push_back(now - sent);
      }
    }
    tally.fetched_since = true;
    if (now - tally.published_ns >= kPublishEveryNs) {
      tally.published_ns = now;
      publish(tally);
    }
  }

  void close_session(Session& s, bool failed_end) {
    {
      std::lock_guard lock(mutex);
      std::erase_if(open_peers, [&](const auto& p) { return p.first == s.id; });
    }
    be::close_socket(s.socket);
    recorder.add(make(&s, Api::closesocket, Kind::closed, 0, 0));
    s.closed = true;
    s.needs_post = false;
    if (failed_end) ++failed;
    last_close_ns = now_ns();
    if (++closed == options.clients) recorder.notify();
  }

  // The receive's end, whichever call reported it: data (post the next one), 0 bytes (the peer
  // closed), or an error (a reset): then the session closes.
  void finish_receive(Session& s, Transition t, bool ok, int32_t error_code, uint32_t n,
                      const char* data, ThreadTally& tally) {
    s.in_flight = false;
    if (!ok) {
      t.kind = Kind::failed;
      t.error = error_code;
      recorder.add(t);
      close_session(s, true);
      return;
    }
    if (n == 0) {
      t.kind = Kind::peer_closed;
      recorder.add(t);
      close_session(s, false);
      return;
    }
    wio::copy_data(t, data, n);
    recorder.add(t);
    account(s, data, n, tally);
    s.needs_post = true;
  }

  // While `session_backlog` of its transitions wait for drain(), the session's next receive
  // waits (flow control); drain() wakes the threads to post it.
  bool hold(Session& s) {
    const bool full = recorder.queued(s.id) >= options.session_backlog;
    if (full != s.held) held += full ? 1 : -1;
    s.held = full;
    return full;
  }

  // ---- event model ----------------------------------------------------------------------
  void post_event(Session& s, ThreadTally& tally) {
    if (s.closed || !s.needs_post || s.in_flight || hold(s)) return;
    s.needs_post = false;
    Transition posted = wio::posted_recv(wio::kRecvOp, kBytes);
    posted.session = s.id;
    recorder.add(posted);
    be::Buffers b;
    b.buf[0] = s.buffer;
    b.len[0] = kBytes;
    b.count = 1;
    const be::PostResult r = be::post_recv(s.socket, s.ov, b);
    Transition t = make(&s, Api::WSARecv, Kind::pending, r.ret, r.error, r.bytes);
    if (r.status == be::Status::pending) {
      s.in_flight = true;
      be::show_snapshot(t, be::snapshot(s.ov));  // its event, as the inspector and the CLI say
      recorder.add(t);
    } else {  // completed at once: its event was signaled too, consumed so no wait sees it
      be::consume_signal(s.ov);  // io_uring signals a failed one too
      t.kind = Kind::completed_immediately;
      finish_receive(s, t, r.status == be::Status::immediate, r.error, r.bytes, s.buffer, tally);
    }
  }

  void fetch_event(Session& s, ThreadTally& tally) {
    const be::FetchResult f = be::fetch_result(s.socket, s.ov);
    if (!f.ok && f.error == be::kWsaIoIncomplete) return;  // not done yet: keep waiting
    Transition t =
        make(&s, Api::WSAGetOverlappedResult, Kind::result_fetched, f.ret, f.error, f.bytes);
    finish_receive(s, t, f.ok, f.error, f.bytes, s.buffer, tally);
  }

  void run_waiting(Waiting& w) {
    ThreadTally tally;
    std::vector<Session*> slots;  // the event index is the slot
    be::Overlapped* ovs[be::kMaxWaitOps] = {};
    while (!stopping) {
      {
        std::lock_guard lock(w.mutex);
        for (Session* s : w.added) {
          ovs[slots.size()] = s->ov;
          slots.push_back(s);
        }
        w.added.clear();
      }
      // One post per session per round; one that completed at once is posted again next
      // round, and meanwhile the wait only looks (timeout 0) so it cannot sleep on it.
      bool again = false;
      for (Session* s : slots) {
        post_event(*s, tally);
        again = again || (s->needs_post && !s->held && !s->closed);
      }
      const int n = int(slots.size());
      if (!again && tally.fetched_since) publish(tally);  // what stats() shows while it sleeps
      if (!again) recorder.add(make(nullptr, Api::WSAWaitForMultipleEvents, Kind::blocked, n + 1));
      int32_t error_code = 0;
      const int woke = be::wait_any(ovs, n, w.waker, again ? 0 : -1, error_code);
      if (woke == -1) continue;  // nothing signaled when it only looked
      ++wakeups;
      if (woke < 0) {
        recorder.add(make(nullptr, Api::WSAWaitForMultipleEvents, Kind::failed, woke, error_code));
        fail("WSAWaitForMultipleEvents failed: " + io::describe_error(error_code));
        break;
      }
      if (woke == n) {  // its own wake event: a new session, a drained backlog, or the end
        recorder.add(make(nullptr, Api::WSAWaitForMultipleEvents, Kind::unblocked, n));
        be::clear(w.waker);
        continue;
      }
      // The lowest signaled index wins the wait; the ones after it are looked at too, so a
      // busy session early in the array does not starve the rest.
      for (int j = woke; j < n; ++j) {
        Session& s = *slots[size_t(j)];
        if (j == woke && !s.in_flight) be::consume_signal(s.ov);  // stale: never wake on it again
        if (!s.in_flight || (j != woke && !be::snapshot(s.ov).signaled)) continue;
        Transition signaled = make(&s, Api::WSAWaitForMultipleEvents, Kind::signaled, j);
        recorder.add(signaled);
        fetch_event(s, tally);
      }
    }
    // The end: no receive is left with the kernel (closesocket aborts it; io_uring: cancelled).
    for (Session* s : slots) {
      if (s->closed) continue;
      if (s->in_flight) be::before_close(s->socket, s->ov);
      be::close_socket(s->socket);
      s->closed = true;
      be::Overlapped* one[1] = {s->ov};
      for (int i = 0; s->in_flight && i < 40; ++i) {
        int32_t ignored = 0;
        be::wait_any(one, 1, w.waker, 50, ignored);
        s->in_flight = be::fetch_result(s->socket, s->ov).error == be::kWsaIoIncomplete;
      }
    }
    end_thread(tally);
  }

  // ---- iocp model -----------------------------------------------------------------------
  void post_iocp(Session& s) {
    if (s.closed || !s.needs_post || s.in_flight || hold(s)) return;
    s.needs_post = false;
    Transition posted = wio::posted_recv(wio::kRecvOp, kBytes);
    posted.session = s.id;
    recorder.add(posted);
    s.in_flight = true;  // even a receive done at once queues its packet to the port
    Transition t = wio::recv_answer(port_object->post_recv(s.receive), wio::kRecvOp);
    t.session = s.id;
    port_object->show(t, s.receive);
    recorder.add(t);
    if (t.kind == Kind::failed) {
      s.in_flight = false;
      close_session(s, true);
    }
  }

  void run_worker() {
    ThreadTally tally;
    for (;;) {
      if (tally.fetched_since) publish(tally);  // what stats() shows while it sleeps
      recorder.add(make(nullptr, Api::GetQueuedCompletionStatus, Kind::blocked));
      const wio::Packet p = port_object->dequeue(hours(24));
      ++wakeups;
      if (!p.dequeued) {
        recorder.add(make(nullptr, Api::GetQueuedCompletionStatus, Kind::failed, 0, p.error));
        fail("GetQueuedCompletionStatus failed: " + io::describe_error(p.error));
        break;
      }
      if (!p.receive) {  // PostQueuedCompletionStatus: a new session, a drained backlog, the end
        Transition wake = make(nullptr, Api::GetQueuedCompletionStatus, Kind::dequeued, 1);
        wake.op_api = Api::PostQueuedCompletionStatus;
        recorder.add(wake);
        if (stopping) break;
        for (int i = 0; i < accepted; ++i) {
          Session& s = *sessions[size_t(i)].load();
          std::lock_guard lock(s.mutex);
          post_iocp(s);
        }
        continue;
      }
      Session& s = *sessions[size_t(p.key - 1)].load();
      std::lock_guard lock(s.mutex);
      Transition got =
          make(&s, Api::GetQueuedCompletionStatus, Kind::dequeued, p.ok ? 1 : 0, p.error, p.bytes);
      port_object->show(got, s.receive);
      recorder.add(got);
      Transition t =
          make(&s, Api::GetQueuedCompletionStatus, Kind::result_fetched, p.ok, p.error, p.bytes);
      finish_receive(s, t, p.ok, p.error, p.bytes, s.buffer, tally);
      if (!stopping) post_iocp(s);
    }
    end_thread(tally);
  }

  // ---- accepting ------------------------------------------------------------------------
  bool add_session(be::Socket socket) {
    const int index = accepted;
    auto owned_session = std::make_unique<Session>();
    Session& s = *owned_session;
    s.id = uint32_t(index + 1);
    s.socket = socket;
    s.receive.key = s.id;
    s.receive.socket = socket;
    s.receive.buffer = s.buffer;
    s.receive.size = kBytes;
    owned.push_back(std::move(owned_session));
    if (index == 0) first_accept_ns = now_ns();
    {
      std::lock_guard lock(mutex);
      open_peers.emplace_back(s.id, be::peer_address(socket));
    }
    recorder.add(make(&s, Api::accept, Kind::accepted, be::local_port(socket)));
    if (options.model == ManyModel::event) {
      int32_t error_code = 0;
      s.ov = be::create_overlapped(error_code);
      if (!s.ov) {
        fail("WSACreateEvent failed: " + io::describe_error(error_code));
        be::close_socket(socket);
        return false;
      }
      const size_t group = size_t(index / kEventsPerWaitingThread);
      std::lock_guard lock(mutex);
      if (group == waiting.size()) {
        auto w = std::make_unique<Waiting>();
        w->waker = be::create_waker();
        Waiting* raw = w.get();
        w->thread = std::thread([this, raw] { run_waiting(*raw); });
        waiting.push_back(std::move(w));
      }
      sessions[size_t(index)] = &s;
      accepted = index + 1;
      std::lock_guard added(waiting[group]->mutex);
      waiting[group]->added.push_back(&s);
      be::wake(waiting[group]->waker);
      return true;
    }
    const int32_t e = port_object->associate(socket, s.id);
    Transition assoc = make(&s, Api::CreateIoCompletionPort, e ? Kind::failed : Kind::option_set,
                            e ? 0 : int32_t(s.id), e);
    assoc.op = 0;
    assoc.op_api = Api::CreateIoCompletionPort;
    recorder.add(assoc);
    std::lock_guard lock(s.mutex);
    sessions[size_t(index)] = &s;
    accepted = index + 1;
    if (e)
      close_session(s, true);
    else  // a worker posts its first WSARecv: io_uring cancels a thread's requests when the
      port_object->post_wake();  // thread ends, and this one ends after the last accept
    return true;
  }

  void run_acceptor() {
    while (!stopping && accepted < options.clients) {
      int32_t error_code = 0;
      const be::Socket s = be::accept_wait(listener, accept_waker, error_code);
      if (s != be::kInvalidSocket) {
        if (!add_session(s)) break;
      } else if (error_code != 0 && !be::is_would_block(error_code)) {
        fail("accept failed: " + io::describe_error(error_code));
        break;
      }
    }
    be::close_socket(listener);  // all N are in: more clients are refused
    listener = be::kInvalidSocket;
  }
};

ManyClientsServer::ManyClientsServer(ManyClientsOptions options)
    : impl_(std::make_unique<Impl>(std::move(options))) {}

ManyClientsServer::~ManyClientsServer() {
  stop();
}

bool ManyClientsServer::start(std::string& error) {
  Impl& m = *impl_;
  if (m.options.clients < 1 || m.options.clients > kMaxManyClients) {
    error = "the number of clients is 1 to " + std::to_string(kMaxManyClients) + ", not " +
            std::to_string(m.options.clients);
    return false;
  }
  if (!be::startup(error)) return false;
  m.socket_layer = true;
  int32_t code = 0;
  m.listener = be::listen_tcp(m.options.host.c_str(), m.options.port, code);
  if (m.listener == be::kInvalidSocket) {
    error = listen_failure(m.backend_id, m.options.host, m.options.port, code);
    return false;
  }
  m.port = be::local_port(m.listener);
  m.accept_waker = be::create_waker();
  if (m.options.model == ManyModel::iocp) {
    m.port_object = std::make_unique<wio::CompletionPort>(
        uint32_t(kIocpWorkers), uint32_t(2 * m.options.clients + 2 * kIocpWorkers));
    if (m.port_object->error()) {
      error = "CreateIoCompletionPort failed: " + io::describe_error(m.port_object->error());
      return false;
    }
    Transition created = m.make(nullptr, Api::CreateIoCompletionPort, Kind::option_set, 1);
    created.op_api = Api::CreateIoCompletionPort;
    m.recorder.add(created);
    for (int i = 0; i < kIocpWorkers; ++i) m.workers.emplace_back([&m] { m.run_worker(); });
  }
  m.acceptor = std::thread([&m] { m.run_acceptor(); });
  return true;
}

void ManyClientsServer::stop() {
  Impl& m = *impl_;
  if (!m.socket_layer) return;
  m.stopping = true;
  if (m.acceptor.joinable()) {
    be::wake(m.accept_waker);
    m.acceptor.join();
  }
  for (auto& w : m.waiting) {
    be::wake(w->waker);
    w->thread.join();
    be::destroy_waker(w->waker);
  }
  if (m.port_object) {
    for (size_t i = 0; i < m.workers.size(); ++i) m.port_object->post_wake();
    for (std::thread& t : m.workers) t.join();
    // No receive is left with the kernel: each one in flight is cancelled, its packet taken.
    int in_flight = 0;
    for (auto& s : m.owned)
      if (s->in_flight) {
        m.port_object->cancel(s->receive);
        ++in_flight;
      }
    while (in_flight > 0) {
      const wio::Packet p = m.port_object->dequeue(milliseconds(2000));
      if (!p.dequeued) break;
      if (p.receive) --in_flight;
    }
  }
  for (auto& s : m.owned) {  // event: a session accepted but not yet watched when it stopped
    if (!s->closed) be::close_socket(s->socket);
    s->closed = true;
    if (s->ov) be::destroy_overlapped(s->ov);
  }
  if (m.listener != be::kInvalidSocket) be::close_socket(m.listener);
  be::destroy_waker(m.accept_waker);
  m.accept_waker = nullptr;
  m.listener = be::kInvalidSocket;
  be::cleanup();
  m.socket_layer = false;
  m.recorder.notify();
}

uint16_t ManyClientsServer::port() const {
  return impl_->port;
}

Backend ManyClientsServer::backend() const {
  return impl_->backend_id;
}

std::vector<std::string> ManyClientsServer::peers() const {
  std::lock_guard lock(impl_->mutex);
  std::vector<std::string> out;
  for (const auto& p : impl_->open_peers) out.push_back(p.second);
  return out;
}

size_t ManyClientsServer::drain(std::vector<Transition>& out) {
  Impl& m = *impl_;
  const size_t n = m.recorder.drain(out);
  if (m.held > 0 && !m.stopping) {  // a held session's next receive may go now
    std::lock_guard lock(m.mutex);
    for (auto& w : m.waiting) be::wake(w->waker);
    if (m.port_object) m.port_object->post_wake();
  }
  return n;
}

bool ManyClientsServer::wait_for_transitions(milliseconds timeout) {
  if (finished() || !error().empty()) return true;
  return impl_->recorder.wait(timeout);
}

bool ManyClientsServer::finished() const {
  return impl_->closed == impl_->options.clients;
}

std::string ManyClientsServer::error() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->error;
}

ManyClientsStats ManyClientsServer::stats() const {
  const Impl& m = *impl_;
  ManyClientsStats s;
  s.clients = m.options.clients;
  {
    std::lock_guard lock(m.mutex);
    s.threads = m.options.model == ManyModel::iocp ? int(m.workers.size()) : int(m.waiting.size());
    std::vector<uint64_t> sorted = m.latencies;
    std::sort(sorted.begin(), sorted.end());
    s.latency_samples = sorted.size();
    if (!sorted.empty()) {
      s.latency_p50_ns = sorted[(sorted.size() - 1) / 2];
      s.latency_p99_ns = sorted[(sorted.size() - 1) * 99 / 100];
    }
  }
  s.wakeups = m.wakeups;
  s.fetches = m.fetches;
  s.bytes = m.bytes;
  s.messages = m.messages;
  s.sessions_closed = m.closed;
  s.sessions_failed = m.failed;
  s.dropped = m.recorder.dropped();
  s.server_cpu_ns = m.cpu_ns;
  const uint64_t first = m.first_accept_ns, last = m.last_close_ns;
  s.seconds = last > first ? double(last - first) / 1e9 : 0;
  s.ops_per_s = s.seconds > 0 ? double(s.messages) / s.seconds : 0;
  return s;
}

// ---- the GUI's clients -----------------------------------------------------------------------

struct ManyLabClients::Impl {
  std::string host;
  uint16_t port = 0;
  int clients = 0;
  std::atomic<int> connected{0};
  std::atomic<uint64_t> waves_sent{0};
  mutable std::mutex mutex;
  std::condition_variable wake;
  uint64_t waves_asked = 0;
  bool stopping = false;
  std::string error;
  std::thread thread;

  void run() {
    std::vector<be::Socket> mine;
    int failed = 0;
    std::string why;
    for (int i = 0; i < clients && !stopped(); ++i) {
      int32_t code = 0;
      const be::Socket s = be::connect_tcp(host.c_str(), port, code);
      if (s == be::kInvalidSocket) {
        ++failed;
        why = io::describe_error(code);
      } else {
        mine.push_back(s);
        ++connected;
      }
    }
    if (failed) {
      std::lock_guard lock(mutex);
      error = std::to_string(failed) + " of the lab's clients could not connect: " + why;
    }
    char message[kBytes] = {};
    std::memcpy(message, "Hello World", sizeof "Hello World");
    std::memcpy(message + kStampAt, kStampTag, sizeof kStampTag);
    for (;;) {
      {
        std::unique_lock lock(mutex);
        wake.wait(lock, [&] { return stopping || waves_asked > waves_sent; });
        if (stopping) break;
      }
      for (be::Socket s : mine) {
        const uint64_t sent = now_ns();
        std::memcpy(message + kStampAt + sizeof kStampTag, &sent, sizeof sent);
        io::send_bytes(s, message, kBytes);
      }
      ++waves_sent;
    }
    for (be::Socket s : mine) io::close_socket(s);
  }

  bool stopped() {
    std::lock_guard lock(mutex);
    return stopping;
  }
};

ManyLabClients::ManyLabClients(std::string host, uint16_t port, int clients)
    : impl_(std::make_unique<Impl>()) {
  impl_->host = std::move(host);
  impl_->port = port;
  impl_->clients = clients;
  impl_->thread = std::thread([this] { impl_->run(); });
}

ManyLabClients::~ManyLabClients() {
  {
    std::lock_guard lock(impl_->mutex);
    impl_->stopping = true;
  }
  impl_->wake.notify_all();
  impl_->thread.join();
}

void ManyLabClients::send_wave() {
  {
    std::lock_guard lock(impl_->mutex);
    ++impl_->waves_asked;
  }
  impl_->wake.notify_all();
}

int ManyLabClients::connected() const {
  return impl_->connected;
}

uint64_t ManyLabClients::waves_sent() const {
  return impl_->waves_sent;
}

std::string ManyLabClients::error() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->error;
}

// ---- the demo's clients ---------------------------------------------------------------------

namespace {

// A few client threads share the N sockets: the point is the server's threads, not ours.
// Paced: round m (one message per client) starts m x N x 20 us after the first, so the load is
// 50,000 messages/s at any N and the latency is the server's, not a backlog of our burst.
constexpr auto kPacePerClient = microseconds(20);

void run_clients(const std::string& host, uint16_t port, int first, int step, int clients,
                 int messages, steady_clock::time_point start, std::atomic<int>& connect_errors) {
  std::vector<be::Socket> mine;
  for (int i = first; i < clients; i += step) {
    int32_t error = 0;
    const be::Socket s = be::connect_tcp(host.c_str(), port, error);
    if (s == be::kInvalidSocket)
      ++connect_errors;
    else
      mine.push_back(s);
  }
  char message[kBytes] = {};
  std::memcpy(message, "Hello World", sizeof "Hello World");
  std::memcpy(message + kStampAt, kStampTag, sizeof kStampTag);
  for (int m = 0; m < messages; ++m) {
    std::this_thread::sleep_until(start + m * clients * kPacePerClient);
    for (be::Socket s : mine) {
      const uint64_t sent = now_ns();
      std::memcpy(message + kStampAt + sizeof kStampTag, &sent, sizeof sent);
      io::send_bytes(s, message, kBytes);
    }
  }
  for (be::Socket s : mine) io::close_socket(s);
}

}  // namespace

ManyClientsRun run_many_clients(ManyModel model, int clients, int messages,
                                const std::function<void(const Transition&)>& on_transition,
                                milliseconds timeout) {
  ManyClientsRun run;
  ManyClientsOptions o;
  o.model = model;
  o.clients = clients;
  ManyClientsServer server(o);
  run.backend = server.backend();
  if (!server.start(run.error)) return run;
  std::atomic<int> connect_errors{0};
  std::vector<std::thread> client_threads;
  const int step = std::min(clients, 4);
  // The rounds start once every client could have connected (connecting is not measured).
  const auto start = steady_clock::now() + milliseconds(20) + clients * milliseconds(1) / 10;
  for (int i = 0; i < step; ++i)
    client_threads.emplace_back(run_clients, o.host, server.port(), i, step, clients, messages,
                                start, std::ref(connect_errors));
  std::vector<Transition> batch;
  auto pump = [&] {
    batch.clear();
    server.drain(batch);
    run.transitions += batch.size();
    if (on_transition)
      for (const Transition& t : batch) on_transition(t);
  };
  const auto deadline = steady_clock::now() + timeout;
  while (!server.finished() && server.error().empty() && steady_clock::now() < deadline) {
    server.wait_for_transitions(milliseconds(100));
    pump();
  }
  for (std::thread& t : client_threads) t.join();
  server.stop();
  pump();
  run.stats = server.stats();
  const uint64_t expected = uint64_t(clients) * uint64_t(messages);
  if (!server.error().empty())
    run.error = server.error();
  else if (connect_errors > 0)
    run.error = std::to_string(connect_errors.load()) + " of the lab's clients could not connect";
  else if (run.stats.sessions_closed < clients)
    run.error = "only " + std::to_string(run.stats.sessions_closed) + " of " +
                std::to_string(clients) + " sessions closed within " +
                std::to_string(timeout.count() / 1000) + " s";
  else if (run.stats.messages != expected)
    run.error = std::to_string(run.stats.messages) + " of " + std::to_string(expected) +
                " messages were fetched";
  return run;
}

}  // namespace netcore
