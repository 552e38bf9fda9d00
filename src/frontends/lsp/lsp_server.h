// `ferret lsp`: a Language Server Protocol 3.17 server over stdio. The reading thread
// applies document edits at once and queues requests with a snapshot of the documents;
// one worker thread owns the engine session and answers them in order. Every malformed
// message gets a JSON-RPC error (or is dropped, if it was a notification); the server
// only stops on `exit` or the end of its input. What it keeps is bounded by what the
// client has open and pending: a cancel marks a queued request (nothing is kept for
// ids that are not), a full queue stops the reading until the worker catches up, and
// a closed document's state goes with it.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "frontends/lsp/lsp_documents.h"
#include "frontends/lsp/lsp_features.h"
#include "frontends/lsp/lsp_transport.h"
#include "frontends/session.h"

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

struct ServerOptions {
  // What the session reads, runs and caches (the real world by default).
  frontends::SessionWorld world;
  // False: no worker thread; queued requests are answered on the reading thread when
  // the queue is full and when the input ends (in order, with the documents of their
  // arrival): one thread, the same answers on every run (tests, fuzzing).
  bool worker_thread = true;
};

class Server {
 public:
  Server(std::FILE* in, std::FILE* out, ServerOptions options = {});
  // Serves until `exit` (0 after `shutdown`, else 1) or the end of input (1).
  int run();

  // A full queue: the reader waits (or, without a worker thread, answers) until it is not.
  static constexpr size_t kMaxQueuedTasks = 1024;
  static constexpr size_t kMaxQueuedBytes = size_t{256} << 20;

 private:
  struct Task {
    nlohmann::json id;  // null for the server's own work (indexing a newly opened file)
    std::string method;
    nlohmann::json params;
    DocumentSnapshot docs;
    size_t bytes = 0;        // of the message it came in
    bool cancelled = false;  // by $/cancelRequest while queued
    std::chrono::steady_clock::time_point received = std::chrono::steady_clock::now();
  };

  void handle(const std::string& body);
  void handle_notification(const std::string& method, const nlohmann::json& params);
  void cancel(const nlohmann::json& id);
  void enqueue(Task t);
  // The next task (its `cancelled` set when it must not run); nullopt when the queue
  // is empty (after stopping, with a worker thread).
  std::optional<Task> next_task(bool wait);
  void run_task(Task& t);
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
  std::condition_variable wake_;  // a task was queued, or stopping
  std::condition_variable room_;  // a task left the queue
  std::deque<Task> queue_;        // a deque: pointers to its tasks stay valid
  size_t queued_bytes_ = 0;
  // Queued requests by id (as JSON text), for $/cancelRequest.
  std::unordered_multimap<std::string, Task*> pending_;
  bool stopping_ = false;
  bool worker_thread_ = true;

  // Worker-only state.
  frontends::Session session_;
  Features features_;
  std::map<std::string, std::shared_ptr<const std::string>> applied_;  // buffers set in the session
  bool dropped_state_ = false;      // a closed document's state went: free memory when idle
  std::set<std::string> declined_;  // open documents over base::kMaxSourceBytes (told once)
  std::set<std::string> indexed_dirs_;
  uint64_t progress_tokens_ = 0;
  std::thread worker_;
  bool timing_ = false;  // FERRET_TIMING: each request's time from receipt to reply on stderr
};

}  // namespace ferret::lsp
