#include <chrono>

#include "netcore/watch.hpp"

namespace netcore {

namespace {

uint64_t steady_ns() {
  return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                   std::chrono::steady_clock::now().time_since_epoch())
                                   .count());
}

}  // namespace

std::string WatchFeed::listen(const std::string& host, int port) {
  return watcher_.listen(host, port);
}

uint32_t WatchFeed::merged(std::map<uint32_t, uint32_t>& ids, uint32_t id, uint32_t& next) {
  const auto [it, added] = ids.emplace(id, next);
  if (added) ++next;
  return it->second;
}

void WatchFeed::add(Program& p, Transition t, std::vector<Transition>& out,
                    std::vector<WatchedPitfall>& hits) {
  // A gap in the program's own seq stays a gap in ours: the model counts what was lost.
  if (t.seq > p.next_seq) next_seq_ += t.seq - p.next_seq;
  p.next_seq = t.seq + 1;
  t.seq = next_seq_++;
  if (!p.started) {
    p.clock_offset = static_cast<int64_t>(steady_ns() - t.t_ns);
    p.started = true;
  }
  t.t_ns = static_cast<uint64_t>(static_cast<int64_t>(t.t_ns) + p.clock_offset);
  if (t.session != kNoSession) {
    const uint32_t socket = t.session;
    t.session = merged(p.sessions, socket, next_session_);
    session_labels_.emplace(t.session, WatchLabel{p.who, socket});
  }
  if (t.op != 0) t.op = merged(p.ops, t.op, next_op_);
  const uint32_t thread = t.thread;
  t.thread = merged(p.threads, thread, next_thread_);
  thread_labels_.emplace(t.thread, WatchLabel{p.who, thread});
  if (const auto hit = p.checker.feed(t)) hits.push_back({hit->pitfall, out.size()});
  out.push_back(t);
}

void WatchFeed::drain(std::vector<Transition>& out, std::vector<WatchedPitfall>& hits,
                      std::vector<std::string>& notes) {
  // Until nothing more is waiting (one poll reads at most 16 KiB per connection), or 64 rounds:
  // a program that streams faster than the frame drains must not hold the frame.
  for (int round = 0, more = 1; more && round < 64; ++round) {
    const size_t before = out.size() + notes.size();
    watcher_.poll(0, [&](const WatchEvent& e) {
      const std::string who = e.name + "[" + std::to_string(e.pid) + "]";
      switch (e.type) {
        case WatchEvent::Type::connected:
          programs_[e.program].who = who;
          notes.push_back(who + " connected");
          break;
        case WatchEvent::Type::disconnected:
          notes.push_back(who + " disconnected" + (e.message.empty() ? "" : ": " + e.message));
          break;
        case WatchEvent::Type::bad_line:
          notes.push_back((e.name.empty() ? std::string("a connection") : who) + ": " + e.message);
          break;
        case WatchEvent::Type::transition:
          add(programs_[e.program], e.transition, out, hits);
          break;
      }
    });
    more = out.size() + notes.size() != before;
  }
}

const WatchLabel* WatchFeed::session_label(uint32_t session) const {
  const auto it = session_labels_.find(session);
  return it == session_labels_.end() ? nullptr : &it->second;
}

const WatchLabel* WatchFeed::thread_label(uint32_t thread) const {
  const auto it = thread_labels_.find(thread);
  return it == thread_labels_.end() ? nullptr : &it->second;
}

}  // namespace netcore
