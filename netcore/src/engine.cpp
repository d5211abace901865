// The engine loop, written once against the backend verbs (backend.hpp):
//   commands in -> WSARecv/WSASend -> immediate or pending -> WSAWaitForMultipleEvents ->
//   WSAGetOverlappedResult -> transitions out.
// Everything here runs on the netcore thread except submit/drain/wait_for_transitions, which
// only touch the two queues. The thread never waits on the UI: a full queue counts drops.
#include "netcore/engine.hpp"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <utility>

#include "backend.hpp"
#include "engine_hooks.hpp"
#include "engine_models.hpp"
#include "netcore/errors.hpp"
#include "transition_queue.hpp"

namespace netcore {

namespace be = backend;

namespace {

constexpr uint32_t kEngineThread = 1;
constexpr uint32_t kModelThread = 2;  // the IOCP worker or the WSAEventSelect thread
constexpr uint32_t kDefaultReadSize = 1024;
constexpr int kImmediateRepostBudget = 256;  // then let commands and other events in
constexpr int kDrainTimeoutMs = 3000;        // waiting for aborted ops at close/reset/stop
constexpr uint32_t kMaxOpBytes = 16u << 20;  // one op's buffers; the lecture uses <= 64 KiB

uint64_t now_ns() {
  return uint64_t(std::chrono::duration_cast<std::chrono::nanoseconds>(
                      std::chrono::steady_clock::now().time_since_epoch())
                      .count());
}

// Byte `at` of a send: the text padded with zeros (the lecture's "Hello World" in a 100-byte
// buffer), or a visible a..z pattern when only a size was given.
char send_byte(const Command& c, uint32_t at) {
  if (!c.text_len) return char('a' + at % 26);
  return at < c.text_len ? c.text[at] : '\0';
}

struct Op {
  uint32_t id = 0;
  uint32_t session = 0;
  uint16_t slot = 0;
  Api api = Api::WSARecv;
  // One block per WSABUF; they stay put while pending: the kernel owns them until completion.
  std::vector<std::vector<char>> blocks;
  be::Buffers buffers;
  uint32_t size = 0;
  bool pending = false;
  bool watched = false;    // its event is among the handles of the engine's wait
  bool unwatched = false;  // it was reported unwatched (so its `watched` is reported too)
};

struct Slot {
  be::Overlapped* ov = nullptr;
  Op* op = nullptr;  // the op using this OVERLAPPED, or null when free to reuse
};

struct Session {
  be::Socket socket = be::kInvalidSocket;
  bool reading = false;  // keep a WSARecv posted (the lecture's server loop)
  uint32_t read_size = kDefaultReadSize;
  std::vector<Slot> slots;
};

}  // namespace

struct Engine::Impl {
  EngineOptions options;
  Backend backend_id = be::id();
  std::atomic<uint16_t> port{0};
  std::atomic<bool> peer{false};
  std::atomic<uint32_t> next_op{1};
  mutable std::mutex peer_mutex;
  std::string peer_address;  // serve: the client accepted last ("127.0.0.1:53122")

  // Command queue: any thread pushes, the netcore thread swaps it out.
  std::mutex command_mutex;
  std::vector<Command> commands;
  be::Waker* waker = nullptr;

  // Transition queue: the netcore thread pushes, drain() copies out; no lock on either side.
  TransitionQueue out{options.queue_capacity};
  uint64_t next_seq = 0;   // netcore thread only
  uint64_t last_t_ns = 0;  // the newest stamp emitted (netcore thread only)

  std::thread thread;
  std::atomic<bool> stopping{false};
  bool started = false;

  // Netcore-thread state.
  be::Socket listener = be::kInvalidSocket;
  Session sessions[3];  // indexed by kServerSession / kClientSession
  std::vector<std::unique_ptr<Op>> ops;
  bool more_to_read = false;
  // The reading loop stopped for a consumer that lags (options.read_backlog); drain() wakes us.
  std::atomic<bool> reading_held{false};

  // The server session's model (LabModelServer, engine_models.hpp): none in the event model.
  std::atomic<LabModel> model{LabModel::event};
  windows_models_io::Recorder model_recorder;
  std::unique_ptr<LabModelServer> model_server;
  uint32_t os_thread = 0;  // the netcore thread's own id, as the recorder stamps it

