// Engine figures, printed one per line as name=value (tools/bench.sh). Nothing is asserted: the
// machine is shared and noisy, so every comparison is made inside one run, interleaved.
//
//   transition_ns                one transition through the engine's own queue, from the push
//                                (EngineTestHooks::emit, the netcore thread's emit()) to drain()
//                                on a consumer thread, at the maximum sustained rate
//   dropped                      transitions dropped when the queue is small and the consumer
//                                drains only once per UI frame: the producer never blocks
//   record_overhead_ratio        loopback throughput with transitions recorded / without
//                                (EngineOptions::record), median of interleaved A/B pairs; the
//                                _cpu_ figures compare process CPU time per byte instead, which
//                                other programs on a shared machine disturb far less
//   bytes_per_transition_engine  sizeof(Transition)
//
// Usage: bench_engine [--quick]
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "engine_hooks.hpp"
#include "netcore/command.hpp"
#include "netcore/engine.hpp"

namespace {

using namespace netcore;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

// CPU time of the whole process (every thread: engine, peer, consumer), in seconds. Far less
// sensitive than wall time to other programs taking the cores away.
double process_cpu_s() {
  rusage u{};
  ::getrusage(RUSAGE_SELF, &u);
  return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// CPU time of the calling thread: what a push or a drain costs, minus the time the thread sat
// descheduled because other programs had the cores.
double thread_cpu_s() {
  timespec ts{};
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

void figure(const char* name, double value, int decimals = 1) {
  std::printf("%s=%.*f\n", name, decimals, value);
  std::fflush(stdout);
}

void figure(const char* name, uint64_t value) {
  std::printf("%s=%llu\n", name, static_cast<unsigned long long>(value));
  std::fflush(stdout);
}

Transition sample_transition() {
  Transition t;
  t.session = kServerSession;
  t.op = 1;
  t.api = Api::WSARecv;
  t.op_api = Api::WSARecv;
  t.kind = Kind::completed_immediately;
  t.bytes = 100;
  t.data_len = 11;
  std::memcpy(t.data, "Hello World", 11);
  return t;
}

// ---- the queue -------------------------------------------------------------------------------

struct QueueRun {
  double ns_per_transition = 0;  // elapsed (first push .. last drain) / transitions drained
  double producer_ns = 0;        // the pushing thread's own time per push
  double producer_cpu_ns = 0;    // its CPU time per push
  double consumer_cpu_ns = 0;    // the draining thread's CPU time per transition drained
  uint64_t drained = 0, dropped = 0, gaps = 0;
};

// One producer pushes `count` transitions through the engine's queue while a consumer drains it:
// continuously (drain_every = 0), or once per `drain_every` like a UI frame.
QueueRun queue_run(uint64_t count, size_t capacity, std::chrono::microseconds drain_every) {
  EngineOptions options;
  options.queue_capacity = capacity;
  Engine engine(options);  // not started: this thread stands in for the netcore thread
  QueueRun run;
  std::atomic<bool> produced{false};
  const Transition t = sample_transition();
  const auto t0 = Clock::now();
  std::thread consumer([&] {
    const double cpu0 = thread_cpu_s();
    std::vector<Transition> batch;
    uint64_t next_seq = 0;
    for (;;) {
      const bool last = produced.load(std::memory_order_acquire);
      batch.clear();
      engine.drain(batch);
      for (const Transition& got : batch) {
        if (got.seq != next_seq) ++run.gaps;
        next_seq = got.seq + 1;
      }
      run.drained += batch.size();
      if (last && batch.empty()) break;
      if (drain_every.count()) std::this_thread::sleep_for(drain_every);
    }
    run.consumer_cpu_ns =
        (thread_cpu_s() - cpu0) * 1e9 / double(std::max<uint64_t>(run.drained, 1));
  });
  const double cpu0 = thread_cpu_s();
  for (uint64_t i = 0; i < count; ++i) EngineTestHooks::emit(engine, t);
  EngineTestHooks::publish(engine);
  run.producer_cpu_ns = (thread_cpu_s() - cpu0) * 1e9 / double(count);
  run.producer_ns = seconds_since(t0) * 1e9 / double(count);
  produced.store(true, std::memory_order_release);
  consumer.join();
  run.ns_per_transition = seconds_since(t0) * 1e9 / double(std::max<uint64_t>(run.drained, 1));
  run.dropped = engine.dropped();
  return run;
}

// ---- loopback throughput, recorded or not ------------------------------------------------------

int plain_listener(uint16_t& port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&addr), len) != 0 || ::listen(fd, 1) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
    return -1;
  port = ntohs(addr.sin_port);
  return fd;
}

int plain_connect(uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(port);
  if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) return -1;
  const int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

struct Throughput {
  double bytes_per_s = 0;
  double cpu_ns_per_byte = 0;  // process CPU time spent per byte moved, during the same slice
  double transitions_per_s = 0;
  uint64_t dropped = 0;
  bool ok = false;
};

// The consumer a UI would be: drains once per frame (16 ms), counting what it gets.
struct FrameConsumer {
  Engine& engine;
  std::atomic<bool> stop{false};
  std::atomic<uint64_t> transitions{0};
  std::thread thread{[this] {
    std::vector<Transition> batch;
    while (!stop.load()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(16));
      batch.clear();
      transitions += engine.drain(batch);
    }
  }};
  explicit FrameConsumer(Engine& e) : engine(e) {}
  ~FrameConsumer() {
    stop = true;
    thread.join();
  }
};

