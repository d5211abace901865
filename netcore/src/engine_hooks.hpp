// Test and benchmark hooks into the engine: not part of the seam, never used by app/.
#pragma once
#include "netcore/engine.hpp"

namespace netcore {

struct EngineTestHooks {
  // Pushes `t` through the engine's own transition queue, as the netcore thread does (seq, time
  // stamp, capacity check and drop count included). Call it from one thread at a time, and only
  // on an engine that is not started, so it stands in for the netcore thread.
  static void emit(Engine& engine, const Transition& t);
  // Hands what emit() collected to drain(), as the netcore thread does before it blocks.
  static void publish(Engine& engine);
};

}  // namespace netcore