  explicit Impl(EngineOptions o) : options(std::move(o)), model(options.model) {}

  // ---- transitions --------------------------------------------------------------------------
  // The netcore thread writes transitions straight into the queue and makes them visible in one
  // store before it blocks (or every kPublishBatch in a flood): one cache-line hand-over and at
  // most one wake-up per batch, not per transition. seq is given here, so a drop (a full queue)
  // shows as a gap.
  static constexpr size_t kPublishBatch = 64;
  size_t unpublished = 0;

  // `at`: when it happened, if that was before now (a model's transition, stamped by its
  // recorder). Kept no earlier than the last one emitted, so time never runs back along seq.
  void emit(const Transition& t, uint32_t thread = kEngineThread, uint64_t at = 0) {
    if (!options.record) return;
    const uint64_t seq = next_seq++;
    last_t_ns = at ? std::max(at, last_t_ns) : now_ns();
    if (Transition* slot = out.push(t)) {  // stamped in place: one copy of 160 bytes, not two
      slot->t_ns = last_t_ns;
      slot->thread = thread;
      slot->seq = seq;
    }
    if (++unpublished >= kPublishBatch) publish();
  }

  void publish() {
    unpublished = 0;
    if (out.publish() && options.on_ready) options.on_ready();
  }

  Transition about(const Op& op, Api api, Kind kind) {
    Transition t;
    t.session = op.session;
    t.op = op.id;
    t.slot = op.slot;
    t.api = api;
    t.op_api = op.api;
    t.kind = kind;
    t.wsabuf_count = uint8_t(op.buffers.count);
    for (uint32_t i = 0; i < op.buffers.count; ++i) t.wsabuf_len[i] = op.buffers.len[i];
    if (!options.record) return t;  // the snapshot asks the kernel: skip it when unrecorded
    be::show_snapshot(t, be::snapshot(slot_of(op).ov));
    return t;
  }

  // The first bytes as the program sees them: the WSABUFs in order (gathered / scattered).
  static void copy_data(Transition& t, const Op& op, size_t bytes) {
    size_t n = 0;
    for (uint32_t i = 0; i < op.buffers.count && n < bytes && n < size_t(kDataCapacity); ++i) {
      const size_t take = std::min({size_t(op.buffers.len[i]), bytes - n, kDataCapacity - n});
      std::memcpy(t.data + n, op.buffers.buf[i], take);
      n += take;
    }
    t.data_len = uint8_t(n);
  }

  // Thread transitions carry a short note in `data` instead of buffer bytes.
  static void set_note(Transition& t, const char* note) {
    const size_t n = std::min(std::strlen(note), size_t(kDataCapacity));
    std::memcpy(t.data, note, n);
    t.data_len = uint8_t(n);
  }

  Transition about_session(uint32_t session, Api api, Kind kind, int32_t result = 0,
                           int32_t error = 0) {
    Transition t;
    t.session = session;
    t.api = api;
    t.kind = kind;
    t.result = result;
    t.error = error;
    return t;
  }

  // The model's transitions, in the order its calls recorded them, into the normal queue: one
  // seq for all. The thread says who saw it: the netcore thread (a routine runs on the thread
  // that issued the WSARecv) or the model's own.
  // The model's transitions keep their recorder's time: the engine passes them on only when it
  // next runs, which is after SleepEx returned for the ones the alertable wait recorded.
  void pump_model() {
    for (const Transition& t : model_recorder.take())
      emit(t, t.thread == os_thread ? kEngineThread : kModelThread, t.t_ns);
  }

  void start_model() {
    const LabModel m = model.load();
    if (m == LabModel::event || model_server) return;
    if (sessions[kServerSession].socket == be::kInvalidSocket) return;
    model_server =
        std::make_unique<LabModelServer>(m, sessions[kServerSession].socket, model_recorder);
    std::string error = model_server->start();
    pump_model();
    if (!error.empty()) {
      Transition t = about_session(kServerSession, Api::none, Kind::failed, kSocketError);
      set_note(t, error.c_str());
      emit(t);
    }
  }

  // ---- sessions and slots -------------------------------------------------------------------
  Slot& slot_of(const Op& op) { return sessions[op.session].slots[op.slot]; }

