// Open documents and their edits.
#include "frontends/lsp/lsp_documents.h"

#include <nlohmann/json.hpp>

#include "frontends/session.h"

namespace ferret::lsp {

std::optional<std::string> DocumentStore::open(const std::string& uri, int64_t version, std::string text) {
  std::optional<std::string> path = uri_to_path(uri);
  if (!path) return std::nullopt;
  Document d;
  d.uri = uri;
  d.path = frontends::absolute_path(*path);
  d.version = version;
  d.text = std::make_shared<const std::string>(std::move(text));
  d.lines = std::make_shared<const base::LineIndex>(*d.text);
  std::lock_guard<std::mutex> lock(mutex_);
  std::string abs = d.path;
  by_path_[abs] = std::move(d);
  snapshot_.reset();
  return abs;
}

bool DocumentStore::change(const std::string& uri, int64_t version, const nlohmann::json& changes,
                           PositionEncoding enc) {
  std::optional<std::string> path = uri_to_path(uri);
  if (!path || !changes.is_array()) return false;
  std::string abs = frontends::absolute_path(*path);
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = by_path_.find(abs);
  if (it == by_path_.end()) return false;
  std::string text = *it->second.text;
  // The index of `text` as it is before each change: the document's for the first.
  std::shared_ptr<const base::LineIndex> lines = it->second.lines;
  bool ok = true;
  for (const nlohmann::json& c : changes) {
    if (!c.is_object() || !c.contains("text") || !c["text"].is_string()) {
      ok = false;
      break;
    }
    const std::string& new_text = c["text"].get_ref<const std::string&>();
    if (!c.contains("range")) {
      text = new_text;
      lines.reset();
      continue;
    }
    const nlohmann::json& r = c["range"];
    auto pos = [](const nlohmann::json& p, LspPosition& out) {
      if (!p.is_object() || !p.contains("line") || !p.contains("character") || !p["line"].is_number_unsigned() ||
          !p["character"].is_number_unsigned()) {
        return false;
      }
      out.line = static_cast<uint32_t>(std::min<uint64_t>(p["line"].get<uint64_t>(), UINT32_MAX));
      out.character = static_cast<uint32_t>(std::min<uint64_t>(p["character"].get<uint64_t>(), UINT32_MAX));
      return true;
    };
    LspPosition a, b;
    if (!r.is_object() || !r.contains("start") || !r.contains("end") || !pos(r["start"], a) || !pos(r["end"], b)) {
      ok = false;
      break;
    }
    if (!lines) lines = std::make_shared<const base::LineIndex>(text);
    uint32_t start = to_offset(text, *lines, a, enc);
    uint32_t end = to_offset(text, *lines, b, enc);
    if (end < start) std::swap(start, end);
    text.replace(start, end - start, new_text);
    lines.reset();
  }
  it->second.version = version;
  it->second.text = std::make_shared<const std::string>(std::move(text));
  it->second.lines = std::make_shared<const base::LineIndex>(*it->second.text);
  snapshot_.reset();
  return ok;
}

void DocumentStore::close(const std::string& uri) {
  std::optional<std::string> path = uri_to_path(uri);
  if (!path) return;
  std::lock_guard<std::mutex> lock(mutex_);
  by_path_.erase(frontends::absolute_path(*path));
  snapshot_.reset();
}

DocumentSnapshot DocumentStore::snapshot() const {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!snapshot_) snapshot_ = std::make_shared<const std::map<std::string, Document>>(by_path_);
  return snapshot_;
}

}  // namespace ferret::lsp
