// File > Save trace and Export ask where to write: a small chooser drawn with ImGui (a modal
// window): the folder (its subfolders to walk into, `..` to go up), the file's name (a
// time-stamped one to start with), Save (Enter) and Cancel (Escape).
#pragma once
#include <string>

#include "model/folders.hpp"
#include "views/ui.hpp"

namespace iolab::views {

class FileChooser {
 public:
  // Opens it for a file named `name` in the folder used last (the current one at first).
  void open(const std::string& name);
  // Draws it while open; true on the frame Save was pressed, with the full path in `path`.
  bool draw(Ui& ui, std::string& path);

 private:
  bool open_ = false, opening_ = false;
  std::string folder_;  // "" until the first open: the current folder
  model::Folder listing_;
  char name_[256] = {};
};

}  // namespace iolab::views
