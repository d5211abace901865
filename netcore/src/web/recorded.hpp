// What the web edition's replaying runners share (models_recorded.cpp, windows_road_recorded.cpp).
#pragma once
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <string>

namespace netcore::recorded {

inline uint64_t now_ns() {
  return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                   std::chrono::steady_clock::now().time_since_epoch())
                                   .count());
}

// Where the page keeps the models' recordings of its backend (web_main sets it from the URL).
inline std::string models_dir() {
  const char* dir = std::getenv("IOLAB_RECORDED_MODELS");
  return dir && *dir ? dir : "/traces/models.linux";
}

}  // namespace netcore::recorded