  static bool valid_session(uint32_t s) { return s == kServerSession || s == kClientSession; }

  // The lowest free OVERLAPPED of the session: a pending one is never reused (LECTURE §6).
  bool take_slot(Op& op, int32_t& error) {
    auto& slots = sessions[op.session].slots;
    for (size_t i = 0; i < slots.size(); ++i) {
      if (!slots[i].op) {
        op.slot = uint16_t(i);
        slots[i].op = &op;
        return true;
      }
    }
    be::Overlapped* ov = be::create_overlapped(error);
    if (!ov) return false;
    op.slot = uint16_t(slots.size());
    slots.push_back({ov, &op});
    return true;
  }

  size_t pending_count() const {
    return size_t(std::count_if(ops.begin(), ops.end(), [](auto& o) { return o->pending; }));
  }

  void finish(Op& op) {
    const uint32_t session = op.session;
    const bool was_recv = op.api == Api::WSARecv;
    slot_of(op).op = nullptr;
    ops.erase(std::find_if(ops.begin(), ops.end(), [&](auto& o) { return o.get() == &op; }));
    if (was_recv && sessions[session].reading) more_to_read = true;
  }

  // ---- posting (flow step 2) ---------------------------------------------------------------
  void post(const Command& c, uint32_t id) {
    auto owned = std::make_unique<Op>();
    Op& op = *owned;
    op.id = id;
    op.session = c.session;
    op.api = c.kind == CommandKind::post_recv ? Api::WSARecv : Api::WSASend;
    if (!valid_session(c.session) || c.size > kMaxOpBytes) {
      // Refused before any call, with the lab's own code: not a session of the lab (its op id
      // was handed out by submit, so it must still end), or buffers larger than the lab
      // allocates (a 4 GiB size would kill the process). WSARecv itself has no limit on how
      // many operations are outstanding: those beyond the wait's handles go unwatched instead.
      Transition t = about_session(c.session, op.api, Kind::failed, kSocketError, kLabRefused);
      t.op = id;
      t.op_api = op.api;
      emit(t);
      return;
    }
    if (model_server && op.api == Api::WSARecv && c.session == kServerSession) {
      model_server->post_recv(id, c.size);  // a failure is recorded by the call itself
      pump_model();
      return;
    }
    int32_t error = 0;
    if (!take_slot(op, error)) {
      Transition t = about_session(c.session, op.api, Kind::failed, kSocketError, error);
      t.op = id;
      t.op_api = op.api;
      emit(t);
      return;
    }
    ops.push_back(std::move(owned));

    const uint32_t size = c.size;
    op.size = size;
    const uint32_t count = std::clamp<uint32_t>(c.wsabufs, 1, kMaxWsabufs);
    op.blocks.resize(count);
    op.buffers.count = count;
    uint32_t offset = 0;
    for (uint32_t i = 0; i < count; ++i) {
      const uint32_t len = size / count + (i == count - 1 ? size % count : 0);
      op.blocks[i].assign(std::max<uint32_t>(len, 1), '\0');
      if (op.api == Api::WSASend)
        for (uint32_t k = 0; k < len; ++k) op.blocks[i][k] = send_byte(c, offset + k);
      op.buffers.buf[i] = op.blocks[i].data();
      op.buffers.len[i] = len;
      offset += len;
    }

    Transition posted = about(op, op.api, Kind::posted);
    posted.bytes = size;
    if (op.api == Api::WSASend) copy_data(posted, op, size);
    emit(posted);

    const be::Socket s = sessions[op.session].socket;
    const be::PostResult r = op.api == Api::WSARecv ? be::post_recv(s, slot_of(op).ov, op.buffers)
                                                    : be::post_send(s, slot_of(op).ov, op.buffers);
    switch (r.status) {
      case be::Status::immediate: {
        // Path 1 -> 2: done at the call. Windows signals the event anyway; the engine consumes
        // it so the wait does not report this op a second time, and the transition shows what
        // that read found (the kernel's answer, with no extra call to ask it first).
        const bool closed = op.api == Api::WSARecv && r.bytes == 0 && size > 0;
        const bool was_signaled = be::consume_signal(slot_of(op).ov);
        Transition t = about(op, op.api, closed ? Kind::peer_closed : Kind::completed_immediately);
        t.event_signaled = was_signaled;
        t.result = r.ret;
        t.bytes = r.bytes;
        if (op.api == Api::WSARecv) copy_data(t, op, r.bytes);
        emit(t);
        if (closed) sessions[op.session].reading = false;
        finish(op);
        break;
      }
      case be::Status::pending: {
        op.pending = true;
        Transition t = about(op, op.api, Kind::pending);
        t.result = r.ret;
        t.error = r.error;
        emit(t);
        break;
      }
      case be::Status::failed: {
        Transition t = about(op, op.api, Kind::failed);
        t.result = r.ret;
        t.error = r.error;
        emit(t);
        finish(op);
        break;
      }
    }
  }

