// The kinds of syntax tree nodes. Tokens are not nodes: a node covers a range of
// tokens, and the tokens of a node that no child covers are its own tokens.
#pragma once

#include <cstdint>
#include <string_view>

namespace ferret::syntax {

#define FERRET_SYNTAX_KINDS(X)                                                              \
  /* root, errors, attributes, macros */                                                    \
  X(SourceFile) X(Error) X(Attr) X(TokenTree)                                               \
  /* items */                                                                               \
  X(Fn) X(Struct) X(Union) X(Enum) X(Trait) X(TraitAlias) X(Impl) X(TypeAlias) X(Const)      \
  X(Static) X(Module) X(Use) X(ExternCrate) X(ExternBlock) X(MacroRules) X(MacroDef)        \
  X(MacroCall)                                                                              \
  /* parts of items */                                                                      \
  X(Name) X(NameRef) X(Lifetime) X(Visibility) X(Abi) X(ItemList) X(AssocItemList)          \
  X(ExternItemList) X(ParamList) X(Param) X(SelfParam) X(VariadicParam) X(RetType)          \
  X(GenericParamList) X(TypeParam) X(LifetimeParam) X(ConstParam) X(WhereClause)            \
  X(WherePred) X(TypeBoundList) X(TypeBound) X(UseBoundGenericArgs) X(RecordFieldList)      \
  X(RecordField) X(TupleFieldList) X(TupleField) X(VariantList) X(Variant) X(UseTree)       \
  X(UseTreeList) X(Rename)                                                                  \
  /* paths */                                                                               \
  X(Path) X(PathSegment) X(GenericArgList) X(TypeArg) X(AssocTypeArg) X(LifetimeArg)        \
  X(ConstArg) X(ParenthesizedArgs) X(QualifiedSelf)                                         \
  /* types */                                                                               \
  X(PathType) X(RefType) X(PtrType) X(ArrayType) X(SliceType) X(TupleType) X(ParenType)     \
  X(NeverType) X(FnPtrType) X(ForType) X(ImplTraitType) X(DynTraitType) X(InferType)        \
  X(MacroType) X(ForBinder)                                                                 \
  /* patterns */                                                                            \
  X(IdentPat) X(WildcardPat) X(RestPat) X(LiteralPat) X(RangePat) X(RefPat) X(TuplePat)     \
  X(TupleStructPat) X(RecordPat) X(RecordPatFieldList) X(RecordPatField) X(SlicePat)        \
  X(PathPat) X(OrPat) X(BoxPat) X(ParenPat) X(MacroPat) X(ConstBlockPat)                    \
  /* expressions */                                                                         \
  X(Literal) X(PathExpr) X(BlockExpr) X(TupleExpr) X(ArrayExpr) X(ParenExpr) X(CallExpr)    \
  X(MethodCallExpr) X(FieldExpr) X(IndexExpr) X(AwaitExpr) X(TryExpr) X(CastExpr)          \
  X(RefExpr) X(PrefixExpr) X(BinExpr) X(RangeExpr) X(ClosureExpr) X(IfExpr) X(LoopExpr)     \
  X(WhileExpr) X(ForExpr) X(MatchExpr) X(MatchArmList) X(MatchArm) X(MatchGuard)           \
  X(RecordExpr) X(RecordExprFieldList) X(RecordExprField) X(ReturnExpr) X(BreakExpr)        \
  X(ContinueExpr) X(YieldExpr) X(YeetExpr) X(BecomeExpr) X(LetExpr) X(UnderscoreExpr)       \
  X(MacroExpr) X(BoxExpr) X(BuiltinExpr) X(ArgList) X(Label)                                \
  /* statements */                                                                          \
  X(LetStmt) X(LetElse) X(ExprStmt) X(EmptyStmt)

enum class SyntaxKind : uint16_t {
#define FERRET_X(name) name,
  FERRET_SYNTAX_KINDS(FERRET_X)
#undef FERRET_X
      Count_
};

// SCREAMING_CASE name of a kind, for tree dumps ("FN", "PATH_EXPR").
std::string_view syntax_kind_name(SyntaxKind k);

// Items: the nodes that declare something at module, impl, trait or extern-block level.
inline bool is_item(SyntaxKind k) {
  return k >= SyntaxKind::Fn && k <= SyntaxKind::MacroCall;
}

}  // namespace ferret::syntax
