// Hostile documents for `ferret lsp`: a URI naming a FIFO (reading it would block the
// one worker, and every later request behind it) and a document over the source size
// limit. Each fails its own request, saying why, and the next request is answered. And
// documents nested or chained far past the nesting budget (an `else if` chain of 600,000
// took the server down): every request on them is answered, and so is the next one.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <nlohmann/json.hpp>
#include <string>

#include "base/source_limit.h"
#include "lsp/lsp_client.h"
#include "support/temp_dir.h"

namespace ferret::testing {
namespace {

using nlohmann::json;

constexpr std::chrono::milliseconds kLimit{60000};  // a hang fails here

class Client {
 public:
  explicit Client(const TempDir& dir)
      : lsp_(FERRET_BINARY, dir.str(), std::string("FERRET_CACHE_DIR=") + FERRET_TEST_CACHE_DIR) {}

  void send(const json& message) { ASSERT_TRUE(lsp_.write_message(message.dump())); }
  void notify(const std::string& method, json params) {
    send(json{{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}});
  }
  // Sends a request and returns its reply; notifications on the way are kept.
  json request(int id, const std::string& method, json params) {
    send(json{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}});
    for (;;) {
      std::optional<std::string> body = lsp_.read_message(kLimit);
      if (!body) {
        ADD_FAILURE() << "no reply to " << method << " (id " << id << ") in time";
        return json();
      }
      json m = json::parse(*body);
      if (m.contains("id") && m["id"] == id && !m.contains("method")) return m;
      if (m.contains("method")) notifications.push_back(std::move(m));
    }
  }
  int finish() {
    request(99, "shutdown", nullptr);
    notify("exit", nullptr);
    return lsp_.wait_exit(kLimit);
  }

  // The handshake, with `dir` as the root; whether the server answered it.
  bool initialize(const TempDir& dir) {
    json init = request(1, "initialize",
                        {{"processId", nullptr},
                         {"rootUri", "file://" + dir.str()},
                         {"capabilities", json::object()}});
    notify("initialized", json::object());
    return init.contains("result");
  }

  std::vector<json> notifications;

 private:
  LspProcess lsp_;
};

json at(const std::string& uri, int line, int character) {
  return json{{"textDocument", {{"uri", uri}}},
              {"position", {{"line", line}, {"character", character}}}};
}

TEST(HostileLsp, FifoUriAndOversizedDocumentFailTheirRequestsOnly) {
  TempDir dir("hostile_lsp");
  std::string fifo = dir.str() + "/fifo.rs";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0644), 0);
  std::string small = dir.write("small.rs", "struct Local;\nfn main() { Lo }\n");
  std::string big = dir.str() + "/big.rs";

  Client c(dir);
  ASSERT_TRUE(c.initialize(dir));

  json on_fifo = c.request(2, "textDocument/definition", at("file://" + fifo, 0, 0));
  ASSERT_TRUE(on_fifo.contains("error")) << on_fifo.dump();
  EXPECT_NE(on_fifo["error"]["message"].get<std::string>().find("a FIFO, not a regular file"),
            std::string::npos)
      << on_fifo.dump();

  std::string text = "struct Far;\n// " + std::string(base::kMaxSourceBytes, 'x') + "\n";
  c.notify("textDocument/didOpen",
           {{"textDocument",
             {{"uri", "file://" + big}, {"languageId", "rust"}, {"version", 1}, {"text", text}}}});
  json on_big = c.request(3, "textDocument/completion", at("file://" + big, 0, 8));
  ASSERT_TRUE(on_big.contains("error")) << on_big.dump().substr(0, 400);
  EXPECT_NE(on_big["error"]["message"].get<std::string>().find("larger than ferret's 8 MiB limit"),
            std::string::npos)
      << on_big.dump().substr(0, 400);
  bool told = false;
  for (const json& n : c.notifications) {
    if (n["method"] == "window/showMessage" &&
        n["params"]["message"].get<std::string>().find(big) != std::string::npos) {
      told = true;
    }
  }
  EXPECT_TRUE(told) << "no window/showMessage about " << big;

  c.notify("textDocument/didOpen", {{"textDocument",
                                     {{"uri", "file://" + small},
                                      {"languageId", "rust"},
                                      {"version", 1},
                                      {"text", "struct Local;\nfn main() { Lo }\n"}}}});
  json on_small = c.request(4, "textDocument/completion", at("file://" + small, 1, 14));
  ASSERT_TRUE(on_small.contains("result")) << on_small.dump().substr(0, 400);
  EXPECT_NE(on_small["result"].dump().find("\"Local\""), std::string::npos)
      << on_small.dump().substr(0, 400);
  EXPECT_EQ(c.finish(), 0);
}