  // ---- completion (flow steps 3 and 4) -----------------------------------------------------
  // Returns false when the event fired but the op is not done yet (io_uring: a cancel request's
  // own CQE), so nothing is reported.
  bool complete(Op& op, int wait_index) {
    Slot& slot = slot_of(op);
    Transition signaled = about(op, Api::WSAWaitForMultipleEvents, Kind::signaled);
    const be::FetchResult r = be::fetch_result(sessions[op.session].socket, slot.ov);
    if (!r.ok && r.error == be::kWsaIoIncomplete) return false;
    signaled.result = wait_index;
    emit(signaled);

    op.pending = false;
    const bool closed = r.ok && op.api == Api::WSARecv && r.bytes == 0 && op.size > 0;
    Kind kind = r.ok ? (closed ? Kind::peer_closed : Kind::result_fetched) : Kind::failed;
    Transition t = about(op, Api::WSAGetOverlappedResult, kind);
    t.result = r.ret;
    t.error = r.ok ? 0 : r.error;
    t.bytes = r.bytes;
    if (op.api == Api::WSARecv) copy_data(t, op, r.bytes);
    emit(t);
    if (closed || !r.ok) sessions[op.session].reading = false;
    finish(op);
    return true;
  }

  // The lecture's server loop: as soon as a receive completes, post the next one.
  void keep_reading() {
    more_to_read = false;
    for (uint32_t s : {kServerSession, kClientSession}) {
      Session& session = sessions[s];
      for (int budget = kImmediateRepostBudget; budget > 0; --budget) {
        if (s == kServerSession && model_server) break;  // the reading loop is the event model's
        if (!session.reading || session.socket == be::kInvalidSocket) break;
        const bool recv_pending = std::any_of(ops.begin(), ops.end(), [&](auto& o) {
          return o->session == s && o->api == Api::WSARecv && o->pending;
        });
        if (recv_pending || hold_reading()) break;
        more_to_read = false;
        post(netcore::post_recv(s, session.read_size), next_op.fetch_add(1));
        if (budget == 1) more_to_read = true;  // data keeps coming: go round again, no wait
      }
    }
  }

  // True while the consumer has more than read_backlog transitions to drain: the next WSARecv
  // waits (the peer's data waits in the kernel's buffers) until drain() wakes the thread.
  bool hold_reading() {
    if (out.backlog() < options.read_backlog) return false;
    reading_held.store(true, std::memory_order_seq_cst);
    if (out.backlog() >= options.read_backlog) return true;  // drain() will see the flag
    reading_held.store(false, std::memory_order_seq_cst);    // it drained meanwhile
    return false;
  }

  // The pending ops and their events, in the order WSAWaitForMultipleEvents gets them.
  // Filled before each wait and reused, so the netcore thread's loop allocates nothing.
  // One wait takes at most 64 handles (WSA_MAXIMUM_WAIT_EVENTS): the lab's wake-up event and
  // the 63 oldest pending ops of all sessions together. A newer op is still pending for real,
  // but nobody watches its event until an older one ends and frees a handle; both moments are
  // reported (unwatched, watched). Oldest first keeps a watched op watched: ops only leave.
  std::vector<Op*> waiting_ops;
  std::vector<be::Overlapped*> waiting_events;
  size_t unwatched_count = 0;
  void gather_pending() {
    waiting_ops.clear();
    waiting_events.clear();
    unwatched_count = 0;
    for (auto& o : ops) {
      if (!o->pending) continue;
      if (waiting_ops.size() < size_t(be::kMaxWaitOps)) {
        waiting_ops.push_back(o.get());
        waiting_events.push_back(slot_of(*o).ov);
        if (!o->watched && o->unwatched) emit(still_pending(*o, Kind::watched));
        o->watched = true;
      } else {
        ++unwatched_count;
        if (!o->unwatched) emit(still_pending(*o, Kind::unwatched));
        o->unwatched = true;
      }
    }
  }

