// What the Save / Export file chooser (views/file_chooser) shows: a folder's subfolders, and
// the time-stamped names files get. No ImGui, no OS header: std::filesystem.
#pragma once
#include <string>
#include <vector>

namespace iolab::model {

struct Folder {
  std::string path;                     // absolute, normalized
  std::vector<std::string> subfolders;  // subfolders' names, sorted; hidden ones (".x") left out
  std::string error;                    // why it could not be read ("" when it could)
};
// `path` ("" = the current folder) read; an unreadable one says why in `error`.
Folder read_folder(const std::string& path);
// The folder above `path` (itself at the root).
std::string parent_folder(const std::string& path);
// `folder` / `name`.
std::string join_path(const std::string& folder, const std::string& name);

// "iolab-20261127-142501" + suffix: a name the teacher can find, never one already written in
// the same second by a different kind of file (the suffix differs).
std::string timestamped_name(const char* suffix);

}  // namespace iolab::model
