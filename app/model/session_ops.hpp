// The many-clients server (netcore/many_clients.hpp) gives every session's receive the same op
// number: each session has one WSARecv, posted again after each fetch. The model keys ops by
// their number, so here each post becomes an op of its own, numbered in post order across all
// sessions; the session's later transitions (pending, signaled, fetched) go to its newest post.
#pragma once
#include <cstdint>
#include <unordered_map>

#include "netcore/transition.hpp"

namespace iolab::model {

class SessionOps {
 public:
  void renumber(netcore::Transition& t);

 private:
  std::unordered_map<uint32_t, uint32_t> current_;  // session -> the op of its newest post
  uint32_t next_ = 1;
};

}  // namespace iolab::model
