#include "model/session_ops.hpp"

namespace iolab::model {

void SessionOps::renumber(netcore::Transition& t) {
  if (t.op == 0) return;  // a waiting thread's own (blocked, unblocked)
  auto it = current_.find(t.session);
  if (t.kind == netcore::Kind::posted || it == current_.end())
    it = current_.insert_or_assign(t.session, next_++).first;
  t.op = it->second;
}

}  // namespace iolab::model
