// The built-in demos of `iolab-cli demo NAME`: each one the lecture's point, on real sockets.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "netcore/driver.hpp"

namespace netcore {

struct ScenarioInfo {
  const char* name;
  const char* summary;
};
const std::vector<ScenarioInfo>& scenarios();
bool scenario_exists(std::string_view name);

struct ScenarioOptions {
  int count = 5;  // `lecture`: messages the client sends
};

// Runs `name` on a started loopback engine. Returns an empty string, or what went wrong.
std::string run_scenario(std::string_view name, Driver& driver, const ScenarioOptions& options);

}  // namespace netcore
