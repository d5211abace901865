#include "model/matrix.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace iolab::model {

using netcore::Api;
using netcore::Kind;
using netcore::Transition;
using Type = CellMark::Type;

namespace {

// Does `marks` hold these types in this order (others may sit between)?
bool in_order(const std::vector<CellMark>& marks, std::initializer_list<Type> types) {
  auto want = types.begin();
  for (const CellMark& m : marks)
    if (want != types.end() && m.type == *want) ++want;
  return want == types.end();
}

const CellMark* find(const std::vector<CellMark>& marks, Type type) {
  for (const CellMark& m : marks)
    if (m.type == type) return &m;
  return nullptr;
}

}  // namespace

void CellTrack::reset(uint64_t start_ns) {
  const IoModel m = model_;
  *this = CellTrack(m);
  start_ns_ = start_ns;
}

CellMark* CellTrack::last_open(Type type) {
  for (auto* row : {&thread_, &op_})
    for (auto it = row->rbegin(); it != row->rend(); ++it)
      if (it->open && it->type == type) return &*it;
  return nullptr;
}

void CellTrack::close_open(Type type, double t) {
  if (CellMark* bar = last_open(type)) {
    bar->t1 = std::max(t, bar->t0);
    bar->open = false;
  }
}

void CellTrack::apply(const std::vector<Transition>& transitions) {
  for (const Transition& tr : transitions) {
    ++count_;
    const double t = ns_since(tr.t_ns, start_ns_);
    latest_ = std::max(latest_, t);
    if (tr.session == netcore::kClientSession) {  // the peer: it sent, or closed instead
      if (tr.kind == Kind::completed_immediately || tr.kind == Kind::closed) {
        if (peer_at_ < 0) peer_at_ = t;
        peer_sent_ = peer_sent_ || tr.kind == Kind::completed_immediately;
      }
      continue;
    }
    if (tr.session != netcore::kServerSession) continue;
    if (thread_begin_ < 0) thread_begin_ = t;
    thread_end_ = t;
    // The overlapped cell's receive has its own row; the thread's row keeps the work.
    std::vector<CellMark>& row = has_op_row() && tr.op != 0 ? op_ : thread_;
    CellMark mark;
    mark.t0 = mark.t1 = t;
    mark.api = tr.api;
    mark.bytes = tr.bytes;
    switch (tr.kind) {
      case Kind::blocked:
        mark.type = Type::asleep;
        mark.open = true;
        thread_.push_back(mark);
        break;
      case Kind::unblocked:
        close_open(Type::asleep, t);
        if (tr.bytes > 0) {  // recv woke up with data: it completed at the call
          mark.type = Type::completed;
          bytes_ += tr.bytes;
          thread_.push_back(mark);
        }
        break;
      case Kind::ready:
        close_open(Type::asleep, t);
        mark.type = Type::ready;
        thread_.push_back(mark);
        break;
      case Kind::would_block:
        ++would_blocks_;
        mark.type = Type::would_block;
        thread_.push_back(mark);
        break;
      case Kind::posted:
        mark.type = Type::posted;
        row.push_back(mark);
        break;
      case Kind::completed_immediately:
        mark.type = Type::completed;
        bytes_ += tr.bytes;
        row.push_back(mark);
        break;
      case Kind::pending:
        mark.type = Type::pending;
        mark.open = true;
        row.push_back(mark);
        work_from_ = t;  // the thread is free from here
        break;
      case Kind::signaled:
        close_open(Type::pending, t);
        mark.type = Type::signaled;
        row.push_back(mark);
        break;
      case Kind::result_fetched:
        mark.type = Type::fetched;
        bytes_ += tr.bytes;
        row.push_back(mark);
        break;
      case Kind::work:
        ++work_units_;
        mark.type = Type::work;
        mark.t0 = work_from_ >= 0 ? std::min(work_from_, t) : t;
        mark.index = work_units_;
        thread_.push_back(mark);
        work_from_ = t;
        break;
      case Kind::failed:
      case Kind::peer_closed:
        close_open(Type::asleep, t);
        close_open(Type::pending, t);
        mark.type = tr.kind == Kind::failed ? Type::failed : Type::closed;
        row.push_back(mark);
        break;
      default:  // option_set (FIONBIO) and setup: not drawn
        break;
    }
  }
}

std::string CellTrack::check() const {
  if (!status_.started) return "not started";
  if (!status_.finished) return "still running";
  if (!status_.error.empty()) return "error: " + status_.error;
  if (bytes_ != netcore::kModelBytes)
    return "received " + std::to_string(bytes_) + " bytes, want " +
           std::to_string(netcore::kModelBytes);
  switch (model_) {
    case IoModel::blocking_sync: {
      const CellMark* sleep = find(thread_, Type::asleep);
      if (!sleep || sleep->api != Api::recv || sleep->open) return "no closed sleep in recv";
      if (!in_order(thread_, {Type::asleep, Type::completed}))
        return "recv did not wake up with the data";
      return {};
    }
    case IoModel::nonblocking_sync:
      if (would_blocks_ < 1) return "no WSAEWOULDBLOCK before the data";
      if (!in_order(thread_, {Type::would_block, Type::completed}))
        return "no recv completed after the retries";
      return {};
    case IoModel::blocking_async: {
      const CellMark* sleep = find(thread_, Type::asleep);
      if (!sleep || sleep->api != Api::select) return "no sleep in select";
      if (!in_order(thread_, {Type::asleep, Type::ready, Type::completed}))
        return "want select asleep -> ready -> recv completed";
      const CellMark* done = find(thread_, Type::completed);
      if (done->api != Api::recv || done->bytes != netcore::kModelBytes)
        return "the recv after select did not return 100 bytes";
      return {};
    }
    case IoModel::nonblocking_async:
      if (!in_order(op_, {Type::posted, Type::pending, Type::signaled, Type::fetched}))
        return "want WSARecv posted -> pending -> signaled -> result_fetched";
      if (work_units_ < 1) return "no work done while the receive was pending";
      return {};
  }
  return "unknown model";
}

