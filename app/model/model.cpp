#include "model/model.hpp"

#include <algorithm>
#include <cstring>
#include <sstream>
#include <tuple>
#include <utility>

namespace iolab::model {

int step_of(Kind kind) {
  switch (kind) {
    case Kind::posted:
    case Kind::completed_immediately:
    case Kind::pending:
      return 2;
    case Kind::signaled:
      return 3;
    case Kind::result_fetched:
    case Kind::peer_closed:
      return 4;
    default:
      return 0;
  }
}

uint64_t Op::t_end() const {
  switch (path) {
    case Path::immediate:
      return t_returned;
    case Path::completed:
      return t_fetched;
    case Path::failed:
      return t_failed;
    default:
      return kNever;
  }
}

void Model::clear() {
  // next_seq_ survives: a reset must not hide (or invent) a lost transition.
  ignore_ops_upto_ = max_op_;
  log_.clear();
  log_.shrink_to_fit();
  base_line_ = 0;
  ops_.clear();
  ops_.shrink_to_fit();
  op_stray_.clear();
  ops_sorted_ = true;
  lanes_.clear();
  counts_ = {};
  cap_dropped_ = 0;
  t_first_ = t_last_ = 0;
  have_first_ = false;
  newest_op_id_ = 0;
  first_snapshot_op_ = 0;
  first_snaps_.clear();
  recent_snaps_.clear();
}

void Model::set_max_transitions(size_t n) {
  max_transitions_ = std::max<size_t>(n, 16);
  if (log_.size() > max_transitions_) drop_oldest();
}

const Op* Model::find_op(uint32_t id) const {
  if (id == 0) return nullptr;
  if (!ops_sorted_) {
    auto it = op_stray_.find(id);
    return it == op_stray_.end() ? nullptr : &ops_[it->second];
  }
  auto it = std::lower_bound(ops_.begin(), ops_.end(), id,
                             [](const Op& op, uint32_t v) { return op.id < v; });
  return it != ops_.end() && it->id == id ? &*it : nullptr;
}

const Op* Model::latest_op(Api api) const {
  for (auto it = ops_.rbegin(); it != ops_.rend(); ++it)
    if (it->api == api) return &*it;
  return nullptr;
}

Lane& Model::slot_lane(uint32_t session, uint16_t slot) {
  // Slot lanes first, by session then slot; thread lanes after them: a binary search (500
  // outside clients are 500 lanes, and every transition of an op looks its lane up).
  auto pos = std::lower_bound(lanes_.begin(), lanes_.end(), 0, [&](const Lane& l, int) {
    return l.type == Lane::Type::slot &&
           (l.session < session || (l.session == session && l.slot < slot));
  });
  if (pos != lanes_.end() && pos->type == Lane::Type::slot && pos->session == session &&
      pos->slot == slot)
    return *pos;
  Lane lane;
  lane.type = Lane::Type::slot;
  lane.session = session;
  lane.slot = slot;
  return *lanes_.insert(pos, lane);
}

Lane& Model::thread_lane(uint32_t thread) {
  for (auto it = lanes_.rbegin(); it != lanes_.rend(); ++it) {  // a few, after the slot lanes
    if (it->type != Lane::Type::thread) break;
    if (it->thread == thread) return *it;
  }
  Lane lane;
  lane.type = Lane::Type::thread;
  lane.thread = thread;
  auto pos = std::find_if(lanes_.begin(), lanes_.end(), [&](const Lane& l) {
    return l.type == Lane::Type::thread && l.thread > thread;
  });
  return *lanes_.insert(pos, lane);
}

Op& Model::op_for(const Record& r) {
  if (Op* found = const_cast<Op*>(find_op(r.op))) return *found;
  Op op;
  op.id = r.op;
  op.session = r.session;
  op.slot = r.slot;
  op.thread = r.thread;
  op.api = r.api;
  op.t_first = r.t_ns;
  op.last_line = kNoLine;
  const auto index = static_cast<uint32_t>(ops_.size());
  if (ops_sorted_ && !ops_.empty() && ops_.back().id > r.op) {
    // An id out of order (never seen from one engine): index every op from now on.
    ops_sorted_ = false;
    for (uint32_t i = 0; i < ops_.size(); ++i) op_stray_[ops_[i].id] = i;
  }
  if (!ops_sorted_) op_stray_[r.op] = index;
  ops_.push_back(op);
  Lane& lane = slot_lane(r.session, r.slot);
  lane.ops.push_back(index);
  lane.open.push_back(index);
  return ops_.back();
}

// The inspector's part of the op's newest transition: for the lab's first ops, and the newest.
void Model::keep_snapshot(const Transition& t) {
  Snapshot s;
  s.op = t.op;
  s.event_signaled = t.event_signaled;
  s.cqe_ready = t.cqe_ready;
  s.wsabuf_count = t.wsabuf_count;
  s.data_len = t.data_len;
  s.ov_internal = t.ov_internal;
  s.ov_internal_high = t.ov_internal_high;
  s.ov_event = t.ov_event;
  std::memcpy(s.wsabuf_len, t.wsabuf_len, sizeof s.wsabuf_len);
  std::memcpy(s.data, t.data, sizeof s.data);
  // A transition without bytes (pending, signaled, a send's result) leaves the buffer as it was:
  // the inspector keeps showing the bytes last seen (a touched send keeps its "XXXXo World").
  if (t.data_len == 0)
    if (const Snapshot* before = snapshot(t.op); before && before->op == t.op) {
      s.data_len = before->data_len;
      std::memcpy(s.data, before->data, sizeof s.data);
    }
  if (first_snapshot_op_ == 0) first_snapshot_op_ = t.op;
  if (t.op >= first_snapshot_op_ && t.op - first_snapshot_op_ < kFirstSnapshots) {
    const size_t i = t.op - first_snapshot_op_;
    if (first_snaps_.size() <= i) first_snaps_.resize(i + 1);
    first_snaps_[i] = s;
    return;
  }
  const size_t i = t.op % kRecentSnapshots;
  if (recent_snaps_.size() <= i)
    recent_snaps_.resize(
        std::min<size_t>(kRecentSnapshots, std::max(i + 1, recent_snaps_.size() * 2)));
  recent_snaps_[i] = s;
}

const Snapshot* Model::snapshot(uint32_t op) const {
  if (op == 0 || first_snapshot_op_ == 0) return nullptr;
  if (op >= first_snapshot_op_ && op - first_snapshot_op_ < kFirstSnapshots) {
    const size_t i = op - first_snapshot_op_;
    return i < first_snaps_.size() && first_snaps_[i].op == op ? &first_snaps_[i] : nullptr;
  }
  const size_t i = op % kRecentSnapshots;
  return i < recent_snaps_.size() && recent_snaps_[i].op == op ? &recent_snaps_[i] : nullptr;
}

void Model::apply(const Transition& t) {
  if (seen_any_ && t.seq > next_seq_) seq_gaps_ += t.seq - next_seq_;
  if (!seen_any_ || t.seq >= next_seq_) next_seq_ = t.seq + 1;
  seen_any_ = true;
  if (t.op != 0 && t.op <= ignore_ops_upto_) return;
  max_op_ = std::max(max_op_, t.op);

  if (!have_first_) t_first_ = t.t_ns;
  have_first_ = true;
  t_last_ = std::max(t_last_, t.t_ns);
  ++counts_.transitions;
  Record r;
  r.t_ns = t.t_ns;
  r.op = t.op;
  r.bytes = t.bytes;
  r.result = t.result;
  r.error = t.error;
  r.thread = t.thread;
  r.session = static_cast<uint16_t>(t.session);
  r.wsabuf_count = t.wsabuf_count;
  r.slot = t.slot;
  r.api = t.api;
  r.kind = t.kind;
  if (t.op != 0) {
    keep_snapshot(t);
    newest_op_id_ = t.op;
  }
  store(r, nullptr);
  if (log_.size() > max_transitions_) drop_oldest();
}

void Model::store(const Record& in, const Snapshot*) {
  const uint64_t line = base_line_ + log_.size();
  log_.push_back(in);
  Record& r = log_.back();
  r.prev = 0;
  if (r.op != 0) {
    Op& op = op_for(r);
    if (op.last_line != kNoLine && line - op.last_line <= UINT32_MAX)
      r.prev = static_cast<uint32_t>(line - op.last_line);
    apply_to_op(op, r, line);
    // The waiting thread woke on this op's event: its wait ends here, and says which index.
    if (r.kind == Kind::signaled && r.api == Api::WSAWaitForMultipleEvents && r.thread != 0) {
      Lane& lane = thread_lane(r.thread);
      if (!lane.waits.empty() && lane.waits.back().t_end == kNever) {
        lane.waits.back().t_end = r.t_ns;
        lane.waits.back().woke_index = r.result;
      }
    }
  } else {
    apply_to_thread(r);
    if ((r.kind == Kind::connected || r.kind == Kind::accepted) && !rebuilding_)
      for (int s = 0; s < 3; ++s) stream_sent_[s] = stream_received_[s] = 0;  // a new stream
  }
}

void Model::count_received(Op& op, uint32_t bytes) {
  if (op.api != Api::WSARecv || rebuilding_ || op.session >= 3) return;
  op.stream_at = stream_received_[op.session];
  stream_received_[op.session] += bytes;
}

const Op* Model::receive_holding(uint32_t session, uint64_t at, uint64_t& offset) const {
  const uint32_t peer =
      session == netcore::kServerSession ? netcore::kClientSession : netcore::kServerSession;
  for (const Op& op : ops_)
    if (op.session == peer && op.api == Api::WSARecv && op.stream_at != kNever &&
        at >= op.stream_at && at < op.stream_at + op.bytes_done) {
      offset = at - op.stream_at;
      return &op;
    }
  return nullptr;
}

const Op* Model::touched_send_in(const Op& receive) const {
  if (receive.api != Api::WSARecv || receive.stream_at == kNever) return nullptr;
  for (const Op& op : ops_)
    if (op.touched && op.api == Api::WSASend && op.session != receive.session &&
        op.stream_at != kNever && op.stream_at >= receive.stream_at &&
        op.stream_at < receive.stream_at + receive.bytes_done)
      return &op;
  return nullptr;
}

// The cap: keep the newest three quarters, rebuilt from their records (ops whose post went are
// drawn from their first kept transition). The lab's counts and sequence checks stay as they were.
void Model::drop_oldest() {
  const size_t keep = max_transitions_ - max_transitions_ / 4;
  if (log_.size() <= keep) return;
  const size_t drop = log_.size() - keep;
  std::vector<Record> kept(log_.begin() + static_cast<std::ptrdiff_t>(drop), log_.end());
  cap_dropped_ += drop;
  const Counts counts = counts_;
  const uint64_t base = base_line_ + drop;
  log_.clear();
  log_.reserve(max_transitions_ + 1);
  const std::vector<Op> old_ops = std::move(ops_);
  ops_.clear();
  op_stray_.clear();
  ops_sorted_ = true;
  lanes_.clear();
  base_line_ = base;
  std::unordered_map<uint32_t, std::pair<uint64_t, bool>> streams;  // kept across the rebuild
  for (const Op& op : old_ops) streams[op.id] = {op.stream_at, op.touched};
  rebuilding_ = true;
  for (const Record& r : kept) store(r, nullptr);
  rebuilding_ = false;
  for (Op& op : ops_)
    if (auto it = streams.find(op.id); it != streams.end())
      std::tie(op.stream_at, op.touched) = it->second;
  counts_ = counts;
}

Transition Model::transition(size_t i) const {
  const Record& r = log_[i];
  Transition t;
  t.t_ns = r.t_ns;
  t.thread = r.thread;
  t.session = r.session;
  t.op = r.op;
  t.slot = r.slot;
  t.api = r.api;
  t.kind = r.kind;
  t.result = r.result;
  t.error = r.error;
  t.bytes = r.bytes;
  t.wsabuf_count = r.wsabuf_count;
  return t;
}

Transition Model::latest(const Op& op) const {
  Transition t;
  if (op.last_line != kNoLine && op.last_line >= base_line_)
    t = transition(static_cast<size_t>(op.last_line - base_line_));
  if (const Snapshot* s = snapshot(op.id)) {
    t.event_signaled = s->event_signaled;
    t.cqe_ready = s->cqe_ready;
    t.wsabuf_count = s->wsabuf_count;
    t.data_len = s->data_len;
    t.ov_internal = s->ov_internal;
    t.ov_internal_high = s->ov_internal_high;
    t.ov_event = s->ov_event;
    std::memcpy(t.wsabuf_len, s->wsabuf_len, sizeof t.wsabuf_len);
    std::memcpy(t.data, s->data, sizeof t.data);
  }
  return t;
}

std::vector<size_t> Model::lines_of(const Op& op) const {
  std::vector<size_t> lines;
  uint64_t line = op.last_line;
  while (line != kNoLine && line >= base_line_) {
    const size_t i = static_cast<size_t>(line - base_line_);
    lines.push_back(i);
    if (log_[i].prev == 0) break;
    line -= log_[i].prev;
  }
  std::reverse(lines.begin(), lines.end());
  return lines;
}

Range Model::visible(const Lane& lane, uint64_t t_begin, uint64_t t_end) const {
  auto begin_of = [&](uint32_t i) { return ops_[i].t_begin(); };
  const uint64_t from = t_begin > kLongOpNs ? t_begin - kLongOpNs : 0;
  auto first = std::lower_bound(lane.ops.begin(), lane.ops.end(), from,
                                [&](uint32_t i, uint64_t v) { return begin_of(i) < v; });
  auto last = std::upper_bound(first, lane.ops.end(), t_end,
                               [&](uint64_t v, uint32_t i) { return v < begin_of(i); });
  return Range{static_cast<size_t>(first - lane.ops.begin()),
               static_cast<size_t>(last - lane.ops.begin())};
}

size_t Model::memory_bytes() const {
  size_t n = sizeof *this + log_.capacity() * sizeof(Record) + ops_.capacity() * sizeof(Op) +
             lanes_.capacity() * sizeof(Lane) +
             (first_snaps_.capacity() + recent_snaps_.capacity()) * sizeof(Snapshot) +
             op_stray_.size() * (sizeof(void*) * 2 + 8) + op_stray_.bucket_count() * sizeof(void*);
  for (const Lane& lane : lanes_)
    n +=
        (lane.ops.capacity() + lane.open.capacity() + lane.long_ops.capacity()) * sizeof(uint32_t) +
        lane.waits.capacity() * sizeof(Wait);
  return n;
}

void Model::apply_to_op(Op& op, const Record& t, uint64_t line) {
  op.last_line = line;
  op.last_kind = t.kind;
  if (t.error != 0)
    op.last_error = t.error;
  else if (t.kind != Kind::failed)
    op.last_error = 0;
  const bool was_finished = op.finished();
  // A post is WSARecv/WSASend; later transitions of the op carry the wait/fetch API.
  if (t.kind == Kind::posted) op.api = t.api;
  thread_lane(t.thread);  // the thread that touched the op gets a lane too
  if (t.kind == Kind::posted) slot_lane(op.session, op.slot).api = t.api;

  switch (t.kind) {
    case Kind::posted:
      op.t_posted = t.t_ns;
      op.bytes_requested = t.bytes;
      ++counts_.posted;
      if (op.api == Api::WSASend && !rebuilding_ && op.session < 3) {
        op.stream_at = stream_sent_[op.session];
        stream_sent_[op.session] += t.bytes;
      }
      break;
    case Kind::option_set:  // on an op: touch_buffer
      op.touched = true;
      break;
    case Kind::completed_immediately:
      op.bytes_done = t.bytes;
      ++counts_.immediate;
      count_received(op, t.bytes);
      if (op.path == Path::pending || op.path == Path::signaled) {
        op.t_fetched = t.t_ns;  // WSAEventSelect: the recv after the network event, at once
        op.path = Path::completed;
        break;
      }
      op.t_returned = t.t_ns;
      op.path = Path::immediate;
      break;
    case Kind::pending:
      op.t_returned = t.t_ns;
      op.path = Path::pending;
      ++counts_.pending;
      break;
    case Kind::signaled:
      op.t_signaled = t.t_ns;
      if (op.path == Path::pending) op.path = Path::signaled;
      ++counts_.signaled;
      break;
    case Kind::result_fetched:
      op.t_fetched = t.t_ns;
      op.bytes_done = t.bytes;
      if (op.path != Path::failed) op.path = Path::completed;
      ++counts_.fetched;
      count_received(op, t.bytes);
      break;
    case Kind::peer_closed:  // a receive that completed with 0 bytes: the peer is gone
      op.bytes_done = 0;
      if (op.path == Path::signaled || op.path == Path::pending) {
        op.t_fetched = t.t_ns;
        op.path = Path::completed;
      } else if (op.path == Path::not_yet) {
        op.t_returned = t.t_ns;
        op.path = Path::immediate;
      }
      break;
    case Kind::failed:
      if (op.t_returned == kNever) op.t_returned = t.t_ns;
      op.t_failed = t.t_ns;
      op.path = Path::failed;
      ++counts_.failed;
      break;
    // The other models (engine.hpp: LabModel). Queued: the kernel has the completion, the
    // program has not seen it (step 3 of the lecture's flow, in the routine's or port's form);
    // the routine ran / the packet was dequeued: its result is in the program's hands (step 4).
    case Kind::completion_queued:
      if (op.t_returned == kNever) op.t_returned = t.t_ns;  // WSARecv returned 0: queued at once
      op.t_signaled = t.t_ns;
      if (op.path == Path::pending || op.path == Path::not_yet) op.path = Path::signaled;
      ++counts_.signaled;
      ++counts_.queued;
      break;
    case Kind::callback:
    case Kind::dequeued:
      if (op.t_returned == kNever) op.t_returned = t.t_ns;
      if (op.t_signaled == kNever) op.t_signaled = t.t_ns;
      op.bytes_done = t.bytes;
      if (t.error != 0) {
        op.t_failed = t.t_ns;
        op.path = Path::failed;
        ++counts_.failed;
      } else {
        op.t_fetched = t.t_ns;
        op.path = Path::completed;
        ++counts_.fetched;
        ++(t.kind == Kind::callback ? counts_.callbacks : counts_.dequeued);
        count_received(op, t.bytes);
      }
      break;
    case Kind::blocked:  // WSAEventSelect: the round's wait for its network event
      if (op.path == Path::not_yet) {
        op.t_returned = t.t_ns;
        op.path = Path::pending;
      }
      break;
    case Kind::network_events:
      op.t_signaled = t.t_ns;
      break;
    default:
      break;
  }
  if (!was_finished && op.finished()) {
    // Off the lane's open list; onto its long list when visible() cannot find it by its begin.
    const auto index = static_cast<uint32_t>(&op - ops_.data());
    Lane& lane = slot_lane(op.session, op.slot);
    auto it = std::find(lane.open.rbegin(), lane.open.rend(), index);
    if (it != lane.open.rend()) lane.open.erase(std::next(it).base());
    if (op.t_end() - op.t_begin() > kLongOpNs) lane.long_ops.push_back(index);
  }
}

void Model::apply_to_thread(const Record& t) {
  Lane& lane = thread_lane(t.thread);
  if (t.kind == Kind::blocked) {
    // A second `blocked` without `unblocked` would be an engine bug; close the open wait anyway.
    if (!lane.waits.empty() && lane.waits.back().t_end == kNever) lane.waits.back().t_end = t.t_ns;
    Wait w{t.t_ns, kNever, t.api};
    if (t.api == Api::WSAWaitForMultipleEvents) w.events = t.result;
    lane.waits.push_back(w);
  } else if (t.kind == Kind::unblocked) {
    if (!lane.waits.empty() && lane.waits.back().t_end == kNever) lane.waits.back().t_end = t.t_ns;
  }
}

const Wait* Model::wait_at(uint32_t thread, uint64_t t_ns) const {
  for (auto it = lanes_.rbegin(); it != lanes_.rend() && it->type == Lane::Type::thread; ++it) {
    if (it->thread != thread) continue;
    auto w = std::upper_bound(it->waits.begin(), it->waits.end(), t_ns,
                              [](uint64_t t, const Wait& x) { return t < x.t_begin; });
    return w == it->waits.begin() ? nullptr : &*(w - 1);
  }
  return nullptr;
}

uint64_t Model::lane_active(const Lane& lane) const {
  uint64_t newest = 0;
  auto seen = [&](uint32_t i) {
    const uint64_t line = ops_[i].last_line;
    if (line != kNoLine && line >= base_line_ && line - base_line_ < log_.size())
      newest = std::max(newest, log_[line - base_line_].t_ns);
  };
  // A slot holds one op at a time: its newest transition is the last op's or an open one's.
  if (!lane.ops.empty()) seen(lane.ops.back());
  for (uint32_t i : lane.open) seen(i);
  return newest;
}

size_t Model::session_count() const {
  size_t n = 0;
  uint32_t last = 0;
  for (const Lane& lane : lanes_)  // slot lanes are sorted by session
    if (lane.type == Lane::Type::slot && (n == 0 || lane.session != last)) {
      ++n;
      last = lane.session;
    }
  return n;
}

std::vector<Row> Model::rows(const std::unordered_set<uint32_t>& expanded) const {
  std::vector<Row> rows;
  const auto lane_count = static_cast<uint32_t>(lanes_.size());
  if (session_count() <= kGroupSessionsAbove) {
    for (uint32_t i = 0; i < lane_count; ++i) rows.push_back(Row{lanes_[i].session, i});
    return rows;
  }
  std::vector<Row> sessions;
  uint32_t i = 0;
  for (; i < lane_count && lanes_[i].type == Lane::Type::slot; ++i) {
    const Lane& lane = lanes_[i];
    if (sessions.empty() || sessions.back().session != lane.session)
      sessions.push_back(Row{lane.session, i, 0, true, expanded.count(lane.session) != 0});
    Row& group = sessions.back();
    ++group.lanes;
    group.t_active = std::max(group.t_active, lane_active(lane));
  }
  // The newest first; among equals the lower session number (the lanes' order) first.
  std::stable_sort(sessions.begin(), sessions.end(),
                   [](const Row& a, const Row& b) { return a.t_active > b.t_active; });
  rows.reserve(sessions.size() + lane_count - i);
  // The thread lanes first: a few (the many-clients server's ceil(N/63) waiting threads or two
  // workers), and the point of the picture; below them the sessions, which may be hundreds.
  for (; i < lane_count; ++i) rows.push_back(Row{0, i});
  for (const Row& group : sessions) {
    rows.push_back(group);
    if (group.expanded)
      for (uint32_t k = group.lane; k < group.lane + group.lanes; ++k)
        rows.push_back(Row{group.session, k});
  }
  return rows;
}

std::string Model::describe() const {
  std::ostringstream out;
  out << "transitions " << counts_.transitions << " posted " << counts_.posted << " immediate "
      << counts_.immediate << " pending " << counts_.pending << " failed " << counts_.failed
      << " seq_gaps " << seq_gaps_ << " cap_dropped " << cap_dropped_ << "\n";
  for (const Op& op : ops_) {
    out << "op " << op.id << " session " << op.session << " slot " << op.slot << " "
        << netcore::api_name(op.api) << " last " << netcore::kind_name(op.last_kind) << " bytes "
        << op.bytes_done << " path ";
    switch (op.path) {
      case Path::not_yet:
        out << "not_yet";
        break;
      case Path::immediate:
        out << "1-2";
        break;
      case Path::pending:
        out << "1-2(pending)";
        break;
      case Path::signaled:
        out << "1-2-3";
        break;
      case Path::completed:
        out << "1-2-3-4";
        break;
      case Path::failed:
        out << "failed";
        break;
    }
    out << "\n";
  }
  for (const Lane& lane : lanes_) {
    if (lane.type == Lane::Type::slot)
      out << "lane slot session " << lane.session << " slot " << lane.slot << " ops "
          << lane.ops.size() << "\n";
    else
      out << "lane thread " << lane.thread << " waits " << lane.waits.size() << "\n";
  }
  return out.str();
}

}  // namespace iolab::model