// Text just under the source limit, nesting past every budget: each form, then a
// function whose dot must still complete.
std::string deep_document(const std::string& form_open, const std::string& middle,
                          const std::string& form_close) {
  std::string body;
  size_t room = base::kMaxSourceBytes - 4096;
  while (body.size() + form_open.size() + form_close.size() < room / 2) body += form_open;
  std::string closes;
  while (closes.size() < body.size() / form_open.size() * form_close.size()) closes += form_close;
  return "fn deep() {\n    let x = " + body + middle + closes + ";\n}\n" +
         "struct Local;\nfn main() {\n    let s = Local;\n    s.\n}\n";
}

TEST(HostileLsp, DocumentsNestedPastEveryBudgetAreAnswered) {
  TempDir dir("hostile_lsp_deep");
  Client c(dir);
  ASSERT_TRUE(c.initialize(dir));
  struct Form {
    const char* name;
    std::string open, middle, close;
  };
  const Form forms[] = {{"else_if", "if a {1} else ", "{1}", ""},
                        {"parens", "(", "1", ")"},
                        {"closures", "|x| ", "1", ""},
                        {"method_chain", "", "", ""}};
  int id = 10;
  for (const Form& f : forms) {
    std::string path = dir.str() + "/" + f.name + ".rs";
    std::string text = std::string(f.name) == "method_chain"
                           ? "fn deep() {\n    let x = s" +
                                 [] {
                                   std::string chain;
                                   while (chain.size() < base::kMaxSourceBytes / 2)
                                     chain += ".clone()";
                                   return chain;
                                 }() +
                                 ";\n}\nstruct Local;\nfn main() {\n    let s = Local;\n    s.\n}\n"
                           : deep_document(f.open, f.middle, f.close);
    ASSERT_LE(text.size(), base::kMaxSourceBytes);
    std::string uri = "file://" + path;
    c.notify(
        "textDocument/didOpen",
        {{"textDocument", {{"uri", uri}, {"languageId", "rust"}, {"version", 1}, {"text", text}}}});
    // In the deep expression: its first and middle bytes.
    for (int character : {14, 4000}) {
      for (const char* method : {"textDocument/hover", "textDocument/definition",
                                 "textDocument/completion", "textDocument/signatureHelp"}) {
        json r = c.request(++id, method, at(uri, 1, character));
        EXPECT_TRUE(r.contains("result"))
            << f.name << " " << method << ": " << r.dump().substr(0, 300);
      }
    }
    json symbols =
        c.request(++id, "textDocument/documentSymbol", {{"textDocument", {{"uri", uri}}}});
    EXPECT_TRUE(symbols.contains("result")) << f.name << ": " << symbols.dump().substr(0, 300);
    // The function after it still answers.
    json after = c.request(++id, "textDocument/hover", at(uri, 5, 13));
    EXPECT_NE(after.dump().find("Local"), std::string::npos)
        << f.name << ": " << after.dump().substr(0, 300);
  }
  EXPECT_EQ(c.finish(), 0);
}

}  // namespace
}  // namespace ferret::testing
