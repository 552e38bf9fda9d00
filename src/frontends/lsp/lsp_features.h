// The LSP requests that ask the engine: completion (and its resolve), definition,
// hover, signature help, document and workspace symbols. Each takes the request's
// params and the documents snapshot it was received with, and returns the result
// JSON; a malformed params object throws InvalidParams. Runs on the server's worker.
#pragma once

#include <list>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "base/line_index.h"
#include "frontends/lsp/lsp_documents.h"
#include "frontends/session.h"
#include "ide/match.h"

namespace ferret::lsp {

struct InvalidParams : std::runtime_error {
  using std::runtime_error::runtime_error;
};
struct MethodNotFound : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// What the client said it can do (initialize's capabilities), as the answers need it.
struct ClientCaps {
  PositionEncoding encoding = PositionEncoding::Utf16;
  bool snippets = false;
  bool markdown_completion_docs = false;
  bool resolves_edits = false;  // completionItem/resolve may fill additionalTextEdits
  bool markdown_hover = false;
  bool work_done_progress = false;
  bool hierarchical_symbols = false;
  std::string root_path;  // the workspace root ("" when none was given)

  static ClientCaps from_initialize(const nlohmann::json& params);
};

class Features {
 public:
  Features(frontends::Session& session, const ClientCaps& caps) : session_(session), caps_(caps) {}

  nlohmann::json completion(const nlohmann::json& params, const DocumentSnapshot& docs);
  nlohmann::json resolve_completion(const nlohmann::json& item);
  nlohmann::json definition(const nlohmann::json& params, const DocumentSnapshot& docs);
  nlohmann::json hover(const nlohmann::json& params, const DocumentSnapshot& docs);
  nlohmann::json signature_help(const nlohmann::json& params, const DocumentSnapshot& docs);
  nlohmann::json document_symbols(const nlohmann::json& params, const DocumentSnapshot& docs);
  nlohmann::json workspace_symbols(const nlohmann::json& params);
  // An open document's line index, made with it: lines_of then finds it.
  void remember_lines(const base::FileText& text, std::shared_ptr<const base::LineIndex> lines);

 private:
  struct At {
    std::string path;
    std::shared_ptr<const std::string> text;
    uint32_t offset = 0;
  };
  // textDocument + position of a request: the file, its text (the open document's,
  // else the file's), the byte offset. Throws InvalidParams.
  At position_of(const nlohmann::json& params, const DocumentSnapshot& docs, bool with_position = true);
  // The line index of a text, kept for the last few texts asked about (an open
  // document's current version, the files definitions point into).
  const base::LineIndex& lines_of(const base::FileText& text);
  // An LSP range for bytes [start, end) of a text.
  nlohmann::json range_of(const base::FileText& text, uint32_t start, uint32_t end);
  nlohmann::json location_of(const ide::Match& m);
  std::string markdown(const std::string& code, const std::string& docs) const;

  frontends::Session& session_;
  const ClientCaps& caps_;
  // The last completion's matches, for completionItem/resolve (data: {r, i}).
  std::list<std::pair<base::FileText, std::shared_ptr<const base::LineIndex>>> lines_;  // most recent first
  uint64_t completion_id_ = 0;
  std::vector<ide::Match> completion_matches_;
  std::string completion_path_;     // the file of the last completion
  base::FileText completion_text_;  // its text then
  uint32_t completion_offset_ = 0;
  nlohmann::json import_edits(const ide::Match& m);
};

}  // namespace ferret::lsp