// Bytes that crossed the plain peer's socket during a measured slice, after a warm-up: with the
// socket buffers full at both ends, the peer's rate is the engine's rate.
template <class Counter>
void measure_rate(const Counter& bytes, double warmup_s, double slice_s, Throughput& out) {
  std::this_thread::sleep_for(std::chrono::duration<double>(warmup_s));
  const uint64_t b0 = bytes.load();
  const double cpu0 = process_cpu_s();
  const auto t0 = Clock::now();
  std::this_thread::sleep_for(std::chrono::duration<double>(slice_s));
  const uint64_t b1 = bytes.load();
  const double cpu1 = process_cpu_s();
  out.bytes_per_s = double(b1 - b0) / seconds_since(t0);
  out.cpu_ns_per_byte = b1 > b0 ? (cpu1 - cpu0) * 1e9 / double(b1 - b0) : 0;
}

// The lecture's server loop: the engine (serve mode) keeps a WSARecv of `size` bytes posted
// while a plain client writes as fast as the engine reads.
Throughput recv_throughput(bool record, uint32_t size, double slice_s) {
  EngineOptions options;
  options.mode = LabMode::serve;
  options.record = record;
  Engine engine(options);
  std::string error;
  Throughput out;
  if (!engine.start(error)) return out;
  const int fd = plain_connect(engine.port());
  if (fd < 0) return out;
  Command reading = set_reading(kServerSession, true);
  reading.size = size;
  engine.submit(reading);
  std::atomic<uint64_t> written{0};
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    std::vector<char> chunk(64 * 1024, 'x');
    while (!stop.load()) {
      const ssize_t n = ::send(fd, chunk.data(), chunk.size(), MSG_NOSIGNAL);
      if (n <= 0) break;
      written += uint64_t(n);
    }
  });
  {
    FrameConsumer consumer(engine);
    const uint64_t tr0 = consumer.transitions.load();
    const auto t0 = Clock::now();
    measure_rate(written, 0.1, slice_s, out);
    out.transitions_per_s = double(consumer.transitions.load() - tr0) / seconds_since(t0);
    stop = true;
    ::shutdown(fd, SHUT_RDWR);  // unblocks the writer
    writer.join();
    engine.stop();
  }
  ::close(fd);
  out.dropped = engine.dropped();
  out.ok = true;
  return out;
}

