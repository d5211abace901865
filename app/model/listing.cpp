#include "model/listing.hpp"

#include <sstream>

namespace iolab::model {

Listing Listing::parse(std::string_view text) {
  Listing listing;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view raw = text.substr(start, end - start);
    Line line;
    const size_t mark = raw.find("//@");
    if (mark != std::string_view::npos) {
      std::istringstream tags{std::string(raw.substr(mark + 3))};
      for (std::string tag; tags >> tag;) line.tags.push_back(tag);
      raw = raw.substr(0, mark);
    }
    while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\r')) raw.remove_suffix(1);
    line.code = std::string(raw);
    listing.lines.push_back(std::move(line));
    start = end + 1;
  }
  return listing;
}

bool Listing::has_tag(size_t line, std::string_view tag) const {
  if (line >= lines.size()) return false;
  for (const std::string& t : lines[line].tags)
    if (t == tag) return true;
  return false;
}

std::string listing_tag(const Op& op) {
  if (op.path == Path::failed && op.t_signaled != kNever) return "fetch_failed";
  if (op.last_kind == Kind::peer_closed && op.path == Path::immediate)
    return "peer_closed_immediately";
  // Watched by the wait or not, the program is in the pending branch.
  if (op.last_kind == Kind::unwatched || op.last_kind == Kind::watched) return "pending";
  return netcore::kind_name(op.last_kind);
}

}  // namespace iolab::model
