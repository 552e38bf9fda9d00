// Body inference: finding the body and its signature, the environment, scopes,
// obligations and coercions (see infer.h). Expressions are in infer_expr.cc, patterns
// in infer_pat.cc, paths and calls in infer_call.cc, macros in infer_macro.cc.
#include "sema/infer.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "index/item_tree_builder.h"
#include "sema/cfg_eval.h"
#include "sema/infer_internal.h"
#include "sema/scope_lookup.h"
#include "sema/ty_lower.h"

namespace ferret::sema {

using syntax::NodeId;
using syntax::SyntaxKind;
using index::kNone;

BodyInference::BodyInference(TyDb& tdb, FileId file, const syntax::SyntaxTree& tree, const index::ItemTree& file_tree,
                             uint32_t offset)
    : t_(tdb), file_(file), tree_(tree), file_tree_(file_tree), offset_(offset) {
  ctx_.krate = tdb.krate;
  ctx_.module = tdb.module;
  ctx_.tree = &file_tree;
}

BodyInference::~BodyInference() = default;

uint64_t BodyInference::key(Node n) {
  return (static_cast<uint64_t>(reinterpret_cast<uintptr_t>(&n.tree()) & 0xffffffffu) << 32) ^ n.id();
}

void BodyInference::note(std::string s) {
  if (trace.size() < 400) trace.push_back(std::move(s));
}

TyId BodyInference::record(Node n, TyId t) {
  types_[key(n)] = t;
  if (inactive_log_) inactive_log_->push_back(key(n));
  return t;
}

void BodyInference::inactive(Node n) {
  if (inactive_log_) return;  // nested: the outer one restores
  TyArena& a = t_.arena;
  std::vector<uint64_t> log;
  inactive_log_ = &log;
  size_t snap = a.snapshot();
  size_t scope = scope_.size();
  std::vector<Pending> pending = pending_;
  std::vector<LoopFrame> loops = loops_;
  if (n.kind() == SyntaxKind::MatchArm) {
    if (Node body = first_expr_child(n)) expr(body);
  } else if (is_expr_kind(n.kind())) {
    expr(n);
  } else {
    bool d = false;
    statement(n, d);
  }
  select_pending();
  for (uint64_t k : log) {
    auto it = types_.find(k);
    if (it != types_.end()) it->second = a.zonk(it->second);
  }
  a.rollback(snap);
  scope_.resize(scope);
  pending_ = std::move(pending);
  loops_ = std::move(loops);
  inactive_log_ = nullptr;
}

bool BodyInference::inferred(NodeId node) const { return types_.count(key(tree_.node(node))) != 0; }

TyId BodyInference::type_of(NodeId node) {
  auto it = types_.find(key(tree_.node(node)));
  if (it == types_.end()) return kUnknownTy;
  return t_.arena.with_defaults(it->second);
}

TyId BodyInference::written_type(NodeId type) {
  if (!ran_) return kUnknownTy;
  return t_.arena.with_defaults(type_node(tree_.node(type)));
}

TyId BodyInference::expected_type_of(NodeId node) {
  auto it = expected_.find(key(tree_.node(node)));
  if (it == expected_.end()) return kUnknownTy;
  return t_.arena.with_defaults(it->second);
}

NodeId BodyInference::binding_of(NodeId path_expr) const {
  auto it = locals_.find(key(tree_.node(path_expr)));
  return it == locals_.end() ? syntax::kNoNode : it->second;
}

const Member* BodyInference::member_of(NodeId node) const {
  auto it = members_.find(key(tree_.node(node)));
  return it == members_.end() ? nullptr : &it->second;
}

// ---------------------------------------------------------------- the body

bool BodyInference::find_body() {
  NodeId n = tree_.innermost_node_at(offset_ > 0 ? offset_ - 1 : 0);
  NodeId prev = syntax::kNoNode;
  for (; n != syntax::kNoNode; prev = n, n = tree_.at(n).parent) {
    SyntaxKind k = tree_.at(n).kind;
    if ((k == SyntaxKind::SourceFile || k == SyntaxKind::ItemList) && prev != syntax::kNoNode) {
      // Statements written outside any function (a snippet, half-moved code): read
      // the file's (or module's) loose statements in order as a body.
      SyntaxKind pk = tree_.at(prev).kind;
      if (pk == SyntaxKind::LetStmt || pk == SyntaxKind::ExprStmt || is_expr_kind(pk)) {
        owner_ = tree_.node(n);
        body_ = owner_;
        return true;
      }
      return false;
    }
    if (k == SyntaxKind::Fn) {
      Node fn = tree_.node(n);
      Node body = fn.child(SyntaxKind::BlockExpr);
      if (!body) return false;
      owner_ = fn;
      body_ = body;
      return true;
    }
    if (k == SyntaxKind::Const || k == SyntaxKind::Static) {
      Node item = tree_.node(n);
      Node init;
      for (Node c : item.children()) {
        if (is_expr_kind(c.kind())) init = c;
      }
      if (!init) return false;
      owner_ = item;
      body_ = init;
      return true;
    }
    if (syntax::is_item(k) && k != SyntaxKind::Impl && k != SyntaxKind::Trait && k != SyntaxKind::Module) return false;
  }
  return false;
}

bool BodyInference::run() {
  if (ran_) return body_.operator bool();
  ran_ = true;
  if (!find_body()) return false;
  TyArena& a = t_.arena;
  Database& db = t_.db;
  DatabaseMaps maps(db);
  const DefMap& dm = db.def_map(t_.krate);
  ModuleId module = module_at(owner_);
  ctx_.module = module;

  // The item of the owner, and the impl or trait it is in.
  uint32_t item = kNone;
  Node name = owner_.child(SyntaxKind::Name);
  for (uint32_t i = 0; name && i < file_tree_.items.size(); ++i) {
    if (file_tree_.items[i].name_offset == name.range().start &&
        (file_tree_.items[i].kind == index::ItemKind::Fn || file_tree_.items[i].kind == index::ItemKind::Const ||
         file_tree_.items[i].kind == index::ItemKind::Static)) {
      item = i;
      break;
    }
  }
  const ImplHeader* impl = nullptr;
  Def trait;
  uint32_t parent = item != kNone ? file_tree_.items[item].parent : kNone;
  FileId parent_file = file_;
  // A fn a macro made inside an impl or trait body: its block is around the call.
  for (int level = 0; item != kNone && parent == kNone && db.is_macro_file(parent_file) && level < 4; ++level) {
    FileId exp = parent_file;
    for (const ExpansionTable::Entry& e : dm.expansions) {
      if (e.expansion != exp) continue;
      parent_file = e.call_file();
      const index::ItemTree& call_tree = db.item_tree(parent_file);
      parent =
          e.call_item() < call_tree.items.size() ? call_tree.items[e.call_item()].parent : kNone;
      break;
    }
    if (parent_file == exp) break;
  }
  const index::ItemTree& parent_tree = db.item_tree(parent_file);
  if (parent >= parent_tree.items.size()) parent = kNone;  // a tree of another file
  if (parent != kNone && parent_tree.items[parent].kind == index::ItemKind::Impl) {
    for (const DefMap::ImplEntry& e : dm.impls) {
      const ItemLoc& l = dm.items[e.item];
      if (l.file == parent_file && l.item == parent) {
        impl = &t_.impl_header(ImplRef{t_.krate, e.item, e.module, e.trait, e.inactive});
        break;
      }
    }
  } else if (parent != kNone && parent_tree.items[parent].kind == index::ItemKind::Trait) {
    for (uint32_t i = 0; i < dm.items.size(); ++i) {
      if (dm.items[i].file == parent_file && dm.items[i].item == parent) {
        trait = Def{DefKind::Item, t_.krate, i};
        break;
      }
    }
  }
  if (item == kNone && owner_.kind() == SyntaxKind::Fn) note("the fn is not among the file's items (read without its signature)");
  else if (parent != kNone && !impl && !trait) note("the impl or trait around the fn is not in the crate's def map");
  std::vector<Predicate> env;
  auto take_scope = [&](const TypeContext& c) {
    ctx_.params = c.params;
    ctx_.param_bounds = c.param_bounds;
    ctx_.self_ty = c.self_ty;
    ctx_.self_trait = c.self_trait;
    ctx_.self_trait_args = c.self_trait_args;
  };
  if (impl) {
    take_scope(impl->ctx);
    env = impl->generics.predicates;
  } else if (trait) {
    take_scope(t_.trait_context(trait));
    env = t_.trait_generics(trait).predicates;
  }
  const FnSig* sig = nullptr;
  if (item != kNone && file_tree_.items[item].kind == index::ItemKind::Fn) {
    ItemLoc loc{file_, item, module};
    if (&file_tree_ == &db.item_tree(file_)) {
      sig = &t_.fn_sig(loc, t_.krate, impl, trait);
    }
    if (sig && sig->valid) {
      take_scope(sig->ctx);
      for (const Predicate& p : sig->own.predicates) env.push_back(p);
    } else {
      sig = nullptr;
      GenericDefs own = add_generics(t_, ctx_, file_tree_.fns[file_tree_.items[item].data].generics, TyDb::owner_key(loc));
      for (const Predicate& p : own.predicates) env.push_back(p);
    }
  }
  solver_ = std::make_unique<TraitSolver>(t_, std::move(env));
  // The trait of the enclosing impl (or the trait being defined) is in scope in it, as
  // rustc's resolver has it.
  std::vector<Def> traits = traits_in_scope(t_);
  if (ctx_.self_trait && std::find(traits.begin(), traits.end(), ctx_.self_trait) == traits.end()) {
    traits.push_back(ctx_.self_trait);
  }
  probe_ = std::make_unique<MethodProbe>(*solver_, std::move(traits));
  if (ctx_.self_ty != kUnknownTy) note("`Self` is `" + render(ctx_.self_ty) + "`");

  if (owner_ == body_) {
    returns_.push_back(kUnknownTy);
    block(body_, kUnknownTy);
    select_pending();
    return true;
  }
  if (owner_.kind() != SyntaxKind::Fn) {
    TyId declared = kUnknownTy;
    for (Node c : owner_.children()) {
      if (is_type_kind(c.kind())) declared = type_node(c);
    }
    ret_ty_ = declared;
    returns_.push_back(declared);
    TyId t = expr(body_, declared);
    coerce(t, declared);
    select_pending();
    return true;
  }

  // Parameters.
  Node params = owner_.child(SyntaxKind::ParamList);
  size_t index = 0;
  if (params) {
    for (Node p : params.children()) {
      if (p.kind() == SyntaxKind::SelfParam) {
        TyId self = kUnknownTy;
        if (sig && sig->self_kind != index::SelfKind::None) {
          self = sig->self_param;
        } else {
          self = ctx_.self_ty;
          for (Node c : p.children()) {
            if (is_type_kind(c.kind())) self = type_node(c);
          }
          if (p.own_token(syntax::TokenKind::Amp) != UINT32_MAX) self = a.ref(self, p.own_token(syntax::TokenKind::KwMut) != UINT32_MAX);
        }
        self = norm(self);
        record(p, self);
        bind("self", self, p);
        continue;
      }
      if (p.kind() != SyntaxKind::Param) continue;
      Node pat, ty;
      for (Node c : p.children()) {
        if (!pat && is_pattern_kind(c.kind())) pat = c;
        else if (is_type_kind(c.kind())) ty = c;
      }
      TyId pt = sig && index < sig->params.size() ? sig->params[index] : (ty ? type_node(ty) : kUnknownTy);
      ++index;
      pt = norm(pt);
      if (pat) pattern(pat, pt);
    }
  }
  TyId ret = sig ? sig->ret : kUnknownTy;
  if (!sig) {
    if (Node rt = owner_.child(SyntaxKind::RetType)) {
      for (Node c : rt.children()) {
        if (is_type_kind(c.kind())) ret = type_node(c);
      }
    } else {
      ret = a.unit();
    }
  }
  ret = norm(ret);
  // An async fn's body produces the future's output.
  if (sig && sig->is_async) {
    const TyData& d = a.data(ret);
    for (const TraitBound& b : d.bounds) {
      for (const auto& [n, x] : b.assoc) {
        if (n == "Output") ret = x;
      }
    }
  }
  ret_ty_ = ret;
  returns_.push_back(ret);
  TyId body = expr(body_, ret);
  coerce(body, ret);
  select_pending();
  return true;
}

TyId BodyInference::infer_detached(const syntax::SyntaxTree& tree, NodeId e, uint32_t offset) {
  if (!run()) return kUnknownTy;
  // The bindings visible at offset: those whose pattern starts before it and that are
  // not inside a block or closure that ends before it.
  std::vector<uint32_t> saved = scope_;
  scope_.clear();
  for (uint32_t i = 0; i < bindings_.size(); ++i) {
    const Binding& b = bindings_[i];
    if (&b.pat.tree() != &tree_) continue;
    if (b.pat.range().start > offset) continue;
    // Its scope: the innermost block, closure, arm or loop around the binding; a `let`
    // binds after its statement.
    bool visible = true;
    for (NodeId n = tree_.at(b.pat.id()).parent; n != syntax::kNoNode; n = tree_.at(n).parent) {
      SyntaxKind k = tree_.at(n).kind;
      if (k == SyntaxKind::LetStmt && offset < tree_.range(n).end) {
        visible = false;
        break;
      }
      if (k == SyntaxKind::BlockExpr || k == SyntaxKind::ClosureExpr || k == SyntaxKind::MatchArm ||
          k == SyntaxKind::ForExpr || k == SyntaxKind::IfExpr || k == SyntaxKind::WhileExpr) {
        syntax::TextRange r = tree_.range(n);
        visible = r.start <= offset && offset <= r.end;
        break;
      }
    }
    if (visible) scope_.push_back(i);
  }
  TyId t = expr(tree.node(e));
  select_pending();
  scope_ = saved;
  return t_.arena.with_defaults(t);
}

// ---------------------------------------------------------------- scopes

TyId BodyInference::lookup_local(std::string_view name, const Binding** found) {
  for (auto it = scope_.rbegin(); it != scope_.rend(); ++it) {
    const Binding& b = bindings_[*it];
    if (b.name == name) {
      if (found) *found = &b;
      return b.ty;
    }
  }
  if (found) *found = nullptr;
  return kUnknownTy;
}

void BodyInference::bind(const std::string& name, TyId ty, Node pat) {
  bindings_.push_back(Binding{name, ty, pat});
  scope_.push_back(static_cast<uint32_t>(bindings_.size() - 1));
}

ModuleId BodyInference::module_at(Node n) {
  if (&n.tree() != &tree_) return ctx_.module;
  NodeId block = n.id();
  while (block != syntax::kNoNode && tree_.at(block).kind != SyntaxKind::BlockExpr) block = tree_.at(block).parent;
  uint64_t k = block == syntax::kNoNode ? 0 : key(tree_.node(block));
  auto it = modules_.find(k);
  if (it != modules_.end()) return it->second;
  ModuleId m = t_.db.module_of_file(t_.krate, file_, n.range().start);
  if (m == kNoIndex) m = t_.module;
  modules_[k] = m;
  return m;
}

bool BodyInference::cfg_active(Node n) {
  bool has_attr = false;
  for (Node c : n.children()) {
    if (c.kind() == SyntaxKind::Attr) has_attr = true;
    if (c.kind() != SyntaxKind::Attr) break;
  }
  if (!has_attr) return true;
  uint32_t cfg = kNone;
  index::ItemTree frag = index::build_cfg_fragment(n.tree(), n.id(), cfg);
  return cfg_enabled(frag, cfg, t_.db.graph()[t_.krate].cfg);
}

TypeContext BodyInference::context_at(Node n) {
  TypeContext c = ctx_;
  c.module = module_at(n);
  return c;
}

TyId BodyInference::type_node(Node type) {
  if (!type) return kUnknownTy;
  uint32_t index = kNone;
  fragments_.push_back(index::build_type_fragment(type.tree(), type.id(), index));
  auto dc = dollar_crates_.find(&type.tree());
  if (dc != dollar_crates_.end()) fragments_.back().dollar_crate = dc->second;
  TypeContext c = context_at(type);
  c.tree = &fragments_.back();
  return norm(lower_type(t_, c, index));
}

std::vector<TyId> BodyInference::generic_args(Node list) {
  std::vector<TyId> out;
  if (!list) return out;
  for (Node a : list.children()) {
    if (a.kind() != SyntaxKind::TypeArg) continue;
    for (Node t : a.children()) {
      if (is_type_kind(t.kind())) out.push_back(type_node(t));
    }
  }
  return out;
}

TyId BodyInference::lang_adt(const Def& def, std::vector<TyId> args) {
  if (!def) return kUnknownTy;
  return complete_adt_args(t_, def, std::move(args));
}

// ---------------------------------------------------------------- obligations

void BodyInference::add_obligation(const Predicate& p) {
  Pending x;
  x.pred.self = norm(p.self);
  x.pred.bound.trait = p.bound.trait;
  for (TyId a : p.bound.args) x.pred.bound.args.push_back(norm(a));
  for (const auto& [n, a] : p.bound.assoc) x.pred.bound.assoc.emplace_back(n, norm(a));
  if (pending_.size() < 4096) pending_.push_back(std::move(x));
}

void BodyInference::add_obligations(const std::vector<Predicate>& ps) {
  for (const Predicate& p : ps) add_obligation(p);
}

TyId BodyInference::norm(TyId t) {
  TyArena& a = t_.arena;
  t = a.resolve(t);
  const TyData& d0 = a.at(t);
  if (d0.args.empty() && d0.bounds.empty()) return t;
  if (++work_ > 400000) return t;
  TyData d = d0;
  bool changed = false;
  for (TyId& x : d.args) {
    TyId n = norm(x);
    changed |= n != x;
    x = n;
  }
  for (TraitBound& b : d.bounds) {
    for (TyId& x : b.args) {
      TyId n = norm(x);
      changed |= n != x;
      x = n;
    }
    for (auto& [name, x] : b.assoc) {
      TyId n = norm(x);
      changed |= n != x;
      x = n;
    }
  }
  TyId cur = changed ? a.intern(d) : t;
  if (d.kind != TyKind::Projection) return cur;
  std::vector<TyId> rest(d.args.begin() + 1, d.args.end());
  std::optional<TyId> p = solver_->project(d.args[0], d.def, rest, d.name);
  if (!p) {
    // Not known yet: a variable standing for it until its self type is.
    TyId v = a.fresh();
    Pending x;
    x.proj = cur;
    x.var = v;
    if (pending_.size() < 4096) pending_.push_back(std::move(x));
    return v;
  }
  if (*p == kUnknownTy || *p == cur) return *p;
  return norm(*p);
}

void BodyInference::select_pending() {
  TyArena& a = t_.arena;
  for (int round = 0; round < 8 && !pending_.empty(); ++round) {
    bool progress = false;
    std::vector<Pending> still;
    std::vector<Pending> work = std::move(pending_);
    pending_.clear();
    for (Pending& p : work) {
      if (p.proj != kUnknownTy) {
        const TyData d = a.data(p.proj);
        std::vector<TyId> rest(d.args.begin() + 1, d.args.end());
        std::optional<TyId> v = solver_->project(d.args[0], d.def, rest, d.name);
        if (!v) {
          still.push_back(std::move(p));
          continue;
        }
        if (*v != kUnknownTy) a.unify(p.var, norm(*v));
        progress = true;
        continue;
      }
      TyKind k = a.kind(p.pred.self);
      if (k == TyKind::Infer || k == TyKind::Unknown) {
        // A closure or callable not yet known: kept for expected signatures.
        still.push_back(std::move(p));
        continue;
      }
      Certainty c = solver_->solve(p.pred.self, p.pred.bound);
      if (std::getenv("FERRET_DEBUG_SOLVER")) {
        std::string args;
        for (TyId x : p.pred.bound.args) args += render(x) + ",";
        for (const auto& [n, x] : p.pred.bound.assoc) args += n + "=" + render(x) + ",";
        std::fprintf(stderr, "pending %s: %s<%s> -> %d\n", render(p.pred.self).c_str(),
                     std::string(t_.name_of(*t_.loc_of(p.pred.bound.trait))).c_str(), args.c_str(), static_cast<int>(c));
      }
      if (c == Certainty::Maybe) {
        still.push_back(std::move(p));
        continue;
      }
      progress = true;
    }
    for (Pending& p : pending_) still.push_back(std::move(p));
    pending_ = std::move(still);
    if (!progress) break;
  }
}

TyId BodyInference::resolve_now(TyId t) {
  TyArena& a = t_.arena;
  if (a.kind(t) == TyKind::Infer && !pending_.empty()) select_pending();
  return a.resolve(t);
}

// ---------------------------------------------------------------- coercion

bool BodyInference::coerce(TyId from, TyId to) {
  TyArena& a = t_.arena;
  from = a.resolve(from);
  to = a.resolve(to);
  if (to == kUnknownTy || from == kUnknownTy) return true;
  const TyData& f = a.at(from);
  if (f.kind == TyKind::Never) return true;
  if (a.try_unify(from, to)) return true;
  const TyData fd = a.at(from);
  const TyData td = a.data(to);
  // &mut T to &T, and deref coercion (&String to &str, &Vec<T> to &[T], &Box<T> to &T).
  if (fd.kind == TyKind::Ref && td.kind == TyKind::Ref && (fd.mut_ || !td.mut_)) {
    for (TyId step : probe_->autoderef(fd.args[0])) {
      if (a.try_unify(step, td.args[0])) return true;
      const TyData& sd = a.data(step);
      // Unsizing at a step: [T; N] to [T].
      if (sd.kind == TyKind::Array && a.data(td.args[0]).kind == TyKind::Slice && a.try_unify(sd.args[0], a.data(td.args[0]).args[0])) return true;
      if (a.data(td.args[0]).kind == TyKind::Dyn) return true;
    }
    return false;
  }
  // Unsizing inside Box and friends: Box<[T; N]> to Box<[T]>, Box<S> to Box<dyn Trait>.
  if (fd.kind == TyKind::Adt && td.kind == TyKind::Adt && fd.def == td.def && !fd.args.empty() && !td.args.empty()) {
    const TyData& x = a.data(fd.args[0]);
    const TyData& y = a.data(td.args[0]);
    if (x.kind == TyKind::Array && y.kind == TyKind::Slice) {
      bool ok = a.try_unify(x.args[0], y.args[0]);
      for (size_t i = 1; i < fd.args.size() && i < td.args.size(); ++i) ok = a.try_unify(fd.args[i], td.args[i]) && ok;
      return ok;
    }
    if (y.kind == TyKind::Dyn) return true;
  }
  // Closures and fn items to fn pointers.
  if ((fd.kind == TyKind::Closure || fd.kind == TyKind::FnDef) && td.kind == TyKind::FnPtr && fd.args.size() == td.args.size()) {
    bool ok = true;
    for (size_t i = 0; i < fd.args.size(); ++i) ok = a.try_unify(fd.args[i], td.args[i]) && ok;
    return ok;
  }
  return false;
}

}  // namespace ferret::sema