  // unwatched / watched: no call is made, the op's own call's answer stands (SOCKET_ERROR,
  // WSA_IO_PENDING), so the inspector shows that, not a wait's return.
  Transition still_pending(const Op& op, Kind kind) {
    Transition t = about(op, op.api, kind);
    t.result = kSocketError;
    t.error = kWsaIoPending;
    return t;
  }

  // Waits (bounded) until every pending op has signaled and been reported.
  void drain_pending(int timeout_ms) {
    const uint64_t deadline = now_ns() + uint64_t(timeout_ms) * 1000000;
    while (pending_count() && now_ns() < deadline) {
      gather_pending();
      auto& pending = waiting_ops;
      auto& events = waiting_events;
      int32_t error = 0;
      const int remaining_ms = int((deadline - now_ns()) / 1000000) + 1;
      publish();
      const int i = be::wait_any(events.data(), int(events.size()), waker, remaining_ms, error);
      if (i < 0) break;
      if (i == int(events.size()))
        be::clear(waker);
      else
        complete(*pending[size_t(i)], i);
    }
  }

  // An op that has not completed even after its socket was closed and the drain timed out (a
  // loaded machine, or Wine) still gets its one end, the lab's own LAB_GAVE_UP_WAITING: the
  // engine stopped waiting for it (no Winsock call said so). Its OVERLAPPED and buffers are kept
  // (leaked), never freed under the kernel's feet.
  void abandon_pending() {
    for (auto& o : ops) {
      if (!o->pending) continue;
      Transition t = about(*o, Api::WSAWaitForMultipleEvents, Kind::failed);
      t.result = kSocketError;
      t.error = kLabGaveUpWaiting;
      emit(t);
      slot_of(*o).ov = nullptr;
      slot_of(*o).op = nullptr;
      o.release();
    }
    ops.clear();
  }

  void close_session(uint32_t s) {
    Session& session = sessions[s];
    if (session.socket == be::kInvalidSocket) return;
    for (auto& o : ops)
      if (o->session == s && o->pending) be::before_close(session.socket, slot_of(*o).ov);
    if (s == kServerSession && model_server) model_server->before_close();
    be::close_socket(session.socket);
    if (s == kServerSession && model_server) {
      model_server->after_close();
      model_server.reset();  // here, on the issuing thread: aborted routines run in its wait
      pump_model();
    }
    session.socket = be::kInvalidSocket;
    session.reading = false;
    emit(about_session(s, Api::closesocket, Kind::closed));
    if (s == kServerSession) peer = false;
  }

  void cancel_ops(uint32_t s, uint32_t op_id) {
    for (auto& o : ops) {
      if (o->session != s || !o->pending || (op_id && o->id != op_id)) continue;
      int32_t error = 0;
      const bool ok = be::cancel(sessions[s].socket, slot_of(*o).ov, error);
      Transition t = about(*o, Api::CancelIoEx, Kind::canceled);
      t.result = ok ? 1 : 0;
      t.error = ok ? 0 : error;
      emit(t);
    }
  }

  void destroy_slots() {
    for (Session& session : sessions) {
      for (Slot& slot : session.slots) be::destroy_overlapped(slot.ov);
      session.slots.clear();
    }
  }

  // ---- the lab ------------------------------------------------------------------------------
  std::string open_listener() {
    int32_t error = 0;
    listener = be::listen_tcp(options.host.c_str(), options.port, error);
    if (listener == be::kInvalidSocket) {
      return listen_failure(backend_id, options.host, options.port, error);
    }
    port = be::local_port(listener);
    emit(about_session(kNoSession, Api::listen, Kind::listening, port));
    return {};
  }

  // The end of a "cannot listen/connect" line: the error's name, or that the host name given
  // (--host, HOST:PORT) could not be resolved to an address.
  std::string why(int32_t error) const { return address_failure(backend_id, options.host, error); }

