// Soak: random commands thrown at the real engine (loopback lab) from two threads while a third
// drains, then the promises every run keeps are checked over everything that was drained:
//   - seq is gap-free (the queue is large, so no transition may be dropped);
//   - t_ns never goes back (one netcore thread stamps them all);
//   - every op id returned by submit() ends exactly once (completed_immediately, result_fetched,
//     failed or peer_closed) and nothing is reported for it afterwards;
//   - an op's first transition is `posted` (or `failed`, when it could not even be posted).
// After the engine, the three Windows-model runners (windows_models.hpp) run again and again
// for a quarter of --seconds, with random delays: each run must end without error, with seq
// gap-free from 1, and with exactly one server-side transition handing the program the 100 bytes.
// The engine must neither crash nor hang (a watchdog aborts with a message if it stops talking).
// Nothing here is timed: --seconds only says how long to keep throwing commands.
//
// Usage: netcore_soak [--seconds N] [--seed S]     (defaults: 60 s, a seed from the clock)
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "netcore/command.hpp"
#include "netcore/driver.hpp"
#include "netcore/engine.hpp"
#include "netcore/windows_models.hpp"

namespace {

using namespace netcore;
using Clock = std::chrono::steady_clock;

constexpr int kKinds = int(Kind::network_events) + 1;  // the last kind of NETCORE_KINDS

struct OpState {
  uint8_t submitted = 0, seen = 0, ends = 0, after_end = 0, bad_first = 0;
};

struct Checker {
  std::vector<OpState> ops;  // indexed by op id (ids are handed out in order from 1)
  uint64_t next_seq = 0, last_t_ns = 0, transitions = 0;
  uint64_t per_kind[kKinds] = {};
  uint64_t seq_gaps = 0, time_back = 0;
  std::vector<std::string> examples;  // the first few violations, in words

  OpState& op(uint32_t id) {
    if (id >= ops.size()) ops.resize(size_t(id) * 2 + 1024);
    return ops[id];
  }

  void violation(const std::string& what) {
    if (examples.size() < 10) examples.push_back(what);
  }

  void check(const Transition& t) {
    ++transitions;
    ++per_kind[int(t.kind) % kKinds];
    if (t.seq != next_seq) {
      ++seq_gaps;
      violation("seq " + std::to_string(t.seq) + " where " + std::to_string(next_seq) +
                " was expected");
    }
    next_seq = t.seq + 1;
    if (t.t_ns < last_t_ns) {
      ++time_back;
      violation("t_ns went back at seq " + std::to_string(t.seq));
    }
    last_t_ns = t.t_ns;
    if (!t.op) return;
    OpState& s = op(t.op);
    if (!s.seen && t.kind != Kind::posted && t.kind != Kind::failed) {
      s.bad_first = 1;
      violation("op " + std::to_string(t.op) + " began with " + kind_name(t.kind));
    }
    s.seen = 1;
    if (s.ends) {
      s.after_end = 1;
      violation("op " + std::to_string(t.op) + " reported " + kind_name(t.kind) +
                " after it ended (seq " + std::to_string(t.seq) + ")");
    }
    if (ends_op(t.kind)) ++s.ends;
  }
};

// One submitting thread: a random walk over every command the UI can send.
struct Thrower {
  Engine& engine;
  std::mt19937_64 rng;
  std::atomic<uint32_t>& last_op;
  std::mutex& submitted_mutex;
  std::vector<uint32_t>& submitted;
  uint64_t commands = 0;

  uint32_t pick(uint32_t n) { return uint32_t(rng() % n); }

  uint32_t session() {
    const uint32_t r = pick(100);
    if (r < 2)
      return pick(2) ? uint32_t(kNoSession) : 7u;  // not a session: must be refused cleanly
    return r % 2 ? kServerSession : kClientSession;
  }

  uint32_t size() {
    const uint32_t r = pick(100);
    if (r < 3) return 0;
    if (r < 50) return 1 + pick(200);
    if (r < 80) return 1 + pick(4096);
    if (r < 96) return 1 + pick(65536);
    return 1 + pick(1 << 20);  // large: a send goes pending until the peer reads
  }

  uint32_t recent_op() {
    const uint32_t last = last_op.load();
    return last > 8 ? last - pick(8) : last;
  }

  void note(uint32_t op) {
    if (!op) return;
    last_op = op;
    std::lock_guard lock(submitted_mutex);
    submitted.push_back(op);
  }

