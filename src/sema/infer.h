// Type inference of one function body (docs/DESIGN.md §8), as rustc's type checker does it, on
// half-written code: one pass over the body in order, with expected types flowing
// down (annotations, parameters, return types) and inference variables unified as
// facts arrive (`let mut v = Vec::new(); v.push(1u8)` makes v a `Vec<u8>`);
// obligations from generic signatures kept until they can be selected (which is how
// closures get their parameter types from `F: FnMut(Self::Item) -> B` and how
// `collect::<Vec<_>>()` learns its element type); projections deferred until their
// self type is known; patterns with default binding modes; method calls through the
// method probe; macro calls in expressions expanded (macro_rules! by our expander,
// the compiler's built-in macros by their known types). Results are recorded per
// expression, binding and method call for the queries above. Unknown stays unknown.
#pragma once

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "sema/expansion_budget.h"
#include "sema/method_probe.h"
#include "syntax/nesting_limit.h"
#include "syntax/parse.h"
#include "syntax/syntax_tree.h"

namespace ferret::sema {

class BodyInference {
 public:
  // `tree`: the full parse of the file being edited (`file`); `file_tree`: its item
  // tree; `offset`: a position inside the body to infer.
  BodyInference(TyDb& tdb, FileId file, const syntax::SyntaxTree& tree,
                const index::ItemTree& file_tree, uint32_t offset);
  ~BodyInference();

  // Infers the body containing the offset (the innermost fn, const or static), once.
  // False when the offset is in no body.
  bool run();

  // Results, zonked (integer and float variables with their fallbacks).
  TyId type_of(syntax::NodeId expr_or_pattern);
  // Whether the node was inferred (it is an expression or pattern of the body).
  bool inferred(syntax::NodeId node) const;
  // The member a MethodCallExpr calls, a FieldExpr reads, or a path expression names.
  const Member* member_of(syntax::NodeId node) const;
  // The type the code around expected of an expression holding the query's offset
  // (an argument's parameter, an annotated `let`, a return, a field value, an operand),
  // or unknown when nothing was expected.
  TyId expected_type_of(syntax::NodeId expr);
  // A type written in the body (a `let` annotation, a turbofish, a cast), lowered
  // where it is written.
  TyId written_type(syntax::NodeId type);
  // The binding (IdentPat or SelfParam) a path expression names, or kNoNode.
  syntax::NodeId binding_of(syntax::NodeId path_expr) const;
  // Infers an expression that is not part of the body's syntax tree — the receiver in
  // a macro call's arguments, re-parsed — with the locals in scope at `offset`.
  TyId infer_detached(const syntax::SyntaxTree& tree, syntax::NodeId expr, uint32_t offset);

  TyDb& tdb() { return t_; }
  TyArena& arena() { return t_.arena; }
  TraitSolver& solver() { return *solver_; }
  MethodProbe& probe() { return *probe_; }
  std::string render(TyId t) { return t_.arena.render(t_.db, t); }

  // What was done, in order (for `ferret explain`).
  std::vector<std::string> trace;

 private:
  struct Binding {
    std::string name;
    TyId ty = kUnknownTy;
    syntax::SyntaxNode pat;  // the IdentPat (or SelfParam)
  };
  struct LoopFrame {
    std::string label;
    TyId break_ty = kUnknownTy;
    bool breaks = false;
    bool is_loop = false;  // `loop` (breaks give its value)
  };
  struct Pending {
    Predicate pred;          // self: bound
    TyId proj = kUnknownTy;  // or: a deferred projection ...
    TyId var = kUnknownTy;   // ... equal to this variable
  };
  // What a path used as a value or callee names.
  struct ValuePath {
    TyId ty = kUnknownTy;  // its type as a value
    Callable callable;     // when callable: instantiated
    std::optional<Member> member;
    bool known = false;
  };
  // A macro expansion (or macro arguments) parsed for inference.
  struct ExpansionTree {
    std::string text;
    syntax::SyntaxTree tree;
  };

  using Node = syntax::SyntaxNode;
  static uint64_t key(Node n);

  // ---- setup (infer.cc) ----
  bool find_body();
  void note(std::string s);
  TyId record(Node n, TyId t);
  TyId norm(TyId t);  // projections resolved or deferred
  void select_pending();
  TyId resolve_now(TyId t);  // select pending obligations, then resolve
  void add_obligation(const Predicate& p);
  void add_obligations(const std::vector<Predicate>& ps);
  bool coerce(TyId from, TyId to);
  TyId type_node(Node type);  // a type written in the body
  std::vector<TyId> generic_args(Node generic_arg_list);
  ModuleId module_at(Node n);
  // Whether n's `#[cfg]` attributes (if any) hold for the crate.
  bool cfg_active(Node n);
  // Code for another configuration: inferred for the queries inside it, with nothing
  // it binds or unifies leaking into the active code.
  void inactive(Node n);
  TypeContext context_at(Node n);
  // Locals.
  TyId lookup_local(std::string_view name, const Binding** found = nullptr);
  void bind(const std::string& name, TyId ty, Node pat);
  // Core paths.
  TyId lang_adt(const Def& def, std::vector<TyId> args);

