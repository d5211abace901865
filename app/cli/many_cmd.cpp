// `iolab-cli demo many-clients` and `serve --clients N` (many_cmd.hpp).
#include "many_cmd.hpp"

#include <cstdio>
#include <string>
#include <vector>

#include "netcore/format.hpp"

namespace iolab {
using namespace netcore;

namespace {

// Text lines name the session ("s17") or, for a waiting thread's own, the thread ("t4242").
void print_transition(const Transition& t, Backend backend, bool jsonl, uint64_t& t0) {
  if (!t0) t0 = t.t_ns;
  const std::string label =
      t.session ? "s" + std::to_string(t.session) : "t" + std::to_string(t.thread);
  const std::string line =
      jsonl ? format_jsonl(t, backend) : format_text(t, backend, t0, label.c_str());
  std::printf("%s\n", line.c_str());
}

const char* model_summary(ManyModel m) {
  return m == ManyModel::event ? "WSAWaitForMultipleEvents: 63 events + a wake event per thread"
                               : "one completion port, two workers in GetQueuedCompletionStatus";
}

// Where p50/p99 end: the call that gives the server the bytes in this model (the stamp is read
// right after it, netcore/src/many_clients.cpp).
const char* latency_end(ManyModel m) {
  return m == ManyModel::event
             ? "the server's fetch (WSAGetOverlappedResult, or WSARecv when it completes at once)"
             : "the worker's dequeue (GetQueuedCompletionStatus)";
}

}  // namespace

int run_many_demo(ManyModel model, int clients, int messages, bool jsonl) {
  uint64_t t0 = 0;
  Backend backend = Backend::linux_io_uring;
  const ManyClientsRun r =
      run_many_clients(model, clients, messages,
                       jsonl ? std::function<void(const Transition&)>([&](const Transition& t) {
                         print_transition(t, backend, true, t0);
                       })
                             : std::function<void(const Transition&)>());
  backend = r.backend;
  const ManyClientsStats& s = r.stats;
  if (jsonl) {  // stdout stays a trace (iolab --replay opens it); the summary goes to stderr
    std::fflush(stdout);
    std::fprintf(stderr,
                 "{\"summary\":{\"model\":\"%s\",\"clients\":%d,\"messages_per_client\":%d,"
                 "\"threads\":%d,\"wakeups\":%llu,\"messages\":%llu,\"fetches\":%llu,"
                 "\"latency_p50_us\":%.1f,\"latency_p99_us\":%.1f,\"ops_per_s\":%.0f,"
                 "\"cpu_us_per_message\":%.2f,\"sessions_closed\":%d,\"sessions_failed\":%d,"
                 "\"dropped\":%llu,\"transitions\":%llu}}\n",
                 many_model_name(model), clients, messages, s.threads,
                 (unsigned long long)s.wakeups, (unsigned long long)s.messages,
                 (unsigned long long)s.fetches, s.latency_p50_ns / 1e3, s.latency_p99_ns / 1e3,
                 s.ops_per_s, s.cpu_ns_per_message() / 1e3, s.sessions_closed, s.sessions_failed,
                 (unsigned long long)s.dropped, (unsigned long long)r.transitions);
  } else {
    std::printf("# demo many-clients on %s: %d clients x %d messages of 100 bytes, model %s (%s)\n",
                backend_name(r.backend), clients, messages, many_model_name(model),
                model_summary(model));
    std::printf("%-6s %7s %7s %8s %8s %10s %10s %9s %10s %7s\n", "model", "clients", "threads",
                "wake-ups", "messages", "p50_us", "p99_us", "ops/s", "cpu_us/msg", "dropped");
    std::printf("%-6s %7d %7d %8llu %8llu %10.1f %10.1f %9.0f %10.2f %7llu\n",
                many_model_name(model), clients, s.threads, (unsigned long long)s.wakeups,
                (unsigned long long)s.messages, s.latency_p50_ns / 1e3, s.latency_p99_ns / 1e3,
                s.ops_per_s, s.cpu_ns_per_message() / 1e3, (unsigned long long)s.dropped);
    std::printf(
        "# p50/p99: from the client's send to %s, per message; "
        "cpu: the serving threads' CPU time per message\n",
        latency_end(model));
  }
  std::fflush(stdout);
  if (!r.error.empty()) {
    std::fprintf(stderr, "iolab-cli demo many-clients: %s\n", r.error.c_str());
    return 1;
  }
  return 0;
}

int run_many_serve(const std::string& host, uint16_t port, ManyModel model, int clients,
                   bool jsonl) {
  ManyClientsOptions o;
  o.model = model;
  o.clients = clients;
  o.host = host;
  o.port = port;
  ManyClientsServer server(o);
  std::string error;
  if (!server.start(error)) {
    std::fprintf(stderr, "iolab-cli serve: %s\n", error.c_str());
    return 2;
  }
  if (!jsonl)
    std::printf("# serving on %s:%u (%s, model %s: %s); waiting for %d clients\n", host.c_str(),
                server.port(), backend_name(server.backend()), many_model_name(model),
                model_summary(model), clients);
  std::fflush(stdout);
  uint64_t t0 = 0;
  std::vector<Transition> batch;
  // Printing as it drains: a session whose transitions wait here holds its next WSARecv, so a
  // flooding client is slowed by TCP, not buffered (ManyClientsOptions::session_backlog).
  auto pump = [&] {
    batch.clear();
    server.drain(batch);
    for (const Transition& t : batch) print_transition(t, server.backend(), jsonl, t0);
    std::fflush(stdout);
  };
  while (!server.finished() && server.error().empty()) {
    server.wait_for_transitions(std::chrono::milliseconds(200));
    pump();
  }
  server.stop();
  pump();
  const ManyClientsStats s = server.stats();
  if (!jsonl)
    std::printf(
        "# %d of %d sessions closed (%d by a reset or an error), %llu messages, "
        "%llu transitions dropped\n",
        s.sessions_closed, clients, s.sessions_failed, (unsigned long long)s.messages,
        (unsigned long long)s.dropped);
  if (!server.error().empty()) {
    std::fprintf(stderr, "iolab-cli serve: %s\n", server.error().c_str());
    return 1;
  }
  return 0;
}

}  // namespace iolab