// The client side: the engine (connect mode) posts WSASends of `size` bytes, `window` in flight,
// to a plain server that reads as fast as it can and submits the next send for each one it got.
Throughput send_throughput(bool record, uint32_t size, double slice_s) {
  uint16_t port = 0;
  const int listener = plain_listener(port);
  Throughput out;
  if (listener < 0) return out;
  EngineOptions options;
  options.mode = LabMode::connect;
  options.port = port;
  options.record = record;
  Engine engine(options);
  std::string error;
  if (!engine.start(error)) {
    ::close(listener);
    return out;
  }
  const int fd = ::accept(listener, nullptr, nullptr);
  ::close(listener);
  if (fd < 0) return out;
  constexpr uint64_t kWindow = 16;  // sends in flight, well under the 63 pending ops limit
  std::atomic<uint64_t> received{0};
  std::thread reader([&] {
    std::vector<char> buf(256 * 1024);
    uint64_t submitted = 0, got = 0;
    for (; submitted < kWindow; ++submitted) engine.submit(post_send_bytes(kClientSession, size));
    for (;;) {
      const ssize_t n = ::recv(fd, buf.data(), buf.size(), 0);
      if (n <= 0) break;
      got += uint64_t(n);
      received = got;
      for (; submitted * size < got + kWindow * size; ++submitted)
        engine.submit(post_send_bytes(kClientSession, size));
    }
  });
  {
    FrameConsumer consumer(engine);
    const uint64_t tr0 = consumer.transitions.load();
    const auto t0 = Clock::now();
    measure_rate(received, 0.1, slice_s, out);
    out.transitions_per_s = double(consumer.transitions.load() - tr0) / seconds_since(t0);
    ::shutdown(fd, SHUT_RDWR);  // unblocks the reader
    reader.join();
    engine.stop();
  }
  ::close(fd);
  out.dropped = engine.dropped();
  out.ok = true;
  return out;
}

struct Ratio {
  double median = 0;
  double cpu_median = 0;  // CPU per byte without recording / with it
  double recorded_mb_s = 0, unrecorded_mb_s = 0, transitions_per_s = 0;
  uint64_t dropped = 0;
};

