// Many clients (iolab --clients N, Lab > Clients N): netcore's ManyClientsServer instead of the
// lecture's engine, drained each frame into the same model, timeline, log and inspector, as the
// watch feed is (shell/watch.cpp). N = 1 is the lecture's lab again.
#include <cstdio>
#include <vector>

#include "shell/app.hpp"
#include "views/widgets.hpp"

namespace iolab::shell {
namespace {

constexpr uint64_t kStatsEveryNs = 250'000'000;   // stats() sorts the latencies: 4 times a second
constexpr uint64_t kWaveEveryNs = 1'000'000'000;  // "Every second"

netcore::ManyModel many_model_for(netcore::LabModel m, netcore::ManyModel current) {
  if (m == netcore::LabModel::iocp) return netcore::ManyModel::iocp;
  if (m == netcore::LabModel::event) return netcore::ManyModel::event;
  return current;  // the other two models have no many-clients form: it stays as it is
}

}  // namespace

std::string App::clients_on(int n) {
  many_clients_.reset();  // the lab's clients close first: their sessions end cleanly
  many_.reset();
  many_ops_ = model::SessionOps();
  model_ = model::Model();
  model_.set_max_transitions(options_.max_transitions);
  recording_.clear();
  clock_ = LiveClock();
  ui_.select(0, false);
  ui_.many = views::ManyClients();
  views::set_many_sessions(n > 1);
  ui_.peer_connected = ui_.peer_closed = false;
  ui_.peer_addresses.clear();
  if (n <= 1) {  // the lecture's lab again
    if (!engine_ok_) engine_ok_ = engine_.start(engine_error_);
    ui_.engine_error = engine_ok_ ? nullptr : engine_error_.c_str();
    ui_.port = engine_ok_ ? engine_.port() : 0;
    lab_up_ = !engine_ok_ || options_.lab_mode == netcore::LabMode::serve;
    return engine_ok_ ? "" : engine_error_;
  }
  if (engine_ok_) {  // its controls would post on nothing shown
    engine_.stop();
    std::vector<netcore::Transition> old_lab;  // its receives cancelled at the stop: not shown
    engine_.drain(old_lab);
  }
  engine_ok_ = false;
  runner_.reset();
  classroom_.runner = nullptr;
  netcore::ManyClientsOptions o;
  o.model = many_model_for(ui_.lab_model, netcore::ManyModel::event);
  o.clients = n;
  o.host = options_.peer_host;
  // --serve PORT: the outside clients come there; the lab's own clients use any free port.
  o.port = options_.lab_mode == netcore::LabMode::serve ? options_.port : 0;
  auto server = std::make_unique<netcore::ManyClientsServer>(o);
  std::string error;
  if (!server->start(error)) {
    ui_.many.error = error;
    ui_.engine_error = nullptr;
    return error;
  }
  many_ = std::move(server);
  views::ManyClients& m = ui_.many;
  m.active = true;
  m.model = o.model;
  m.clients = n;
  m.outside = options_.lab_mode == netcore::LabMode::serve;
  ui_.lab_model =
      o.model == netcore::ManyModel::iocp ? netcore::LabModel::iocp : netcore::LabModel::event;
  ui_.backend = many_->backend();
  ui_.port = many_->port();
  ui_.engine_error = nullptr;
  if (m.outside) ui_.peer_where = o.host + ":" + std::to_string(ui_.port);
  lab_up_ = true;  // a --drive script goes on at once; it waits on the model
  many_stats_at_ns_ = wave_at_ns_ = 0;
  if (!m.outside) many_clients_ = std::make_unique<netcore::ManyLabClients>(o.host, ui_.port, n);
  std::printf("iolab: many clients: %d %s, model %s, %s %s:%u\n", n,
              m.outside ? "outside clients" : "of the lab's clients",
              netcore::many_model_name(o.model), m.outside ? "listening on" : "server on",
              o.host.c_str(), static_cast<unsigned>(ui_.port));
  std::fflush(stdout);
  return {};
}

void App::drain_many() {
  views::ManyClients& m = ui_.many;
  // The I/O model combo / Model menu: event and IOCP have a many-clients form; the others not.
  const netcore::ManyModel wanted = many_model_for(ui_.lab_model, m.model);
  if (wanted != m.model) {
    ui_.lab_model =
        wanted == netcore::ManyModel::iocp ? netcore::LabModel::iocp : netcore::LabModel::event;
    clients_on(m.clients);
    if (!many_) return;
  }
  ui_.lab_model =
      m.model == netcore::ManyModel::iocp ? netcore::LabModel::iocp : netcore::LabModel::event;
  const size_t first_new = drained_.size();
  many_->drain(drained_);
  bool came_or_went = false;  // a session accepted or closed: the status bar's peers change
  for (size_t i = first_new; i < drained_.size(); ++i) {
    netcore::Transition& t = drained_[i];
    came_or_went = came_or_went || t.kind == netcore::Kind::accepted ||
                   (t.kind == netcore::Kind::closed && t.session != netcore::kNoSession);
    if (t.session != netcore::kNoSession) t.session += views::kFirstManySession - 1;
    many_ops_.renumber(t);
  }
  const uint64_t now = steady_now_ns();
  if (many_clients_) {
    if (m.every_second && now - wave_at_ns_ >= kWaveEveryNs) m.send_wave = true;
    if (m.send_wave) {
      many_clients_->send_wave();
      wave_at_ns_ = now;
      std::printf("iolab: many clients: wave %llu from %d clients\n",
                  static_cast<unsigned long long>(m.waves + 1), many_clients_->connected());
      std::fflush(stdout);
    }
    m.connected = many_clients_->connected();
    m.waves = many_clients_->waves_sent();
  }
  m.send_wave = false;
  if (now - many_stats_at_ns_ >= kStatsEveryNs) {
    many_stats_at_ns_ = now;
    m.stats = many_->stats();
    m.error = many_->error();
    if (m.error.empty() && many_clients_) m.error = many_clients_->error();
  }
  // netcore lists a peer before its `accepted` and drops it before its `closed` is queued.
  if (m.outside && came_or_went) ui_.peer_addresses = many_->peers();
  ui_.dropped = m.stats.dropped;
  if (m.outside) ui_.peer_connected = model_.session_count() > 0;  // the waiting note goes
}

}  // namespace iolab::shell