  void one() {
    ++commands;
    const uint32_t r = pick(1000);
    const uint32_t wsabufs = pick(6);  // 0 and 5 are clamped to 1..4 by the engine
    if (r < 330) {
      note(engine.submit(post_recv(session(), size(), wsabufs)));
    } else if (r < 660) {
      const uint32_t n = size();
      note(engine.submit(pick(2) ? post_send(session(), "Hello World", n, wsabufs)
                                 : post_send_bytes(session(), n, wsabufs)));
    } else if (r < 760) {
      engine.submit(cancel(session(), pick(3) ? recent_op() : 0));
    } else if (r < 860) {
      Command c = set_reading(session(), pick(2));
      if (pick(2)) c.size = size();
      engine.submit(c);
    } else if (r < 910) {
      static constexpr int32_t kSizes[] = {-1, 0, 1, 512, 4096, 65536, 1 << 20, 1 << 30};
      engine.submit(set_buffer(session(), pick(2), kSizes[pick(8)]));
    } else if (r < 955) {
      engine.submit(touch_buffer(recent_op(), "touched"));
    } else if (r < 965) {
      engine.submit(shutdown_send(session()));
    } else if (r < 975) {
      engine.submit(close_session(session()));
    } else if (r < 983) {
      engine.submit(set_model(uint8_t(pick(6))));  // 4 and 5 are not models: the event model
    } else if (r < 991) {
      engine.submit(alertable_wait(int32_t(pick(30))));  // refused outside the routine model
    } else {
      engine.submit(reset_lab());
    }
  }
};

}  // namespace

