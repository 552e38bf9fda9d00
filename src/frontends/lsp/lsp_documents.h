// The editor's open documents as the LSP client describes them: opened, changed (whole
// or by ranges), closed. Edits are applied as they arrive; a request takes a snapshot
// (texts are shared, immutable strings), so a slow request never holds edits back.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "frontends/lsp/lsp_text.h"

namespace ferret::lsp {

struct Document {
  std::string uri;
  std::string path;  // absolute
  int64_t version = 0;
  std::shared_ptr<const std::string> text;
  std::shared_ptr<const base::LineIndex> lines;  // of text (edits and positions use it)
};

// path -> document, as of one moment.
using DocumentSnapshot = std::shared_ptr<const std::map<std::string, Document>>;

class DocumentStore {
 public:
  // The document's absolute path; nullopt (nothing changed) when the URI is not a file path.
  std::optional<std::string> open(const std::string& uri, int64_t version, std::string text);
  // `changes` is didChange's contentChanges: {text} replaces the whole text,
  // {range, text} replaces a range (positions in `enc`, clamped). False when the
  // document is not open or a change is malformed (the changes before it stay).
  bool change(const std::string& uri, int64_t version, const nlohmann::json& changes, PositionEncoding enc);
  void close(const std::string& uri);
  DocumentSnapshot snapshot() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, Document> by_path_;
  mutable DocumentSnapshot snapshot_;  // rebuilt after a change, on the next request
};

}  // namespace ferret::lsp
