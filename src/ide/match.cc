// Names of match kinds as racer prints them.
#include "ide/match.h"

namespace ferret::ide {

std::string_view match_kind_name(MatchKind k) {
  switch (k) {
    case MatchKind::Struct: return "Struct";
    case MatchKind::Module: return "Module";
    case MatchKind::MatchArm: return "MatchArm";
    case MatchKind::Function: return "Function";
    case MatchKind::Method: return "Method";
    case MatchKind::Crate: return "Crate";
    case MatchKind::Let: return "Let";
    case MatchKind::IfLet: return "IfLet";
    case MatchKind::WhileLet: return "WhileLet";
    case MatchKind::For: return "For";
    case MatchKind::StructField: return "StructField";
    case MatchKind::Enum: return "Enum";
    case MatchKind::Union: return "Union";
    case MatchKind::EnumVariant: return "EnumVariant";
    case MatchKind::UseAlias: return "UseAlias";
    case MatchKind::AssocType: return "AssocType";
    case MatchKind::Type: return "Type";
    case MatchKind::FnArg: return "FnArg";
    case MatchKind::Trait: return "Trait";
    case MatchKind::Const: return "Const";
    case MatchKind::Static: return "Static";
    case MatchKind::Macro: return "Macro";
    case MatchKind::TypeParameter: return "TypeParameter";
    case MatchKind::Builtin: return "Builtin";
    case MatchKind::Keyword: return "Keyword";
    case MatchKind::Snippet: return "Snippet";
  }
  return "?";
}

}  // namespace ferret::ide
