// LSP answers from the engine's queries: matches to completion items and locations,
// definitions and docs to hover markdown, item trees to symbols; bytes to the client's
// position encoding at the edge.
#include "frontends/lsp/lsp_features.h"

#include <algorithm>
#include <cstdio>
#include <functional>

#include "base/line_index.h"
#include "base/source_limit.h"
#include "frontends/regular_file.h"
#include "ide/completion.h"
#include "ide/completion_context.h"
#include "ide/goto_definition.h"
#include "ide/import_insertion.h"
#include "ide/item_matches.h"
#include "ide/signature_help.h"
#include "ide/symbols.h"
#include "ide/type_queries.h"
#include "syntax/parse.h"

namespace ferret::lsp {

using nlohmann::json;

namespace {

constexpr size_t kMaxCompletionItems = 1000;
constexpr size_t kMaxWorkspaceSymbols = 128;

bool has_string(const json& j, const char* key, const std::string& value) {
  if (!j.is_object() || !j.contains(key) || !j[key].is_array()) return false;
  for (const json& v : j[key]) {
    if (v.is_string() && v.get<std::string>() == value) return true;
  }
  return false;
}

// j[a][b]… as a bool, false when any step is missing or of another type.
bool flag(const json& j, std::initializer_list<const char*> keys) {
  const json* cur = &j;
  for (const char* k : keys) {
    if (!cur->is_object() || !cur->contains(k)) return false;
    cur = &(*cur)[k];
  }
  return cur->is_boolean() && cur->get<bool>();
}

const json* find(const json& j, std::initializer_list<const char*> keys) {
  const json* cur = &j;
  for (const char* k : keys) {
    if (!cur->is_object() || !cur->contains(k)) return nullptr;
    cur = &(*cur)[k];
  }
  return cur;
}

int completion_kind(const ide::Match& m) {
  using K = ide::MatchKind;
  switch (m.kind) {
    case K::Function: {
      return ide::takes_self(m.context) ? 2 : 3;  // Method, Function
    }
    case K::Method: return 2;
    case K::Struct: case K::Union: return 22;  // Struct
    case K::Module: case K::Crate: return 9;   // Module
    case K::Let: case K::IfLet: case K::WhileLet: case K::For: case K::FnArg: case K::MatchArm: return 6;  // Variable
    case K::StructField: return 5;   // Field
    case K::Enum: return 13;         // Enum
    case K::EnumVariant: return 20;  // EnumMember
    case K::UseAlias: return 18;     // Reference
    case K::AssocType: case K::Type: return 7;  // Class
    case K::Trait: return 8;         // Interface
    case K::Const: case K::Static: return 21;  // Constant
    case K::Macro: return 3;         // Function (LSP has no macro kind)
    case K::TypeParameter: return 25;
    case K::Builtin: return 14;      // Keyword
    case K::Keyword: return 14;
    case K::Snippet: return 15;
  }
  return 1;
}

int symbol_kind(const ide::Symbol& s) {
  using K = index::ItemKind;
  switch (s.kind) {
    case K::Module: return 2;
    case K::Fn: return s.member ? 6 : 12;  // Method, Function
    case K::Struct: case K::Union: return 23;
    case K::Enum: return 10;
    case K::Variant: return 22;
    case K::Field: return 8;
    case K::Trait: case K::TraitAlias: return 11;  // Interface
    case K::Impl: return 19;  // Object
    case K::TypeAlias: return 26;  // TypeParameter
    case K::Const: return 14;
    case K::Static: return 13;  // Variable
    case K::MacroRules: case K::MacroDef: return 12;
    default: return 13;
  }
}

bool is_local(ide::MatchKind k) {
  using K = ide::MatchKind;
  return k == K::Let || k == K::IfLet || k == K::WhileLet || k == K::For || k == K::FnArg || k == K::MatchArm;
}


}  // namespace

ClientCaps ClientCaps::from_initialize(const json& params) {
  ClientCaps c;
  const json* caps = find(params, {"capabilities"});
  if (caps != nullptr) {
    if (const json* general = find(*caps, {"general"}); general && has_string(*general, "positionEncodings", "utf-8")) {
      c.encoding = PositionEncoding::Utf8;
    }
    c.snippets = flag(*caps, {"textDocument", "completion", "completionItem", "snippetSupport"});
    if (const json* item = find(*caps, {"textDocument", "completion", "completionItem"})) {
      c.markdown_completion_docs = has_string(*item, "documentationFormat", "markdown");
      if (const json* props = find(*item, {"resolveSupport"}))
        c.resolves_edits = has_string(*props, "properties", "additionalTextEdits");
    }
    if (const json* hover = find(*caps, {"textDocument", "hover"})) c.markdown_hover = has_string(*hover, "contentFormat", "markdown");
    c.work_done_progress = flag(*caps, {"window", "workDoneProgress"});
    c.hierarchical_symbols = flag(*caps, {"textDocument", "documentSymbol", "hierarchicalDocumentSymbolSupport"});
  }
  std::string root_uri;
  if (const json* r = find(params, {"rootUri"}); r && r->is_string()) root_uri = r->get<std::string>();
  if (const json* f = find(params, {"workspaceFolders"}); root_uri.empty() && f && f->is_array() && !f->empty()) {
    if (const json* u = find((*f)[0], {"uri"}); u && u->is_string()) root_uri = u->get<std::string>();
  }
  if (!root_uri.empty()) {
    if (std::optional<std::string> p = uri_to_path(root_uri)) c.root_path = frontends::absolute_path(*p);
  } else if (const json* rp = find(params, {"rootPath"}); rp && rp->is_string()) {
    c.root_path = frontends::absolute_path(rp->get<std::string>());
  }
  return c;
}

Features::At Features::position_of(const json& params, const DocumentSnapshot& docs, bool with_position) {
  const json* uri = find(params, {"textDocument", "uri"});
  if (uri == nullptr || !uri->is_string()) throw InvalidParams("textDocument.uri must be a string");
  std::optional<std::string> path = uri_to_path(uri->get<std::string>());
  if (!path) throw InvalidParams("textDocument.uri must be a file:// URI");
  At at;
  at.path = frontends::absolute_path(*path);
  auto open = docs->find(at.path);
  if (open != docs->end()) {
    at.text = open->second.text;
    if (at.text->size() > base::kMaxSourceBytes)
      throw InvalidParams("cannot read " + at.path + ": " + base::source_too_large_reason());
  } else {
    at.text = session_.overlay().read_file(at.path);
    if (!at.text) {
      std::string why = frontends::read_regular_file(at.path).reason();
      throw InvalidParams("cannot read " + at.path + (why.empty() ? "" : ": " + why));
    }
  }
  if (!with_position) return at;
  const json* line = find(params, {"position", "line"});
  const json* character = find(params, {"position", "character"});
  if (line == nullptr || character == nullptr || !line->is_number_unsigned() || !character->is_number_unsigned()) {
    throw InvalidParams("position must have unsigned line and character");
  }
  LspPosition p;
  p.line = static_cast<uint32_t>(std::min<uint64_t>(line->get<uint64_t>(), UINT32_MAX));
  p.character = static_cast<uint32_t>(std::min<uint64_t>(character->get<uint64_t>(), UINT32_MAX));
  at.offset = to_offset(*at.text, lines_of(at.text), p, caps_.encoding);
  return at;
}

const base::LineIndex& Features::lines_of(const base::FileText& text) {
  static const std::string kEmpty;
  for (auto it = lines_.begin(); it != lines_.end(); ++it) {
    if (it->first == text) {
      lines_.splice(lines_.begin(), lines_, it);
      return *lines_.front().second;
    }
  }
  remember_lines(text, std::make_shared<const base::LineIndex>(text ? std::string_view(*text) : std::string_view(kEmpty)));
  return *lines_.front().second;
}

void Features::remember_lines(const base::FileText& text, std::shared_ptr<const base::LineIndex> lines) {
  if (!lines) return;
  lines_.emplace_front(text, std::move(lines));
  if (lines_.size() > 8) lines_.pop_back();
}

json Features::range_of(const base::FileText& text, uint32_t start, uint32_t end) {
  static const std::string kEmpty;
  std::string_view t = text ? std::string_view(*text) : std::string_view(kEmpty);
  const base::LineIndex& lines = lines_of(text);
  LspPosition a = to_position(t, lines, start, caps_.encoding);
  LspPosition b = to_position(t, lines, std::max(start, end), caps_.encoding);
  return json{{"start", {{"line", a.line}, {"character", a.character}}},
              {"end", {{"line", b.line}, {"character", b.character}}}};
}

json Features::location_of(const ide::Match& m) {
  base::FileText text = session_.overlay().read_file(m.path);
  uint32_t start = text ? lines_of(text).offset(m.line, m.col) : 0;
  std::string name = m.name;
  if (!name.empty() && name.back() == '!') name.pop_back();
  return json{{"uri", path_to_uri(m.path)}, {"range", range_of(text, start, start + static_cast<uint32_t>(name.size()))}};
}

std::string Features::markdown(const std::string& code, const std::string& docs) const {
  std::string out;
  if (!code.empty()) out += "```rust\n" + code + "\n```";
  if (!docs.empty()) {
    if (!out.empty()) out += "\n\n---\n\n";
    out += docs;
  }
  return out;
}

json Features::completion(const json& params, const DocumentSnapshot& docs) {
  At at = position_of(params, docs);
  std::unique_ptr<ide::Query> q = session_.query(at.path, at.offset);
  json items = json::array();
  if (!q) return json{{"isIncomplete", false}, {"items", items}};
  ide::CompletionResult r = ide::complete(*q);
  ++completion_id_;
  completion_matches_ = std::move(r.matches);
  completion_path_ = at.path;
  completion_text_ = at.text;
  completion_offset_ = at.offset;
  // Incomplete: cut to the item limit, or the engine left out what a longer prefix
  // finds (items to import), so the client must ask again as the user types.
  bool incomplete = r.incomplete || completion_matches_.size() > kMaxCompletionItems;
  if (incomplete) completion_matches_.resize(kMaxCompletionItems);
  json range = range_of(at.text, std::min(r.context.prefix_start, at.offset), at.offset);
  for (size_t i = 0; i < completion_matches_.size(); ++i) {
    const ide::Match& m = completion_matches_[i];
    // A postfix snippet replaces its receiver too: only for clients that take snippets.
    bool postfix = m.kind == ide::MatchKind::Snippet;
    if (postfix && (!caps_.snippets || m.replace_start > r.context.prefix_start)) continue;
    char sort[32];
    std::snprintf(sort, sizeof sort, "%05zu", i);
    bool snippet = caps_.snippets && m.snippet != m.name && !m.snippet.empty();
    json edit_range = postfix ? range_of(at.text, m.replace_start, at.offset) : range;
    std::string filter =
        postfix
            ? at.text->substr(m.replace_start, r.context.prefix_start - m.replace_start) + m.name
            : m.name;
    json item{{"label", m.name},
              {"kind", completion_kind(m)},
              {"detail", ide::collapse_whitespace(m.context)},
              {"sortText", sort},
              {"filterText", filter},
              {"textEdit", {{"range", edit_range}, {"newText", snippet ? m.snippet : m.name}}},
              {"insertTextFormat", snippet ? 2 : 1},
              {"data", {{"r", completion_id_}, {"i", i}}}};
    if (m.hidden) item["tags"] = json::array({1});  // shown struck through: deprecated or hidden
    if (!m.import.empty()) {
      item["labelDetails"] = json{{"description", "use " + m.import}};
      if (!caps_.resolves_edits) item["additionalTextEdits"] = import_edits(m);
    }
    items.push_back(std::move(item));
  }
  return json{{"isIncomplete", incomplete}, {"items", items}};
}

// The `use` a completion of an item not in scope needs, as LSP text edits of the
// completed file's text (parsed again: the edit only reads its item structure).
json Features::import_edits(const ide::Match& m) {
  json edits = json::array();
  if (m.import.empty() || !completion_text_) return edits;
  syntax::SyntaxTree tree = syntax::parse(*completion_text_);
  std::optional<ide::TextEdit> e = ide::import_edit(tree, completion_offset_, m.import);
  if (e)
    edits.push_back(
        json{{"range", range_of(completion_text_, e->start, e->end)}, {"newText", e->text}});
  return edits;
}

json Features::resolve_completion(const json& item) {
  if (!item.is_object()) throw InvalidParams("a completion item must be an object");
  json out = item;
  const json* r = find(item, {"data", "r"});
  const json* i = find(item, {"data", "i"});
  if (r == nullptr || i == nullptr || !r->is_number_unsigned() || !i->is_number_unsigned()) return out;
  if (r->get<uint64_t>() != completion_id_ || i->get<uint64_t>() >= completion_matches_.size()) return out;
  const ide::Match& m = completion_matches_[i->get<size_t>()];
  if (!m.import.empty()) out["additionalTextEdits"] = import_edits(m);
  if (!m.docs.empty()) {
    out["documentation"] = json{{"kind", caps_.markdown_completion_docs ? "markdown" : "plaintext"}, {"value", m.docs}};
  }
  return out;
}

json Features::definition(const json& params, const DocumentSnapshot& docs) {
  At at = position_of(params, docs);
  std::unique_ptr<ide::Query> q = session_.query(at.path, at.offset);
  if (!q) return nullptr;
  std::optional<ide::Match> m = ide::find_definition(*q);
  if (!m || m->path.empty()) return nullptr;
  return location_of(*m);
}

json Features::hover(const json& params, const DocumentSnapshot& docs) {
  At at = position_of(params, docs);
  const std::string& text = *at.text;
  uint32_t start = ide::prefix_start(text, at.offset);
  uint32_t end = ide::ident_end(text, at.offset);
  if (start == end) return nullptr;  // hover is for names
  std::unique_ptr<ide::Query> q = session_.query(at.path, at.offset);
  if (!q) return nullptr;
  std::optional<ide::Match> m = ide::find_definition(*q);
  std::string code, docs_text;
  if (m && !is_local(m->kind)) {
    code = ide::collapse_whitespace(m->context);
    docs_text = m->docs;
  } else {
    // A local: the type of its binding (a use of it may sit in a macro's arguments,
    // which have no expression of their own).
    q->offset = start;  // on the name's first character
    if (m && m->path == at.path) q->offset = q->lines().offset(m->line, m->col);
    std::string type = ide::type_at_cursor(*q);
    if (type == "{unknown}" && !m) return nullptr;
    code = text.substr(start, end - start) + ": " + type;
  }
  json contents = caps_.markdown_hover ? json{{"kind", "markdown"}, {"value", markdown(code, docs_text)}}
                                        : json{{"kind", "plaintext"}, {"value", docs_text.empty() ? code : code + "\n\n" + docs_text}};
  return json{{"contents", contents}, {"range", range_of(at.text, start, end)}};
}

json Features::signature_help(const json& params, const DocumentSnapshot& docs) {
  At at = position_of(params, docs);
  std::unique_ptr<ide::Query> q = session_.query(at.path, at.offset);
  if (!q) return nullptr;
  std::optional<ide::SignatureHelp> h = ide::signature_help(*q);
  if (!h) return nullptr;
  const std::string& label = h->callee.context;
  const std::vector<std::pair<uint32_t, uint32_t>>& ranges = h->params;
  json parameters = json::array();
  for (auto [s, e] : ranges) {
    uint32_t a = unit_length(std::string_view(label).substr(0, s), caps_.encoding);
    uint32_t b = a + unit_length(std::string_view(label).substr(s, e - s), caps_.encoding);
    parameters.push_back(json{{"label", json::array({a, b})}});
  }
  json sig{{"label", label}, {"parameters", parameters}};
  if (!h->callee.docs.empty()) {
    sig["documentation"] = json{{"kind", caps_.markdown_hover ? "markdown" : "plaintext"}, {"value", h->callee.docs}};
  }
  uint32_t active = ranges.empty() ? 0 : std::min<uint32_t>(h->active, static_cast<uint32_t>(ranges.size() - 1));
  return json{{"signatures", json::array({sig})}, {"activeSignature", 0}, {"activeParameter", active}};
}

json Features::document_symbols(const json& params, const DocumentSnapshot& docs) {
  At at = position_of(params, docs, false);
  std::unique_ptr<ide::Query> q = session_.query(at.path, 0);
  json out = json::array();
  if (!q) return out;
  std::vector<ide::Symbol> symbols = ide::document_symbols(q->file_tree());
  base::FileText text = q->text;
  auto range = [&](uint32_t s, uint32_t e) { return range_of(text, s, e); };
  std::string uri = path_to_uri(at.path);
  std::function<json(const ide::Symbol&)> nested = [&](const ide::Symbol& s) {
    uint32_t name_end = s.name_offset + static_cast<uint32_t>(s.kind == index::ItemKind::Impl ? 4 : s.name.size() - (s.name.back() == '!'));
    json children = json::array();
    for (const ide::Symbol& c : s.children) children.push_back(nested(c));
    json j{{"name", s.name}, {"kind", symbol_kind(s)}, {"range", range(s.start, s.end)},
           {"selectionRange", range(std::clamp(s.name_offset, s.start, s.end), std::clamp(name_end, s.start, s.end))}};
    if (!children.empty()) j["children"] = std::move(children);
    return j;
  };
  std::function<void(const ide::Symbol&, const std::string&)> flat = [&](const ide::Symbol& s, const std::string& container) {
    json j{{"name", s.name}, {"kind", symbol_kind(s)}, {"location", {{"uri", uri}, {"range", range(s.start, s.end)}}}};
    if (!container.empty()) j["containerName"] = container;
    out.push_back(std::move(j));
    for (const ide::Symbol& c : s.children) flat(c, s.name);
  };
  for (const ide::Symbol& s : symbols) {
    if (caps_.hierarchical_symbols) {
      out.push_back(nested(s));
    } else {
      flat(s, "");
    }
  }
  return out;
}

json Features::workspace_symbols(const json& params) {
  const json* query = find(params, {"query"});
  if (query == nullptr || !query->is_string()) throw InvalidParams("query must be a string");
  std::vector<frontends::Workspace*> spaces = session_.workspaces();
  if (spaces.empty() && !caps_.root_path.empty()) {
    spaces.push_back(&session_.workspace_for(caps_.root_path + "/<ferret-workspace>.rs"));
  }
  std::vector<ide::WorkspaceSymbol> found;
  for (frontends::Workspace* ws : spaces) {
    std::vector<ide::WorkspaceSymbol> part = ide::workspace_symbols(*ws->db, query->get<std::string>(), kMaxWorkspaceSymbols);
    found.insert(found.end(), part.begin(), part.end());
  }
  std::stable_sort(found.begin(), found.end(), [](const ide::WorkspaceSymbol& a, const ide::WorkspaceSymbol& b) { return a.score > b.score; });
  if (found.size() > kMaxWorkspaceSymbols) found.resize(kMaxWorkspaceSymbols);
  json out = json::array();
  std::map<std::string, base::FileText> texts;  // each file read once
  for (const ide::WorkspaceSymbol& w : found) {
    auto [file, fresh] = texts.try_emplace(w.path);
    if (fresh) file->second = session_.overlay().read_file(w.path);
    uint32_t name_end = w.symbol.name_offset + static_cast<uint32_t>(w.symbol.name.size() - (w.symbol.name.back() == '!'));
    json j{{"name", w.symbol.name},
           {"kind", symbol_kind(w.symbol)},
           {"location", {{"uri", path_to_uri(w.path)}, {"range", range_of(file->second, w.symbol.name_offset, name_end)}}}};
    if (!w.container.empty()) j["containerName"] = w.container;
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace ferret::lsp