  // ---- statements and expressions (infer_expr.cc) ----
  TyId expr(Node e, TyId expected = kUnknownTy);
  // One kind of expression each, so the recursion through expr/expr_inner keeps a
  // small frame (the nesting budget is counted in these frames).
  TyId expr_inner(Node e, TyId expected);
  TyId path_value_expr(Node n);
  TyId tuple_expr(Node n, TyId expected);
  TyId array_expr(Node n, TyId expected);
  TyId block_expr(Node n, TyId expected);
  TyId ref_expr(Node n, TyId expected);
  TyId cast_expr(Node n);
  TyId loop_expr(Node n, TyId expected);
  TyId while_expr(Node n);
  TyId for_expr(Node n);
  TyId return_expr(Node n);
  TyId break_expr(Node n);
  TyId let_expr(Node n);
  TyId box_expr(Node n);
  TyId block(Node b, TyId expected);
  void statement(Node s, bool& diverges);
  TyId literal(Node n, TyId expected);
  TyId if_expr(Node n, TyId expected);
  TyId match_expr(Node n, TyId expected);
  TyId binary(Node n, TyId expected);
  TyId prefix(Node n, TyId expected);
  TyId index_expr(Node n);
  FERRET_NOINLINE TyId index_output(TyId base, TyId index);
  TyId record_expr(Node n, TyId expected);
  TyId range_expr(Node n, TyId expected);
  TyId field_expr(Node n);
  FERRET_NOINLINE TyId field_of(Node n, Node recv, TyId receiver);
  TyId try_output(TyId t);
  TyId await_output(TyId t);
  TyId deref_type(TyId t);
  TyId op_output(const Def& trait, TyId lhs, std::vector<TyId> args);
  void children_exprs(Node n);  // infers what is inside an expression we do not type
  TyId unify_branches(TyId a, TyId b);

  // ---- patterns (infer_pat.cc) ----
  enum class BindMode : uint8_t { Move, Ref, RefMut };
  void pattern(Node p, TyId expected, BindMode mode = BindMode::Move);
  Def pattern_path(Node path, Namespace ns);
  bool ident_is_constant(Node ident, TyId expected);

  // ---- paths, calls, closures (infer_call.cc) ----
  ValuePath value_path(Node path_expr_or_path, bool for_call);
  TyId call_expr(Node n, TyId expected);
  TyId method_call(Node n, TyId expected);
  // The parts of calls after the callee or receiver: out of the recursion's frames.
  FERRET_NOINLINE TyId method_call_on(Node n, TyId receiver, TyId expected);
  FERRET_NOINLINE TyId call_path(Node n, Node callee, Node args, TyId expected);
  FERRET_NOINLINE TyId call_callable(Callable c, Node args, TyId expected);
  TyId check_args(Callable& c, Node arg_list, size_t first_param, TyId expected);
  TyId closure(Node n, TyId expected);
  bool expected_fn_sig(TyId expected, std::vector<TyId>& params, TyId& ret);
  Callable callable_of_type(TyId t);
  Def resolve_value(Node path, PathResolution* out, size_t* segments = nullptr);
  TyId path_type(Node path, bool drop_last = false);  // a Path node (or its prefix) read as a type
  TyId fresh_adt(const Def& adt);                     // the ADT with fresh arguments
  Def enum_of_variant(const Def& variant);
  std::optional<Member> assoc_of(TyId base, std::string_view name);

  // ---- macros (infer_macro.cc) ----
  TyId macro_expr(Node n, TyId expected);
  TyId expand_and_infer(Node n, TyId expected);
  TyId builtin_macro(std::string_view name, Node n, TyId expected);
  void infer_macro_args(Node token_tree);
  syntax::ParseOptions expansion_parse_options(syntax::Edition edition) const;

  TyDb& t_;
  FileId file_;
  const syntax::SyntaxTree& tree_;
  const index::ItemTree& file_tree_;
  uint32_t offset_;
  std::unique_ptr<TraitSolver> solver_;
  std::unique_ptr<MethodProbe> probe_;
  TypeContext ctx_;
  bool ran_ = false;
  Node body_;   // the fn's BlockExpr, or the const's initializer
  Node owner_;  // the Fn / Const / Static node
  TyId ret_ty_ = kUnknownTy;
  std::vector<TyId> returns_;  // return types: the fn's, then enclosing closures'
  std::vector<Binding> bindings_;
  std::vector<uint32_t> scope_;  // visible bindings (indices into bindings_)
  std::vector<LoopFrame> loops_;
  std::vector<Pending> pending_;
  std::unordered_map<uint64_t, TyId> types_;             // expressions and patterns
  std::unordered_map<uint64_t, TyId> expected_;          // expressions holding offset_
  std::unordered_map<uint64_t, Member> members_;         // method calls, fields, paths
  std::unordered_map<uint64_t, syntax::NodeId> locals_;  // path expressions to their bindings
  std::unordered_map<uint64_t, ModuleId> modules_;       // per block
  std::deque<index::ItemTree> fragments_;                // body types and paths as item tree data
  std::deque<std::unique_ptr<ExpansionTree>> expansions_;
  std::unordered_map<const syntax::SyntaxTree*, CrateId> dollar_crates_;
  std::vector<uint64_t>* inactive_log_ = nullptr;  // types recorded in inactive code
  int depth_ = 0;
  int macro_depth_ = 0;       // expansions (and macro arguments) inferred inside each other
  int expansion_levels_ = 0;  // nested expansions, tail calls followed in a loop included
  ExpansionBudget* call_budget_ = nullptr;  // of the call written in the body being expanded
  size_t body_expansion_tokens_ = 0;        // spent by the body's calls together
  size_t exprs_ = 0;  // expressions inferred (a macro call's are counted apart)
  size_t work_ = 0;
  uint32_t closure_ids_ = 0;
};

}  // namespace ferret::sema