  std::string connect_client(uint16_t to_port) {
    int32_t error = 0;
    const be::Socket s = be::connect_tcp(options.host.c_str(), to_port, error);
    if (s == be::kInvalidSocket) {
      const std::string name = error_name(backend_id, error);
      const std::string where = "cannot connect to " + options.host + ":" + std::to_string(to_port);
      if (name.find("CONNREFUSED") != std::string::npos)
        return where + ": connection refused (" + name + "); is the server running?";
      return where + ": " + why(error);
    }
    sessions[kClientSession].socket = s;
    emit(about_session(kClientSession, Api::connect, Kind::connected, to_port));
    return {};
  }

  bool accept_server() {
    int32_t error = 0;
    const be::Socket s = be::accept_wait(listener, waker, error);
    if (s == be::kInvalidSocket) return false;
    sessions[kServerSession].socket = s;
    {
      std::lock_guard lock(peer_mutex);  // before the accepted transition: a UI reads it then
      peer_address = be::peer_address(s);
    }
    peer = true;
    emit(about_session(kServerSession, Api::accept, Kind::accepted, port));
    start_model();
    return true;
  }

  std::string build_lab() {
    switch (options.mode) {
      case LabMode::loopback: {
        if (listener == be::kInvalidSocket)
          if (auto e = open_listener(); !e.empty()) return e;
        if (auto e = connect_client(port); !e.empty()) return e;
        accept_server();
        return {};
      }
      case LabMode::serve:
        return listener == be::kInvalidSocket ? open_listener() : std::string();
      case LabMode::connect:
        port = options.port;
        return connect_client(options.port);
    }
    return {};
  }

  void reset_lab() {
    for (uint32_t s : {kServerSession, kClientSession}) close_session(s);
    drain_pending(kDrainTimeoutMs);
    abandon_pending();
    destroy_slots();
    if (std::string e = build_lab(); !e.empty()) {
      Transition t = about_session(kNoSession, Api::connect, Kind::failed, kSocketError);
      emit(t);
    }
  }

  // ---- commands -----------------------------------------------------------------------------
  void run(const Command& c) {
    const bool session_ok = valid_session(c.session);
    switch (c.kind) {
      case CommandKind::post_recv:
      case CommandKind::post_send:
        post(c, c.op);
        break;
      case CommandKind::set_reading:
        if (!session_ok) break;
        if (c.session == kServerSession && model_server) {  // the loop is the event model's
          Transition t =
              about_session(c.session, Api::none, Kind::failed, kSocketError, kLabRefused);
          set_note(t, "reading loop: only in the event model");
          emit(t);
          break;
        }
        sessions[c.session].reading = c.value != 0;
        if (c.size) sessions[c.session].read_size = c.size;
        {
          Transition t = about_session(c.session, Api::none, Kind::option_set, c.value);
          set_note(t, c.value ? "reading on: a WSARecv stays posted" : "reading off");
          emit(t);
        }
        more_to_read = true;
        break;
      case CommandKind::set_sndbuf:
      case CommandKind::set_rcvbuf: {
        if (!session_ok) break;
        int32_t error = 0;
        const bool ok = be::set_buffer_size(sessions[c.session].socket,
                                            c.kind == CommandKind::set_sndbuf, c.value, error);
        Transition t =
            about_session(c.session, Api::setsockopt, ok ? Kind::option_set : Kind::failed,
                          ok ? 0 : kSocketError, ok ? 0 : error);
        t.bytes = uint32_t(c.value);
        const std::string note =
            std::string(c.kind == CommandKind::set_sndbuf ? "SO_SNDBUF = " : "SO_RCVBUF = ") +
            std::to_string(c.value);
        set_note(t, note.c_str());
        emit(t);
        break;
      }
      case CommandKind::shutdown_send: {
        if (!session_ok) break;
        int32_t error = 0;
        const bool ok = be::shutdown_send(sessions[c.session].socket, error);
        Transition t = about_session(c.session, Api::shutdown, ok ? Kind::option_set : Kind::failed,
                                     ok ? 0 : kSocketError, ok ? 0 : error);
        set_note(t, "SD_SEND: no more data from this side");
        emit(t);
        break;
      }
      case CommandKind::close:
        if (session_ok) close_session(c.session);
        break;
      case CommandKind::cancel:
        if (session_ok) cancel_ops(c.session, c.op);
        break;
      case CommandKind::reset:
        reset_lab();
        break;
      case CommandKind::set_model: {
        LabModel m = LabModel::event;
        for (LabModel known : kLabModels)
          if (int32_t(known) == c.value) m = known;
        model = m;
        Transition t = about_session(kServerSession, Api::none, Kind::option_set, c.value);
        set_note(t, (std::string("model: ") + lab_model_name(m)).c_str());
        emit(t);
        reset_lab();  // a socket stays with its port: a new model needs new sockets
        break;
      }
      case CommandKind::alertable:
        if (!model_server ||
            !model_server->alertable(std::chrono::milliseconds(std::clamp(c.value, 0, 60000)))) {
          Transition t =
              about_session(kServerSession, Api::SleepEx, Kind::failed, kSocketError, kLabRefused);
          set_note(t, "alertable: only the completion-routine model has routines to run");
          emit(t);
        }
        pump_model();
        break;
      case CommandKind::touch_buffer:
        for (auto& o : ops) {
          if (o->id != c.op) continue;
          // The pitfall, done on purpose: the kernel may still read or write this memory.
          auto& first = o->blocks.front();
          std::memcpy(first.data(), c.text, std::min<size_t>(c.text_len, first.size()));
          Transition t = about(*o, Api::none, Kind::option_set);
          copy_data(t, *o, o->size);
          emit(t);
        }
        break;
    }
  }

