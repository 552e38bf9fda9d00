// libFuzzer target for the syntax layer: lexes the input, parses it in full and in
// skeleton mode, and traps (__builtin_trap) when a structural invariant of the token
// array or the syntax tree is broken. The edition is picked from the input's first
// byte and size, so every edition is exercised by a seed corpus of any shape.
//
// Invariants checked (for the lexer's tokens and for each parse):
//   * tokens are in order, do not overlap, lie inside the text; the last one is Eof
//     (empty, at the end of the text);
//   * the root is node 0, has no parent, and its subtree covers every node;
//   * every node's token range is well formed and lies within its parent's (and so
//     does its byte range, for nodes that are not empty);
//   * a node's children, walked with first_child/next_sibling, are exactly the nodes of
//     its subtree one level down, in order and without overlapping token ranges;
//   * innermost_node_at(offset) returns a node whose byte range contains the offset,
//     or the root;
//   * error offsets are at most the text size;
//   * item_outline(), dump_tree() and dump_sexpr() run under
//     ASan/UBSan.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "syntax/item_outline.h"
#include "syntax/lexer.h"
#include "syntax/parse.h"
#include "syntax/syntax_tree.h"
#include "syntax/token.h"
#include "syntax/tree_dump.h"

namespace {

using namespace ferret::syntax;

// Names the broken invariant on stderr, then traps (libFuzzer records a crash).
#define FUZZ_CHECK(cond)                                                        \
  do {                                                                          \
    if (!(cond)) {                                                              \
      std::fprintf(stderr, "parse_fuzzer.cc:%d: invariant failed: %s\n", __LINE__, \
                   #cond);                                                      \
      __builtin_trap();                                                         \
    }                                                                           \
  } while (0)

Edition pick_edition(const uint8_t* data, size_t size) {
  unsigned selector = static_cast<unsigned>(size) + (size > 0 ? data[0] : 0u);
  switch (selector % 4) {
    case 0: return Edition::E2015;
    case 1: return Edition::E2018;
    case 2: return Edition::E2021;
    default: return Edition::E2024;
  }
}

void check_tokens(const std::vector<Token>& tokens, std::string_view text) {
  FUZZ_CHECK(!tokens.empty());
  uint64_t prev_end = 0;
  for (const Token& t : tokens) {
    FUZZ_CHECK(t.start >= prev_end);
    FUZZ_CHECK(uint64_t{t.start} + t.len <= text.size());
    prev_end = uint64_t{t.start} + t.len;
  }
  const Token& last = tokens.back();
  FUZZ_CHECK(last.kind == TokenKind::Eof);
  FUZZ_CHECK(last.start == text.size() && last.len == 0);
  for (size_t i = 0; i + 1 < tokens.size(); ++i) FUZZ_CHECK(tokens[i].kind != TokenKind::Eof);
}

void check_errors(const std::vector<SyntaxError>& errors, std::string_view text) {
  for (const SyntaxError& e : errors) FUZZ_CHECK(e.offset <= text.size());
}

void check_tree(const SyntaxTree& tree, std::string_view text) {
  FUZZ_CHECK(tree.text().data() == text.data() && tree.text().size() == text.size());
  const std::vector<Token>& tokens = tree.tokens();
  const std::vector<Node>& nodes = tree.nodes();
  check_tokens(tokens, text);
  check_errors(tree.errors(), text);
  // parse() drops the lexer's Error tokens; none may be left in the tree.
  for (const Token& t : tokens) FUZZ_CHECK(t.kind != TokenKind::Error);

  // The root covers everything.
  FUZZ_CHECK(!nodes.empty());
  FUZZ_CHECK(nodes[0].parent == kNoNode);
  FUZZ_CHECK(nodes[0].subtree_end == nodes.size());
  FUZZ_CHECK(nodes[0].kind == SyntaxKind::SourceFile);
  FUZZ_CHECK(nodes[0].first_token <= nodes[0].end_token);
  FUZZ_CHECK(nodes[0].end_token <= tokens.size());
  TextRange root_range = tree.range(0);
  FUZZ_CHECK(root_range.start == 0 && root_range.end == text.size());

  for (NodeId id = 0; id < nodes.size(); ++id) {
    const Node& n = nodes[id];
    FUZZ_CHECK(n.subtree_end > id && n.subtree_end <= nodes.size());
    FUZZ_CHECK(n.first_token <= n.end_token);
    FUZZ_CHECK(n.end_token <= tokens.size());
    TextRange r = tree.range(id);
    FUZZ_CHECK(r.start <= r.end && r.end <= text.size());
    if (id == 0) continue;
    // Preorder: the parent comes first and its subtree holds this node's subtree.
    FUZZ_CHECK(n.parent < id);
    const Node& p = nodes[n.parent];
    FUZZ_CHECK(n.subtree_end <= p.subtree_end);
    FUZZ_CHECK(p.first_token <= n.first_token && n.end_token <= p.end_token);
    // Byte ranges nest too, except that an empty node sits at the start of the token
    // after it, which may lie past its parent's last token (trailing whitespace).
    if (n.first_token < n.end_token) {
      TextRange pr = tree.range(n.parent);
      FUZZ_CHECK(pr.start <= r.start && r.end <= pr.end);
    }
  }

  // Children: exactly the subtree's top level, in order, not overlapping.
  for (NodeId id = 0; id < nodes.size(); ++id) {
    NodeId expect = id + 1;
    uint32_t prev_end_token = nodes[id].first_token;
    for (NodeId c = tree.first_child(id); c != kNoNode; c = tree.next_sibling(c)) {
      FUZZ_CHECK(c == expect);
      FUZZ_CHECK(nodes[c].parent == id);
      FUZZ_CHECK(nodes[c].first_token >= prev_end_token);
      prev_end_token = nodes[c].end_token;
      expect = nodes[c].subtree_end;
    }
    FUZZ_CHECK(expect == nodes[id].subtree_end);
  }

  // Offsets: both ends, the middle, and a few spread through the text.
  std::vector<uint32_t> offsets = {0, static_cast<uint32_t>(text.size()),
                                   static_cast<uint32_t>(text.size() / 2)};
  if (!text.empty()) offsets.push_back(static_cast<uint32_t>(text.size() - 1));
  for (size_t i = 0; i < 8 && !text.empty(); ++i) {
    offsets.push_back(static_cast<uint32_t>((i * 2654435761u + text.size()) % text.size()));
  }
  for (uint32_t off : offsets) {
    NodeId n = tree.innermost_node_at(off);
    FUZZ_CHECK(n < nodes.size());
    FUZZ_CHECK(n == 0 || tree.range(n).contains(off));
    uint32_t t = tree.token_at_offset(off);
    FUZZ_CHECK(t < tokens.size());
  }

  // Consumers of the tree must not crash on it.
  std::vector<OutlineItem> outline = item_outline(tree);
  for (const OutlineItem& item : outline) {
    FUZZ_CHECK(item.range.start <= item.range.end && item.range.end <= text.size());
  }
  // Every error is printed, so a tree with errors cannot dump to nothing.
  std::string sexpr = dump_sexpr(tree);
  FUZZ_CHECK(tree.errors().empty() || !sexpr.empty());
  std::string dump = dump_tree(tree, DumpOptions{.elide_fn_bodies = true, .include_errors = true});
  FUZZ_CHECK(tree.errors().empty() || !dump.empty());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  Edition edition = pick_edition(data, size);

  LexResult lexed = lex(text, edition);
  check_tokens(lexed.tokens, text);
  check_errors(lexed.errors, text);

  for (bool skeleton : {false, true}) {
    SyntaxTree tree = parse(text, ParseOptions{.edition = edition, .skeleton = skeleton});
    check_tree(tree, text);
  }
  return 0;
}
