#include "model/model.hpp"

#include <algorithm>
#include <sstream>

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
  ops_.clear();
  op_index_.clear();
  lanes_.clear();
  counts_ = {};
  t_first_ = t_last_ = 0;
}

const Op* Model::find_op(uint32_t id) const {
  auto it = op_index_.find(id);
  return it == op_index_.end() ? nullptr : &ops_[it->second];
}

const Op* Model::latest_op(Api api) const {
  for (auto it = ops_.rbegin(); it != ops_.rend(); ++it)
    if (it->api == api) return &*it;
  return nullptr;
}

Lane& Model::slot_lane(uint32_t session, uint16_t slot) {
  for (Lane& lane : lanes_)
    if (lane.type == Lane::Type::slot && lane.session == session && lane.slot == slot) return lane;
  Lane lane;
  lane.type = Lane::Type::slot;
  lane.session = session;
  lane.slot = slot;
  // Slot lanes first, by session then slot; thread lanes after them.
  auto pos = std::find_if(lanes_.begin(), lanes_.end(), [&](const Lane& l) {
    return l.type == Lane::Type::thread || l.session > session ||
           (l.session == session && l.slot > slot);
  });
  return *lanes_.insert(pos, lane);
}

Lane& Model::thread_lane(uint32_t thread) {
  for (Lane& lane : lanes_)
    if (lane.type == Lane::Type::thread && lane.thread == thread) return lane;
  Lane lane;
  lane.type = Lane::Type::thread;
  lane.thread = thread;
  auto pos = std::find_if(lanes_.begin(), lanes_.end(), [&](const Lane& l) {
    return l.type == Lane::Type::thread && l.thread > thread;
  });
  return *lanes_.insert(pos, lane);
}

Op& Model::op_for(const Transition& t) {
  auto it = op_index_.find(t.op);
  if (it != op_index_.end()) return ops_[it->second];
  Op op;
  op.id = t.op;
  op.session = t.session;
  op.slot = t.slot;
  op.thread = t.thread;
  op.api = t.api;
  op_index_[t.op] = ops_.size();
  ops_.push_back(op);
  Lane& lane = slot_lane(t.session, t.slot);
  lane.ops.push_back(ops_.size() - 1);
  return ops_.back();
}

void Model::apply(const Transition& t) {
  if (seen_any_ && t.seq > next_seq_) seq_gaps_ += t.seq - next_seq_;
  if (!seen_any_ || t.seq >= next_seq_) next_seq_ = t.seq + 1;
  seen_any_ = true;
  if (t.op != 0 && t.op <= ignore_ops_upto_) return;
  max_op_ = std::max(max_op_, t.op);

  if (log_.empty()) t_first_ = t.t_ns;
  t_last_ = std::max(t_last_, t.t_ns);
  const size_t line = log_.size();
  log_.push_back(t);
  ++counts_.transitions;

  if (t.op != 0) {
    apply_to_op(op_for(t), t, line);
  } else {
    apply_to_thread(t);
  }
}

void Model::apply_to_op(Op& op, const Transition& t, size_t line) {
  op.log_lines.push_back(line);
  op.last_kind = t.kind;
  // A post is WSARecv/WSASend; later transitions of the op carry the wait/fetch API.
  if (t.kind == Kind::posted) op.api = t.api;
  op.latest = t;
  thread_lane(t.thread);  // the thread that touched the op gets a lane too
  for (Lane& lane : lanes_)
    if (lane.type == Lane::Type::slot && lane.session == op.session && lane.slot == op.slot &&
        t.kind == Kind::posted)
      lane.api = t.api;

  switch (t.kind) {
    case Kind::posted:
      op.t_posted = t.t_ns;
      op.bytes_requested = t.bytes;
      ++counts_.posted;
      break;
    case Kind::completed_immediately:
      op.t_returned = t.t_ns;
      op.path = Path::immediate;
      op.bytes_done = t.bytes;
      ++counts_.immediate;
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
    default:
      break;
  }
}

void Model::apply_to_thread(const Transition& t) {
  Lane& lane = thread_lane(t.thread);
  if (t.kind == Kind::blocked) {
    // A second `blocked` without `unblocked` would be an engine bug; close the open wait anyway.
    if (!lane.waits.empty() && lane.waits.back().t_end == kNever) lane.waits.back().t_end = t.t_ns;
    lane.waits.push_back(Wait{t.t_ns, kNever, t.api});
  } else if (t.kind == Kind::unblocked) {
    if (!lane.waits.empty() && lane.waits.back().t_end == kNever) lane.waits.back().t_end = t.t_ns;
  }
}

std::string Model::describe() const {
  std::ostringstream out;
  out << "transitions " << counts_.transitions << " posted " << counts_.posted << " immediate "
      << counts_.immediate << " pending " << counts_.pending << " failed " << counts_.failed
      << " seq_gaps " << seq_gaps_ << "\n";
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