  void run_commands() {
    std::vector<Command> batch;
    {
      std::lock_guard lock(command_mutex);
      batch.swap(commands);
    }
    for (const Command& c : batch) run(c);
  }

  // ---- the thread ---------------------------------------------------------------------------
  void loop() {
    while (!stopping.load()) {
      run_commands();
      pump_model();
      if (stopping.load()) break;
      if (options.mode == LabMode::serve && !peer.load() &&
          sessions[kServerSession].socket == be::kInvalidSocket) {
        publish();
        accept_server();  // returns early when a command wakes us
        continue;
      }
      keep_reading();

      gather_pending();
      auto& pending = waiting_ops;
      auto& events = waiting_events;
      const int n = int(events.size());
      // The completion-routine model's busy thread looks at its receives between rounds.
      const bool looking = model_server && model_server->looking();
      const int timeout = more_to_read ? 0
                          : looking    ? int(LabModelServer::kLookInterval.count())
                                       : -1;
      if (n) {
        Transition blocked =
            about_session(kNoSession, Api::WSAWaitForMultipleEvents, Kind::blocked, n);
        if (unwatched_count) {
          const std::string note = "64 handles: " + std::to_string(n) + " ops + wake-up; " +
                                   std::to_string(unwatched_count) + " not watched";
          set_note(blocked, note.c_str());
        }
        emit(blocked);
      }
      int32_t error = 0;
      publish();
      const int i = be::wait_any(events.data(), n, waker, timeout, error);
      if (n) {
        Transition woke = about_session(kNoSession, Api::WSAWaitForMultipleEvents, Kind::unblocked,
                                        i, i == -2 ? error : 0);
        set_note(woke, i == n ? "woken by a command" : i >= 0 ? "an event was signaled" : "");
        emit(woke);
      }
      if (i == n)
        be::clear(waker);
      else if (i >= 0)
        complete(*pending[size_t(i)], i);
      if (looking) model_server->look();
    }
    // Posts still queued never ran: each still gets its one end, the lab's own LAB_NOT_RUN (no
    // WSARecv/WSASend was called, so Winsock has nothing to say), so no op id that submit()
    // handed out is left without a word.
    std::vector<Command> unrun;
    {
      std::lock_guard lock(command_mutex);
      unrun.swap(commands);
    }
    for (const Command& c : unrun) {
      if (c.kind != CommandKind::post_recv && c.kind != CommandKind::post_send) continue;
      const Api api = c.kind == CommandKind::post_recv ? Api::WSARecv : Api::WSASend;
      Transition t = about_session(c.session, api, Kind::failed, kSocketError, kLabNotRun);
      t.op = c.op;
      t.op_api = api;
      emit(t);
    }
    // Shutting down with I/O pending: cancel, report each abort, then close.
    for (uint32_t s : {kServerSession, kClientSession}) cancel_ops(s, 0);
    drain_pending(kDrainTimeoutMs);
    for (uint32_t s : {kServerSession, kClientSession}) close_session(s);
    drain_pending(kDrainTimeoutMs);
    be::close_socket(listener);
    listener = be::kInvalidSocket;
    abandon_pending();
    destroy_slots();
    publish();
  }
};

Engine::Engine(EngineOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

Engine::~Engine() {
  stop();
}

bool Engine::start(std::string& error) {
  Impl& d = *impl_;
  if (d.started) return true;
  if (!be::startup(error)) return false;
  d.stopping = false;  // a stopped engine can be started again
  d.waker = be::create_waker();
  std::promise<std::string> ready;
  auto result = ready.get_future();
  d.model_recorder.on_add = [&d] { be::wake(d.waker); };
  d.thread = std::thread([&d, &ready] {
    d.os_thread = models_io::thread_id();
    std::string e = d.build_lab();
    d.publish();
    const bool ok = e.empty();
    ready.set_value(std::move(e));
    if (ok) d.loop();
  });
  error = result.get();
  d.started = true;
  if (!error.empty()) {
    stop();
    return false;
  }
  return true;
}

void Engine::stop() {
  Impl& d = *impl_;
  if (!d.started) return;
  d.stopping = true;
  be::wake(d.waker);
  if (d.thread.joinable()) d.thread.join();
  d.destroy_slots();
  be::close_socket(d.listener);
  d.listener = be::kInvalidSocket;
  be::destroy_waker(d.waker);
  d.waker = nullptr;
  be::cleanup();
  d.started = false;
}

uint32_t Engine::submit(Command c) {
  Impl& d = *impl_;
  // A Command is plain data from anywhere (a lesson script, a file): its text cannot be longer
  // than the array that holds it.
  c.text_len = uint8_t(std::min<int>(c.text_len, kCommandTextCapacity));
  if (c.kind == CommandKind::post_recv || c.kind == CommandKind::post_send)
    c.op = d.next_op.fetch_add(1);
  // model() answers the model asked for at once: the UI shows it while the lab is rebuilt.
  if (c.kind == CommandKind::set_model)
    for (LabModel known : kLabModels)
      if (int32_t(known) == c.value) d.model = known;
  {
    std::lock_guard lock(d.command_mutex);
    d.commands.push_back(c);
  }
  if (d.waker) be::wake(d.waker);
  return c.kind == CommandKind::post_recv || c.kind == CommandKind::post_send ? c.op : 0;
}

size_t Engine::drain(std::vector<Transition>& out) {
  Impl& d = *impl_;
  const size_t n = d.out.drain(out);
  if (d.reading_held.exchange(false, std::memory_order_seq_cst) && d.waker) be::wake(d.waker);
  return n;
}

bool Engine::wait_for_transitions(std::chrono::milliseconds timeout) {
  return impl_->out.wait(timeout);
}

void EngineTestHooks::emit(Engine& engine, const Transition& t) {
  engine.impl_->emit(t);
}

void EngineTestHooks::publish(Engine& engine) {
  engine.impl_->publish();
}

uint64_t Engine::dropped() const {
  return impl_->out.dropped();
}
Backend Engine::backend() const {
  return impl_->backend_id;
}
uint16_t Engine::port() const {
  return impl_->port.load();
}
bool Engine::peer_connected() const {
  return impl_->peer.load();
}
std::string Engine::peer_address() const {
  std::lock_guard lock(impl_->peer_mutex);
  return impl_->peer_address;
}
LabModel Engine::model() const {
  return impl_->model.load();
}

const char* lab_model_name(LabModel m) {
  switch (m) {
    case LabModel::event:
      return "event";
    case LabModel::completion_routine:
      return "completion-routine";
    case LabModel::iocp:
      return "iocp";
    case LabModel::event_select:
      return "event-select";
  }
  return "?";
}

bool lab_model_from_name(std::string_view name, LabModel& out) {
  for (LabModel m : kLabModels)
    if (name == lab_model_name(m)) {
      out = m;
      return true;
    }
  return false;
}

}  // namespace netcore