// A/B/B/A... so that a slow stretch of the shared machine hits both sides alike.
template <class Run>
Ratio interleaved(Run run, int pairs) {
  std::vector<double> ratios, cpu_ratios, rec, unrec, tps;
  Ratio r;
  for (int i = 0; i < pairs; ++i) {
    Throughput a, b;
    if (i % 2 == 0) {
      a = run(true);
      b = run(false);
    } else {
      b = run(false);
      a = run(true);
    }
    if (!a.ok || !b.ok || b.bytes_per_s <= 0) continue;
    ratios.push_back(a.bytes_per_s / b.bytes_per_s);
    if (a.cpu_ns_per_byte > 0) cpu_ratios.push_back(b.cpu_ns_per_byte / a.cpu_ns_per_byte);
    rec.push_back(a.bytes_per_s / 1e6);
    unrec.push_back(b.bytes_per_s / 1e6);
    tps.push_back(a.transitions_per_s);
    r.dropped += a.dropped;
  }
  if (ratios.empty()) return r;
  r.median = median(ratios);
  r.cpu_median = cpu_ratios.empty() ? 0 : median(cpu_ratios);
  r.recorded_mb_s = median(rec);
  r.unrecorded_mb_s = median(unrec);
  r.transitions_per_s = median(tps);
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  const bool quick = argc > 1 && std::strcmp(argv[1], "--quick") == 0;
  const int reps = quick ? 3 : 11;
  const double slice_s = quick ? 0.2 : 0.3;
  const uint64_t count = quick ? 500000 : 2000000;

  figure("bytes_per_transition_engine", uint64_t(sizeof(Transition)));

  // Maximum sustained rate: a consumer that drains continuously, a queue that never fills.
  std::vector<double> ns, producer_ns;
  uint64_t gaps = 0, dropped_unbounded = 0;
  for (int i = 0; i < reps; ++i) {
    const QueueRun r = queue_run(count, size_t(1) << 22, std::chrono::microseconds(0));
    ns.push_back(r.ns_per_transition);
    producer_ns.push_back(r.producer_ns);
    gaps += r.gaps;
    dropped_unbounded += r.dropped;
  }
  figure("transition_ns", median(ns));
  figure("transition_push_ns", median(producer_ns));
  figure("transition_seq_gaps", gaps + dropped_unbounded);

  // The same with a consumer that drains every millisecond (still far faster than it must):
  // the producer meets the consumer's lock far less often.
  std::vector<double> ns_1ms, push_cpu, drain_cpu;
  for (int i = 0; i < reps; ++i) {
    const QueueRun r = queue_run(count, size_t(1) << 22, std::chrono::microseconds(1000));
    ns_1ms.push_back(r.ns_per_transition);
    push_cpu.push_back(r.producer_cpu_ns);
    drain_cpu.push_back(r.consumer_cpu_ns);
  }
  figure("transition_ns_1ms_consumer", median(ns_1ms));
  // CPU time, not wall time: what the push and the drain cost when the thread has a core.
  figure("transition_push_cpu_ns", median(push_cpu));
  figure("transition_drain_cpu_ns", median(drain_cpu));

  // What one time stamp costs here (every transition takes one): on a VM with kvm-clock it is
  // a large part of the budget.
  {
    const auto t0 = Clock::now();
    uint64_t sink = 0;
    for (uint64_t i = 0; i < count; ++i) sink += uint64_t(Clock::now().time_since_epoch().count());
    const double clock_ns = seconds_since(t0) * 1e9 / double(count);
    if (sink == 1) std::puts("");  // keeps the loop
    figure("clock_ns", clock_ns);
  }

  // A small queue and a UI-like consumer (one drain per 16 ms frame): the producer keeps its pace
  // and counts what did not fit.
  const QueueRun full = queue_run(count, 4096, std::chrono::microseconds(16000));
  figure("dropped", full.dropped);
  figure("dropped_of", count);
  figure("transition_push_ns_full_queue", full.producer_ns);
  figure("dropped_seq_gaps_seen", full.gaps);

  // Recording on vs off on real loopback sockets, the lecture's 1 KiB reads and sends, and 64 KiB.
  const Ratio recv1k =
      interleaved([&](bool rec) { return recv_throughput(rec, 1024, slice_s); }, reps);
  const Ratio send1k =
      interleaved([&](bool rec) { return send_throughput(rec, 1024, slice_s); }, reps);
  const Ratio recv64k =
      interleaved([&](bool rec) { return recv_throughput(rec, 65536, slice_s); }, reps);
  const Ratio send64k =
      interleaved([&](bool rec) { return send_throughput(rec, 65536, slice_s); }, reps);
  figure("record_overhead_ratio", std::min(recv1k.median, send1k.median), 3);
  figure("record_overhead_ratio_recv_1k", recv1k.median, 3);
  figure("record_overhead_ratio_send_1k", send1k.median, 3);
  figure("record_overhead_ratio_recv_64k", recv64k.median, 3);
  figure("record_overhead_ratio_send_64k", send64k.median, 3);
  figure("record_overhead_ratio_cpu_recv_1k", recv1k.cpu_median, 3);
  figure("record_overhead_ratio_cpu_send_1k", send1k.cpu_median, 3);
  figure("record_overhead_ratio_cpu_recv_64k", recv64k.cpu_median, 3);
  figure("record_overhead_ratio_cpu_send_64k", send64k.cpu_median, 3);
  figure("recv_1k_mb_s_recorded", recv1k.recorded_mb_s);
  figure("recv_1k_mb_s_unrecorded", recv1k.unrecorded_mb_s);
  figure("send_1k_mb_s_recorded", send1k.recorded_mb_s);
  figure("send_1k_mb_s_unrecorded", send1k.unrecorded_mb_s);
  figure("recv_1k_transitions_per_s", recv1k.transitions_per_s, 0);
  figure("send_1k_transitions_per_s", send1k.transitions_per_s, 0);
  figure("loopback_dropped", recv1k.dropped + send1k.dropped + recv64k.dropped + send64k.dropped);
  return 0;
}
