// A match: one answer of completion or find-definition, with what racer's protocol
// prints about it (name, position of its name, kind, one-line context, docs, snippet).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ferret::ide {

enum class MatchKind : uint8_t {
  Struct,
  Module,
  MatchArm,
  Function,
  Method,
  Crate,
  Let,
  IfLet,
  WhileLet,
  For,
  StructField,
  Enum,
  Union,
  EnumVariant,
  UseAlias,
  AssocType,
  Type,
  FnArg,
  Trait,
  Const,
  Static,
  Macro,
  TypeParameter,
  Builtin,
  Keyword,  // a keyword (no source file: not printed by the racer commands)
  Snippet,  // a postfix snippet after `.` (`expr.if`): replaces from Match::replace_start
};

std::string_view match_kind_name(MatchKind k);

// Relevance classes, best first (docs/PROTOCOL.md: locals, own fields and inherent methods
// before trait methods, then deref targets; items before prelude and builtins).
enum class Relevance : uint8_t {
  Local = 0,
  Field = 1,
  Inherent = 2,
  Item = 3,
  Trait = 4,
  Deref = 5,
  Speculative = 6,  // a trait method that may not apply (every type's `into`)
  Prelude = 7,
  Builtin = 8,
  NotImported = 9,  // needs a `use` the file does not have (Match::import)
};

struct Match {
  std::string name;     // a macro's name ends in '!'
  std::string path;     // file of the definition ("" when it has none)
  uint32_t line = 1;    // 1-based line of the name
  uint32_t col = 0;     // 0-based byte column of the name
  uint32_t offset = 0;  // byte offset of the name in its file
  MatchKind kind = MatchKind::Struct;
  std::string context;  // the one-line signature
  std::string docs;
  std::string snippet;  // `name(${1:arg: T})` for functions, else the name
  Relevance relevance = Relevance::Item;
  uint32_t depth = 0;   // members: autoderef steps through Deref impls (nearer first)
  bool hidden = false;  // #[doc(hidden)] or deprecated: ranked below the rest
  uint32_t replace_start = UINT32_MAX;  // Snippet: where the text it replaces starts
  std::string import;       // completion of an item not in scope: the path to `use` for it
  bool takes_self = false;  // a method (a `self` parameter)
  float type_fit = 0;       // completion: how well its type fits the type expected at the cursor
  float score = 0;          // completion: the ranking score (completion_ranking.h), higher first
};

}  // namespace ferret::ide
