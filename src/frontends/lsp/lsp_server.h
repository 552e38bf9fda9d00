// `ferret lsp`: a Language Server Protocol 3.17 server over stdio. The reading thread
// applies document edits at once and queues requests with a snapshot of the documents;
// one worker thread owns the engine session and answers them in order. Every malformed
// message gets a JSON-RPC error (or is dropped, if it was a notification); the server
// only stops on `exit` or the end of its input.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "frontends/lsp/lsp_documents.h"
#include "frontends/lsp/lsp_features.h"
#include "frontends/lsp/lsp_transport.h"

namespace ferret::lsp {

// JSON-RPC and LSP error codes.
enum ErrorCode : int {
  kParseError = -32700,
  kInvalidRequest = -32600,
  kMethodNotFound = -32601,
  kInvalidParams = -32602,
  kInternalError = -32603,
  kServerNotInitialized = -32002,
  kRequestCancelled = -32800,
};

class Server {
 public:
  Server(std::FILE* in, std::FILE* out);
  // Serves until `exit` (0 after `shutdown`, else 1) or the end of input (1).
  int run();

 private:
  struct Task {
    nlohmann::json id;  // null for the server's own work (indexing a newly opened file)
    std::string method;
    nlohmann::json params;
    DocumentSnapshot docs;
    std::chrono::steady_clock::time_point received = std::chrono::steady_clock::now();
  };

  void handle(const std::string& body);
  void handle_notification(const std::string& method, const nlohmann::json& params);
  void enqueue(Task t);
  void worker();
  nlohmann::json answer(const Task& t);  // throws InvalidParams, std::exception
  void sync_buffers(const DocumentSnapshot& docs);
  void index_file(const std::string& path);

  void reply(const nlohmann::json& id, nlohmann::json result);
  void reply_error(const nlohmann::json& id, int code, const std::string& message);
  void send(const nlohmann::json& message);

  Transport transport_;
  DocumentStore documents_;
  ClientCaps caps_;
  bool initialized_ = false;
  bool shutdown_ = false;
  bool exit_ = false;

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Task> queue_;
  std::set<std::string> cancelled_;  // request ids (as JSON text) cancelled before they ran
  bool stopping_ = false;

  // Worker-only state.
  frontends::Session session_;
  Features features_;
  std::map<std::string, std::shared_ptr<const std::string>> applied_;  // buffers set in the session
  std::set<std::string> declined_;  // open documents over base::kMaxSourceBytes (told once)
  std::set<std::string> indexed_dirs_;
  uint64_t progress_tokens_ = 0;
  std::thread worker_;
  bool timing_ = false;  // FERRET_TIMING: each request's time from receipt to reply on stderr
};

}  // namespace ferret::lsp