int main(int argc, char** argv) {
  double seconds = 60;
  uint64_t seed = uint64_t(Clock::now().time_since_epoch().count());
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--seconds") && i + 1 < argc)
      seconds = std::atof(argv[++i]);
    else if (!std::strcmp(argv[i], "--seed") && i + 1 < argc)
      seed = std::strtoull(argv[++i], nullptr, 10);
    else {
      std::fprintf(stderr, "usage: netcore_soak [--seconds N] [--seed S]\n");
      return 2;
    }
  }
  std::printf("soak: seed=%llu seconds=%g\n", static_cast<unsigned long long>(seed), seconds);
  std::fflush(stdout);

  Engine engine;  // the default queue holds 1M transitions: with a live drainer nothing drops
  std::string error;
  if (!engine.start(error)) {
    std::fprintf(stderr, "soak: engine did not start: %s\n", error.c_str());
    return 1;
  }

  Checker checker;
  std::atomic<bool> throwing{true}, draining{true};
  std::atomic<uint32_t> highest_seen{0};  // the newest op id the engine has reported
  std::atomic<int64_t> last_progress{Clock::now().time_since_epoch().count()};
  std::thread drainer([&] {
    std::vector<Transition> batch;
    while (draining.load()) {
      batch.clear();
      engine.drain(batch);
      for (const Transition& t : batch) {
        checker.check(t);
        if (t.op > highest_seen.load(std::memory_order_relaxed)) highest_seen = t.op;
      }
      if (!batch.empty()) last_progress = Clock::now().time_since_epoch().count();
      engine.wait_for_transitions(std::chrono::milliseconds(5));
    }
  });

  std::atomic<uint32_t> last_op{0};
  std::mutex submitted_mutex;
  std::vector<uint32_t> submitted;
  std::vector<std::thread> throwers;
  std::atomic<uint64_t> commands{0};
  for (int k = 0; k < 2; ++k)
    throwers.emplace_back([&, k] {
      Thrower thrower{engine, std::mt19937_64(seed + uint64_t(k)), last_op, submitted_mutex,
                      submitted};
      std::mt19937_64 pause(seed ^ 0x9e3779b97f4a7c15ULL ^ uint64_t(k));
      while (throwing.load()) {
        // Keep the engine busy but not buried (a slow ASan build falls behind two throwers):
        // at most a few thousand ops submitted and not yet reported.
        if (last_op.load() > highest_seen.load() + 2000) {
          std::this_thread::sleep_for(std::chrono::milliseconds(1));
          continue;
        }
        // Bursts and pauses: sometimes a few commands back to back, sometimes a breath.
        const int burst = 1 + int(pause() % 8);
        for (int i = 0; i < burst; ++i) thrower.one();
        std::this_thread::sleep_for(std::chrono::microseconds(pause() % 2000));
      }
      commands += thrower.commands;
    });

  // The watchdog: the engine answers every command with at least one transition most of the
  // time; 20 s of silence while commands keep coming means it is stuck.
  const auto deadline = Clock::now() + std::chrono::duration<double>(seconds);
  bool hung = false;
  while (Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    const auto idle = Clock::now().time_since_epoch().count() - last_progress.load();
    if (std::chrono::nanoseconds(idle) > std::chrono::seconds(20)) {
      hung = true;
      break;
    }
  }
  throwing = false;
  for (auto& t : throwers) t.join();
  if (hung) {
    std::fprintf(stderr, "soak: FAIL: the engine reported nothing for 20 s (hung?)\n");
    std::_Exit(1);
  }

  // Stop: pending ops are cancelled and reported; then everything left is drained.
  std::atomic<bool> stopped{false};
  std::thread stop_watch([&] {
    for (int i = 0; i < 600 && !stopped.load(); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    if (!stopped.load()) {
      std::fprintf(stderr, "soak: FAIL: Engine::stop() did not return within 60 s\n");
      std::_Exit(1);
    }
  });
  engine.stop();
  stopped = true;
  stop_watch.join();
  draining = false;
  drainer.join();
  std::vector<Transition> rest;
  engine.drain(rest);
  for (const Transition& t : rest) checker.check(t);

  // Every op id handed out must have ended exactly once.
  uint64_t never_seen = 0, not_ended = 0, ended_twice = 0, after_end = 0, bad_first = 0;
  for (uint32_t id : submitted) checker.op(id).submitted = 1;
  for (size_t id = 0; id < checker.ops.size(); ++id) {
    const OpState& s = checker.ops[id];
    if (s.submitted && !s.seen) {
      ++never_seen;
      checker.violation("op " + std::to_string(id) + " was submitted but never reported");
    } else if ((s.submitted || s.seen) && s.ends == 0) {
      ++not_ended;
      checker.violation("op " + std::to_string(id) + " never ended");
    }
    if (s.ends > 1) ++ended_twice;
    after_end += s.after_end;
    bad_first += s.bad_first;
  }

  // The Windows-model runners, after the engine: their rings and the engine's are mapped by
  // liburing's own syscalls, which TSan does not see, so a ring reusing the address of another
  // thread's freed one would look like a race. Run apart, they are checked for real ones.
  uint64_t model_runs = 0, model_failures = 0;
  std::vector<std::string> model_examples;
  {
    std::mt19937_64 random(seed ^ 0x51ed270b27ULL);
    const auto models_until = Clock::now() + std::chrono::duration<double>(seconds / 4);
    while (Clock::now() < models_until) {
      const WindowsModel m = kWindowsModels[random() % kWindowsModels.size()];
      const WindowsModelRun r =
          run_windows_model(m, std::chrono::milliseconds(random() % 50), std::chrono::seconds(20));
      int data_lines = 0;
      bool gap_free = true;
      for (size_t i = 0; i < r.transitions.size(); ++i) {
        const Transition& t = r.transitions[i];
        gap_free = gap_free && t.seq == i + 1;
        data_lines += t.session != kClientSession && t.bytes == 100 && t.data_len &&
                      std::strncmp(t.data, "Hello World", 11) == 0;
      }
      ++model_runs;
      if (r.error.empty() && gap_free && data_lines == 1) continue;
      ++model_failures;
      if (model_examples.size() < 5)
        model_examples.push_back(
            std::string(windows_model_demo(m)) + ": " + (r.error.empty() ? "" : r.error + "; ") +
            (gap_free ? "" : "seq has a gap; ") + std::to_string(data_lines) + " data line(s)");
    }
  }

  const uint64_t dropped = engine.dropped();
  const uint64_t violations = checker.seq_gaps + checker.time_back + never_seen + not_ended +
                              ended_twice + after_end + bad_first + dropped + model_failures;
  std::printf("soak: commands=%llu ops=%zu transitions=%llu dropped=%llu",
              static_cast<unsigned long long>(commands.load()), submitted.size(),
              static_cast<unsigned long long>(checker.transitions),
              static_cast<unsigned long long>(dropped));
  for (int k = 0; k < kKinds; ++k)
    if (checker.per_kind[k])
      std::printf(" %s=%llu", kind_name(Kind(k)),
                  static_cast<unsigned long long>(checker.per_kind[k]));
  std::printf("\n");
  std::printf(
      "soak: seq_gaps=%llu time_back=%llu never_reported=%llu not_ended=%llu ended_twice=%llu "
      "after_end=%llu bad_first=%llu\n",
      static_cast<unsigned long long>(checker.seq_gaps),
      static_cast<unsigned long long>(checker.time_back),
      static_cast<unsigned long long>(never_seen), static_cast<unsigned long long>(not_ended),
      static_cast<unsigned long long>(ended_twice), static_cast<unsigned long long>(after_end),
      static_cast<unsigned long long>(bad_first));
  std::printf("soak: windows models: runs=%llu failures=%llu\n",
              static_cast<unsigned long long>(model_runs),
              static_cast<unsigned long long>(model_failures));
  for (const std::string& e : model_examples) std::printf("soak: windows model: %s\n", e.c_str());
  for (const std::string& e : checker.examples) std::printf("soak: violation: %s\n", e.c_str());
  std::printf("soak: %s\n", violations ? "FAIL" : "ok");
  return violations ? 1 : 0;
}
