// The LSP server's message loop, lifecycle and request queue.
#include "frontends/lsp/lsp_server.h"

#include <algorithm>
#include <cstdlib>
#include <new>

#include "base/source_limit.h"
#include "frontends/free_memory.h"
#include "frontends/lsp/lsp_json_depth.h"
#include "frontends/timing.h"

namespace ferret::lsp {

using nlohmann::json;

namespace {

std::string id_key(const json& id) {
  return id.dump();
}

// What a missing member reads as (a reference, so a present one is not copied).
const json kNoObject;

bool valid_id(const json& id) {
  return id.is_string() || id.is_number_integer() || id.is_number_unsigned();
}

}  // namespace

Server::Server(std::FILE* in, std::FILE* out, ServerOptions options)
    : transport_(in, out),
      worker_thread_(options.worker_thread),
      session_(std::move(options.world)),
      features_(session_, caps_),
      timing_(std::getenv("FERRET_TIMING") != nullptr) {
  session_.set_cache_unsaved_buffers(false);
}

void Server::send(const json& message) {
  transport_.write(message.dump(-1, ' ', false, json::error_handler_t::replace));
}

void Server::reply(const json& id, json result) {
  send(json{{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}});
}

void Server::reply_error(const json& id, int code, const std::string& message) {
  send(json{{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}});
}

int Server::run() {
  if (worker_thread_) worker_ = std::thread([this] { worker(); });
  int status = 1;
  for (;;) {
    Incoming in = transport_.read();
    if (in.kind == Incoming::Kind::End) {
      if (!worker_thread_) {
        while (std::optional<Task> t = next_task(false)) run_task(*t);
      }
      break;
    }
    if (in.kind == Incoming::Kind::BadHeader) {
      reply_error(nullptr, kParseError, "a message without a valid Content-Length header");
      continue;
    }
    if (in.kind == Incoming::Kind::TooLarge) {
      reply_error(nullptr, kInvalidRequest,
                  "a message of " + std::to_string(in.length) + " bytes is over the limit of " +
                      std::to_string(kMaxMessageBytes >> 20) + " MiB: skipped");
      continue;
    }
    handle(in.body);
    if (exit_) {
      status = shutdown_ ? 0 : 1;
      break;
    }
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (worker_thread_) {
    worker_.join();
  } else {
    while (std::optional<Task> t = next_task(false)) run_task(*t);  // each answered "cancelled"
  }
  session_.flush_cache();
  return status;
}

void Server::handle(const std::string& body) {
  if (json_nesting_depth(body) > kMaxJsonDepth) {
    reply_error(nullptr, kInvalidRequest,
                "a message nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
    return;
  }
  json msg;
  try {
    msg = json::parse(body);
  } catch (const json::exception& e) {
    reply_error(nullptr, kParseError, std::string("not JSON: ") + e.what());
    return;
  }
  if (!msg.is_object()) {
    reply_error(nullptr, kInvalidRequest, "a message must be a JSON object");
    return;
  }
  bool has_id = msg.contains("id");
  json id = has_id ? msg["id"] : json(nullptr);
  if (!msg.contains("method")) {
    if (has_id && (msg.contains("result") || msg.contains("error")))
      return;  // a reply to our request
    reply_error(has_id && valid_id(id) ? id : json(nullptr), kInvalidRequest,
                "a message needs a method");
    return;
  }
  if (!msg["method"].is_string() || (has_id && !valid_id(id))) {
    reply_error(has_id && valid_id(id) ? id : json(nullptr), kInvalidRequest,
                "method must be a string, id a number or string");
    return;
  }
  std::string method = msg["method"].get<std::string>();
  json params = msg.contains("params") ? msg["params"] : json(nullptr);
  if (!has_id) {
    if (method == "exit") {
      exit_ = true;
      return;
    }
    handle_notification(method, params);
    return;
  }
  if (method == "initialize") {
    if (initialized_) {
      reply_error(id, kInvalidRequest, "initialize was already received");
      return;
    }
    if (!params.is_object()) {
      reply_error(id, kInvalidParams, "initialize needs a params object");
      return;
    }
    caps_ = ClientCaps::from_initialize(params);
    initialized_ = true;
    json capabilities{
        {"positionEncoding", caps_.encoding == PositionEncoding::Utf8 ? "utf-8" : "utf-16"},
        {"textDocumentSync",
         {{"openClose", true}, {"change", 2}, {"save", {{"includeText", false}}}}},
        {"completionProvider", {{"triggerCharacters", {".", ":"}}, {"resolveProvider", true}}},
        {"definitionProvider", true},
        {"hoverProvider", true},
        {"signatureHelpProvider", {{"triggerCharacters", {"(", ","}}}},
        {"documentSymbolProvider", true},
        {"workspaceSymbolProvider", true},
    };
    reply(id, json{{"capabilities", capabilities},
                   {"serverInfo", {{"name", "ferret"}, {"version", FERRET_VERSION}}}});
    return;
  }
  if (!initialized_) {
    reply_error(id, kServerNotInitialized, "the first request must be initialize");
    return;
  }
  if (shutdown_) {
    reply_error(id, kInvalidRequest, "the server is shutting down");
    return;
  }
  if (method == "shutdown") shutdown_ = true;  // answered in order, after the queued requests
  enqueue(Task{.id = id,
               .method = method,
               .params = params,
               .docs = documents_.snapshot(),
               .bytes = body.size()});
}

void Server::handle_notification(const std::string& method, const json& params) {
  if (!initialized_ || !params.is_object()) return;  // notifications are never answered
  auto str = [&](const json& j, const char* key) -> std::string {
    return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>()
                                                                  : std::string();
  };
  auto version = [&](const json& doc) -> int64_t {
    return doc.contains("version") && doc["version"].is_number_integer()
               ? doc["version"].get<int64_t>()
               : 0;
  };
  if (method == "textDocument/didOpen") {
    const json& doc = params.contains("textDocument") ? params["textDocument"] : kNoObject;
    std::string uri = str(doc, "uri");
    if (uri.empty() || !doc.contains("text") || !doc["text"].is_string()) return;
    std::optional<std::string> path =
        documents_.open(uri, version(doc), doc["text"].get<std::string>());
    if (!path) return;
    enqueue(Task{.id = nullptr,
                 .method = "ferret/index",
                 .params = json{{"path", *path}},
                 .docs = documents_.snapshot()});
  } else if (method == "textDocument/didChange") {
    const json& doc = params.contains("textDocument") ? params["textDocument"] : kNoObject;
    std::string uri = str(doc, "uri");
    if (uri.empty() || !params.contains("contentChanges")) return;
    documents_.change(uri, version(doc), params["contentChanges"], caps_.encoding);
  } else if (method == "textDocument/didClose") {
    const json& doc = params.contains("textDocument") ? params["textDocument"] : kNoObject;
    documents_.close(str(doc, "uri"));
  } else if (method == "$/cancelRequest") {
    if (params.contains("id") && valid_id(params["id"])) cancel(params["id"]);
  }
  // didSave, initialized, $/setTrace, workspace/didChange…: nothing to do (the disk's
  // text is read when no buffer is open; buffers win over it).
}

void Server::cancel(const json& id) {
  // Only a request still queued can be cancelled: an answered or unknown id leaves
  // nothing behind. (The one running is answered as it finishes.)
  std::lock_guard<std::mutex> lock(mutex_);
  auto [first, last] = pending_.equal_range(id_key(id));
  for (auto it = first; it != last; ++it) it->second->cancelled = true;
}

void Server::enqueue(Task t) {
  std::unique_lock<std::mutex> lock(mutex_);
  auto full = [&] {
    return queue_.size() >= kMaxQueuedTasks ||
           (!queue_.empty() && queued_bytes_ + t.bytes > kMaxQueuedBytes);
  };
  while (full()) {
    if (worker_thread_) {
      room_.wait(lock);
    } else {
      lock.unlock();
      if (std::optional<Task> next = next_task(false)) run_task(*next);
      lock.lock();
    }
  }
  queued_bytes_ += t.bytes;
  queue_.push_back(std::move(t));
  if (!queue_.back().id.is_null()) pending_.emplace(id_key(queue_.back().id), &queue_.back());
  lock.unlock();
  wake_.notify_one();
}

std::optional<Server::Task> Server::next_task(bool wait) {
  std::unique_lock<std::mutex> lock(mutex_);
  if (wait) wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
  if (queue_.empty()) return std::nullopt;
  Task* front = &queue_.front();
  if (!front->id.is_null()) {
    auto [first, last] = pending_.equal_range(id_key(front->id));
    for (auto it = first; it != last; ++it) {
      if (it->second == front) {
        pending_.erase(it);
        break;
      }
    }
  }
  Task t = std::move(*front);
  queue_.pop_front();
  queued_bytes_ -= t.bytes;
  if (stopping_ && !t.id.is_null() && t.method != "shutdown") t.cancelled = true;
  lock.unlock();
  room_.notify_one();
  return t;
}

void Server::worker() {
  while (std::optional<Task> t = next_task(true)) run_task(*t);
}

void Server::run_task(Task& t) {
  if (t.cancelled) {
    if (!t.id.is_null()) reply_error(t.id, kRequestCancelled, "cancelled");
    return;
  }
  try {
    json result = answer(t);
    if (!t.id.is_null()) reply(t.id, std::move(result));
    if (timing_) {
      double ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t.received)
              .count();
      std::fprintf(stderr, "ferret: lsp: %-30s %8.2f ms from receipt to reply\n", t.method.c_str(),
                   ms);
    }
  } catch (const MethodNotFound& e) {
    if (!t.id.is_null()) reply_error(t.id, kMethodNotFound, e.what());
  } catch (const InvalidParams& e) {
    if (!t.id.is_null()) reply_error(t.id, kInvalidParams, e.what());
  } catch (const json::exception& e) {
    if (!t.id.is_null()) reply_error(t.id, kInvalidParams, e.what());
  } catch (const std::bad_alloc&) {
    if (!t.id.is_null()) reply_error(t.id, kInternalError, "out of memory");
  } catch (const std::exception& e) {
    if (!t.id.is_null()) reply_error(t.id, kInternalError, e.what());
  }
  // Cache entries are written when no request waits (not between a burst of requests).
  bool idle;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    idle = queue_.empty();
  }
  if (idle) {
    frontends::PhaseTimer timer("lsp: cache writes");
    session_.flush_cache();
  }
  if (idle && dropped_state_) {
    frontends::PhaseTimer timer("lsp: free memory");
    frontends::return_free_memory();
    dropped_state_ = false;
  }
}

void Server::sync_buffers(const DocumentSnapshot& docs) {
  for (const auto& [path, doc] : *docs) {
    auto it = applied_.find(path);
    if (it != applied_.end() && it->second == doc.text) continue;
    if (session_.set_buffer(path, doc.text)) {
      declined_.erase(path);
    } else if (declined_.insert(path).second) {
      // Once per document until it fits again; its requests fail saying why.
      send(json{{"jsonrpc", "2.0"},
                {"method", "window/showMessage"},
                {"params",
                 {{"type", 2},
                  {"message", "ferret: " + path + " is " + base::source_too_large_reason() +
                                  ": it is read as empty until it is smaller"}}}});
    }
    features_.remember_lines(doc.text, doc.lines);
    applied_[path] = doc.text;
  }
  for (auto it = applied_.begin(); it != applied_.end();) {
    if (docs->count(it->first) != 0) {
      ++it;
      continue;
    }
    session_.clear_buffer(it->first);  // and what was kept for it alone
    dropped_state_ = true;
    declined_.erase(it->first);
    it = applied_.erase(it);
  }
  // A folder is indexed (with progress) again when a document opens in it after all of
  // its documents closed: the set follows the open documents, not every folder seen.
  std::erase_if(indexed_dirs_, [&](const std::string& dir) {
    auto at = docs->lower_bound(dir + "/");
    return at == docs->end() || at->first.compare(0, dir.size() + 1, dir + "/") != 0;
  });
}

void Server::index_file(const std::string& path) {
  std::string dir = sema::parent_dir(path);
  if (!indexed_dirs_.insert(dir).second) return;
  std::string token = "ferret-index-" + std::to_string(++progress_tokens_);
  auto progress = [&](json value) {
    if (caps_.work_done_progress)
      send(json{{"jsonrpc", "2.0"},
                {"method", "$/progress"},
                {"params", {{"token", token}, {"value", value}}}});
  };
  if (caps_.work_done_progress) {
    send(json{{"jsonrpc", "2.0"},
              {"id", token},
              {"method", "window/workDoneProgress/create"},
              {"params", {{"token", token}}}});
  }
  progress(
      {{"kind", "begin"}, {"title", "ferret: indexing"}, {"message", path}, {"percentage", 0}});
  // The project, then the def maps the file's crate needs (from the cache when warm: a
  // cached map loads without its dependencies'), each reported as it starts, out of the
  // crates the file's crate depends on (an upper bound).
  frontends::Workspace& ws = session_.workspace_for(path);
  std::vector<sema::CrateId> candidates = session_.candidate_crates(ws, path);
  size_t total =
      candidates.empty() ? 1 : base::dependency_order(ws.db->graph(), candidates[0]).size();
  size_t started = 0;
  ws.db->set_def_map_observer([&](sema::CrateId c) {
    ++started;
    progress(
        {{"kind", "report"},
         {"message", ws.db->graph()[c].name},
         {"percentage", std::min<size_t>(99, (started - 1) * 100 / std::max<size_t>(total, 1))}});
  });
  try {
    session_.query(path, 0);
  } catch (...) {
    ws.db->set_def_map_observer(nullptr);
    throw;
  }
  ws.db->set_def_map_observer(nullptr);
  progress({{"kind", "end"}});
}

json Server::answer(const Task& t) {
  {
    frontends::PhaseTimer timer("lsp: sync buffers");
    sync_buffers(t.docs);
  }
  frontends::PhaseTimer timer("lsp: answer");
  const std::string& m = t.method;
  if (m == "ferret/index") {
    index_file(t.params["path"].get<std::string>());
    return nullptr;
  }
  if (m == "shutdown") return nullptr;
  if (m == "textDocument/completion") return features_.completion(t.params, t.docs);
  if (m == "completionItem/resolve") return features_.resolve_completion(t.params);
  if (m == "textDocument/definition") return features_.definition(t.params, t.docs);
  if (m == "textDocument/hover") return features_.hover(t.params, t.docs);
  if (m == "textDocument/signatureHelp") return features_.signature_help(t.params, t.docs);
  if (m == "textDocument/documentSymbol") return features_.document_symbols(t.params, t.docs);
  if (m == "workspace/symbol") return features_.workspace_symbols(t.params);
  throw MethodNotFound("unknown method: " + m);
}

}  // namespace ferret::lsp
