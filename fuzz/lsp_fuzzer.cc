// libFuzzer target for the LSP message layer: the input is the byte stream a client
// sends after `initialize` (the harness sends that first, with every capability, in
// UTF-8 or UTF-16 by the input's size): Content-Length framing, JSON, the dispatch of
// every method and notification with whatever params arrive, documents opened, edited
// and closed, the engine's answers turned into JSON. The server runs in process
// without its worker thread (requests are answered when the queue fills and at the
// end of input, the same way on every run) over a memory world: the embedded minicore
// and examples/hello at /ws (`file:///ws/src/main.rs`), no disk, no process. A crash,
// a sanitizer report, a timeout or an out-of-memory is the finding.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "frontends/lsp/lsp_server.h"
#include "fuzz_world.h"
#include "support/lsp_frames.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using nlohmann::json;
  json caps{
      {"general",
       {{"positionEncodings", size % 2 ? json::array({"utf-8"}) : json::array({"utf-16"})}}},
      {"textDocument",
       {{"completion",
         {{"completionItem", {{"snippetSupport", true}, {"documentationFormat", {"markdown"}}}}}},
        {"hover", {{"contentFormat", {"markdown"}}}},
        {"documentSymbol", {{"hierarchicalDocumentSymbolSupport", size % 3 == 0}}}}},
      {"window", {{"workDoneProgress", true}}}};
  std::string stream = ferret::testing::lsp_frame(
      json{{"jsonrpc", "2.0"},
           {"id", 0},
           {"method", "initialize"},
           {"params", {{"rootUri", "file:///ws"}, {"capabilities", caps}}}});
  stream.append(reinterpret_cast<const char*>(data), size);
  std::FILE* in = fmemopen(stream.data(), stream.size(), "r");
  char* out_data = nullptr;
  size_t out_size = 0;
  std::FILE* out = open_memstream(&out_data, &out_size);
  if (in == nullptr || out == nullptr) std::abort();
  {
    ferret::lsp::Server server(
        in, out,
        ferret::lsp::ServerOptions{.world = ferret::fuzz::fuzz_world(), .worker_thread = false});
    server.run();
  }
  std::fclose(in);
  std::fclose(out);
  std::free(out_data);
  return 0;
}