std::string CellTrack::describe() const {
  char line[320];
  std::snprintf(line, sizeof line,
                "%-18s %s: %zu transitions, %u bytes, %u would_block, %u work, wait %.1f ms, "
                "attempts %u, cpu %.1f ms%s%s\n",
                netcore::model_name(model_),
                !status_.started   ? "not started"
                : status_.finished ? "finished"
                                   : "running",
                count_, bytes_, would_blocks_, work_units_, status_.summary.wait_ns / 1e6,
                status_.summary.attempts, status_.summary.cpu_ns / 1e6,
                status_.error.empty() ? "" : ", error: ", status_.error.c_str());
  return line;
}

MatrixAxis MatrixAxis::fit(double delay_ns, double latest_ns, int max_ticks) {
  MatrixAxis axis;
  axis.span_ns = std::max({delay_ns * 1.25, latest_ns * 1.06, 100e6});
  const double raw = axis.span_ns / std::max(max_ticks, 1);
  const double p = std::pow(10.0, std::floor(std::log10(raw)));
  axis.step_ns = 10 * p;
  for (double m : {1.0, 2.0, 5.0})
    if (m * p >= raw) {
      axis.step_ns = m * p;
      break;
    }
  return axis;
}

Matrix::Matrix() : runner_(std::make_unique<netcore::ModelRunner>()) {
  for (IoModel m : netcore::kAllModels) cells_[static_cast<int>(m)] = CellTrack(m);
}

Matrix::~Matrix() = default;  // the runner's destructor stops and joins every run

void Matrix::ensure_runner(std::chrono::milliseconds delay) {
  if (delay == runner_->options().delay) return;
  poll();                  // keep what the old runner recorded
  runner_.reset();         // joins the finished runs' threads
  on_runner_.fill(false);  // their cells keep what they showed
  netcore::ModelOptions options;
  options.delay = delay;
  runner_ = std::make_unique<netcore::ModelRunner>(options);
}

void Matrix::begin(IoModel m) {
  CellTrack& cell = cells_[static_cast<int>(m)];
  const netcore::ModelStatus status = runner_->status(m);
  cell.reset(status.start_ns);
  cell.set_status(status);
  on_runner_[static_cast<int>(m)] = true;
}

bool Matrix::start(IoModel m, std::chrono::milliseconds delay, std::string& error) {
  if (cells_[static_cast<int>(m)].running()) {
    error = std::string(netcore::model_name(m)) + " is still running";
    return false;
  }
  ensure_runner(any_running() ? runner_->options().delay : delay);
  scratch_.clear();
  runner_->drain(m, scratch_);  // what is left of its previous run
  if (!runner_->start(m, error)) return false;
  begin(m);
  return true;
}

bool Matrix::start_all(std::chrono::milliseconds delay, std::string& error) {
  if (any_running()) {
    error = "a model is still running";
    return false;
  }
  ensure_runner(delay);
  for (IoModel m : netcore::kAllModels) {
    scratch_.clear();
    runner_->drain(m, scratch_);
  }
  if (!runner_->start_all(error)) return false;
  for (IoModel m : netcore::kAllModels) begin(m);
  return true;
}

void Matrix::stop() {
  runner_->stop();
  poll();
}

void Matrix::poll() {
  for (IoModel m : netcore::kAllModels) {
    CellTrack& cell = cells_[static_cast<int>(m)];
    if (!on_runner_[static_cast<int>(m)]) continue;
    scratch_.clear();
    runner_->drain(m, scratch_);
    cell.apply(scratch_);
    cell.set_status(runner_->status(m));
  }
}

bool Matrix::wait(std::chrono::milliseconds timeout) {
  return runner_->wait(timeout);
}

bool Matrix::any_running() const {
  for (const CellTrack& c : cells_)
    if (c.running()) return true;
  return false;
}

bool Matrix::all_finished() const {
  for (const CellTrack& c : cells_)
    if (!c.finished()) return false;
  return true;
}

netcore::Backend Matrix::backend() const {
  return runner_->backend();
}

double Matrix::latest(uint64_t now_ns) const {
  double latest = 0;
  for (const CellTrack& c : cells_) {
    if (!c.started()) continue;
    latest = std::max(latest, c.latest());
    if (c.running()) latest = std::max(latest, ns_since(now_ns, c.start_ns()));
  }
  return latest;
}

std::string Matrix::describe() const {
  std::string out;
  for (const CellTrack& c : cells_) {
    out += c.describe();
    if (c.finished()) {
      const std::string why = c.check();
      out += "  check: " + (why.empty() ? std::string("ok") : why) + "\n";
    }
  }
  return out;
}

}  // namespace iolab::model
