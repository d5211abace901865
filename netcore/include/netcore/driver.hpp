// Driving an Engine from a program that can wait (the CLI, tests, scripted lessons):
// every drained transition is kept and handed to a sink, and await() blocks on the engine's
// own notification, never on a guessed sleep.
#pragma once
#include <chrono>
#include <functional>
#include <optional>
#include <vector>

#include "netcore/engine.hpp"

namespace netcore {

using Sink = std::function<void(const Transition&)>;

// An op's last word: completed_immediately, result_fetched, failed or peer_closed.
bool ends_op(Kind kind);

class Driver {
 public:
  explicit Driver(Engine& engine, Sink sink = {}) : engine_(engine), sink_(std::move(sink)) {}

  // Takes whatever the engine has recorded, without blocking.
  void pump();

  // The first transition (already seen or still to come) for which `match` holds; null after
  // `timeout` without one.
  std::optional<Transition> await(const std::function<bool(const Transition&)>& match,
                                  std::chrono::milliseconds timeout = std::chrono::seconds(10));
  std::optional<Transition> await_kind(
      uint32_t op, Kind kind, std::chrono::milliseconds timeout = std::chrono::seconds(10));
  std::optional<Transition> await_end(uint32_t op,
                                      std::chrono::milliseconds timeout = std::chrono::seconds(10));

  std::vector<Transition> of_op(uint32_t op) const;
  const std::vector<Transition>& seen() const { return seen_; }
  Engine& engine() { return engine_; }

 private:
  Engine& engine_;
  Sink sink_;
  std::vector<Transition> seen_;
  std::vector<Transition> batch_;
};

}  // namespace netcore
