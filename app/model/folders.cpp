#include "model/folders.hpp"

#include <algorithm>
#include <ctime>
#include <filesystem>

namespace fs = std::filesystem;

namespace iolab::model {

Folder read_folder(const std::string& path) {
  Folder out;
  std::error_code ec;
  const fs::path where =
      fs::weakly_canonical(path.empty() ? fs::current_path(ec) : fs::path(path), ec);
  out.path = where.string();
  if (ec) {
    out.error = ec.message();
    return out;
  }
  fs::directory_iterator it(where, fs::directory_options::skip_permission_denied, ec);
  if (ec) {
    out.error = ec.message();
    return out;
  }
  for (const fs::directory_entry& e : it) {
    const std::string name = e.path().filename().string();
    if (!name.empty() && name[0] != '.' && e.is_directory(ec)) out.subfolders.push_back(name);
  }
  std::sort(out.subfolders.begin(), out.subfolders.end());
  return out;
}

std::string parent_folder(const std::string& path) {
  const fs::path p(path);
  return p.has_parent_path() ? p.parent_path().string() : path;
}

std::string join_path(const std::string& folder, const std::string& name) {
  return (fs::path(folder) / name).string();
}

std::string timestamped_name(const char* suffix) {
  const std::time_t now = std::time(nullptr);
  char name[64];
  std::strftime(name, sizeof name, "iolab-%Y%m%d-%H%M%S", std::localtime(&now));
  return std::string(name) + suffix;
}

}  // namespace iolab::model
