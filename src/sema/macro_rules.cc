// macro_rules! matching and transcription.
//
// Matching walks a rule's matcher tokens and the input together. Literal tokens and
// delimited groups must agree; `$x:frag` consumes one fragment (simple ones here, the
// rest through syntax::FragmentParser, so `$t:ty` spans what rustc would parse);
// `$( … ) sep op` repeats greedily and, when the rest of the matcher then fails, gives
// back iterations one at a time. Everything is bounded by a step budget.
//
// Transcription copies the transcriber, replacing `$x` by what x matched (at the
// current repetition indices) and repeating `$( … )` as often as the variables inside
// were matched. An `expr` fragment of several tokens is parenthesized, as rustc's
// invisible delimiters keep it one expression.
#include "sema/macro_rules.h"

#include <algorithm>
#include <memory>
#include <optional>

#include "syntax/fragment.h"
#include "syntax/nesting_limit.h"

namespace ferret::sema {

using K = syntax::TokenKind;

namespace {

enum class Frag : uint8_t {
  Ident,
  Lifetime,
  Literal,
  TT,
  Block,
  Vis,
  Meta,
  Item,
  Stmt,
  Pat,
  PatParam,
  Expr,
  Ty,
  Path
};

std::optional<Frag> frag_of(std::string_view s) {
  if (s == "ident") return Frag::Ident;
  if (s == "lifetime") return Frag::Lifetime;
  if (s == "literal") return Frag::Literal;
  if (s == "tt") return Frag::TT;
  if (s == "block") return Frag::Block;
  if (s == "vis") return Frag::Vis;
  if (s == "meta") return Frag::Meta;
  if (s == "item") return Frag::Item;
  if (s == "stmt") return Frag::Stmt;
  if (s == "pat") return Frag::Pat;
  if (s == "pat_param") return Frag::PatParam;
  if (s == "expr" || s == "expr_2021") return Frag::Expr;
  if (s == "ty") return Frag::Ty;
  if (s == "path") return Frag::Path;
  return std::nullopt;
}

using syntax::is_keyword;
using syntax::is_literal;
bool is_identish(K k) {
  return k == K::Ident || is_keyword(k);
}
// A metavariable's name: an identifier, a keyword or `_`.
bool is_var_name(K k) {
  return is_identish(k) || k == K::Underscore;
}
bool is_rep_op(K k) {
  return k == K::Star || k == K::Plus || k == K::Question;
}

// A metavariable's match: a token range of the input, or one match per repetition.
struct Binding {
  std::string_view name;
  Frag frag = Frag::TT;
  bool rep = false;
  uint32_t begin = 0;
  uint32_t end = 0;
  std::vector<Binding> items;
};
using Bindings = std::vector<Binding>;

const Binding* find(const Bindings& b, std::string_view name) {
  for (const Binding& x : b) {
    if (x.name == name) return &x;
  }
  return nullptr;
}

// A `$( … ) sep op` in a matcher or transcriber, its `$` at `dollar`.
struct Repetition {
  uint32_t body_begin = 0, body_end = 0;  // inside the parentheses
  uint32_t sep_begin = 0, sep_end = 0;    // the separator tokens (maybe none)
  K op = K::Star;
  uint32_t after = 0;  // first token after the operator
};

std::optional<Repetition> repetition_at(const TokenStream& s, uint32_t dollar, uint32_t end) {
  uint32_t open = dollar + 1;
  uint32_t close = s.partner[open];
  if (close == kNoIndex || close >= end) return std::nullopt;
  Repetition r;
  r.body_begin = open + 1;
  r.body_end = close;
  uint32_t q = close + 1;
  if (q < end && is_rep_op(s.kind(q))) {
    r.sep_begin = r.sep_end = q;
    r.op = s.kind(q);
    r.after = q + 1;
    return r;
  }
  // A separator: one token, or a glued pair like `=>` or `::`.
  for (uint32_t len = 1; len <= 3 && q + len < end; ++len) {
    if (is_open_delimiter(s.kind(q + len - 1)) || is_close_delimiter(s.kind(q + len - 1))) break;
    if (len > 1 && !s.joint(q + len - 2)) break;
    if (is_rep_op(s.kind(q + len))) {
      r.sep_begin = q;
      r.sep_end = q + len;
      r.op = s.kind(q + len);
      r.after = q + len + 1;
      return r;
    }
  }
  return std::nullopt;
}

bool same_token(const TokenStream& a, uint32_t i, const TokenStream& b, uint32_t j) {
  K k = a.kind(i);
  if (k != b.kind(j)) return false;
  if (is_identish(k) || is_literal(k) || k == K::Lifetime)
    return a.token_text(i) == b.token_text(j);
  return true;
}

class Matcher {
 public:
  Matcher(const TokenStream& pat, const TokenStream& in, syntax::Edition edition, size_t& steps,
          size_t max_steps)
      : pat_(pat), in_(in), edition_(edition), steps_(steps), max_steps_(max_steps) {}

  bool match(uint32_t pb, uint32_t pe, uint32_t ib, uint32_t ie, Bindings& out) {
    uint32_t end = 0;
    return seq(pb, pe, ib, ie, true, out, end, 0);
  }
  bool out_of_steps() const { return steps_ > max_steps_; }

 private:
  // Matches pattern [pp, pe) against input from ip (not past ie); with `exact` the
  // input must be used up. On success `end` is where the match stopped.
  bool seq(uint32_t pp, uint32_t pe, uint32_t ip, uint32_t ie, bool exact, Bindings& b,
           uint32_t& end, int depth) {
    if (depth > kMaxNesting) return false;
    while (pp < pe) {
      if (++steps_ > max_steps_) return false;
      K k = pat_.kind(pp);
      if (k == K::Dollar && pp + 1 < pe) {
        K next = pat_.kind(pp + 1);
        if (next == K::LParen) {
          std::optional<Repetition> rep = repetition_at(pat_, pp, pe);
          if (!rep) return false;
          return repeat(*rep, pe, ip, ie, exact, b, end, depth);
        }
        if (is_var_name(next) && next != K::KwCrate && pp + 3 < pe &&
            pat_.kind(pp + 2) == K::Colon && is_identish(pat_.kind(pp + 3))) {
          std::optional<Frag> f = frag_of(pat_.token_text(pp + 3));
          if (!f) return false;
          uint32_t e = fragment(*f, ip, ie);
          if (e == kNoIndex) return false;
          Binding x;
          x.name = pat_.token_text(pp + 1);
          x.frag = *f;
          x.begin = ip;
          x.end = e;
          b.push_back(std::move(x));
          ip = e;
          pp += 4;
          continue;
        }
      }
      if (ip >= ie) return false;
      if (is_open_delimiter(k)) {
        if (in_.kind(ip) != k) return false;
        uint32_t pclose = pat_.partner[pp];
        uint32_t iclose = in_.partner[ip];
        if (pclose == kNoIndex || iclose == kNoIndex || pclose > pe || iclose > ie) return false;
        uint32_t inner_end = 0;
        if (!seq(pp + 1, pclose, ip + 1, iclose, true, b, inner_end, depth + 1)) return false;
        pp = pclose + 1;
        ip = iclose + 1;
        continue;
      }
      if (!same_token(pat_, pp, in_, ip)) return false;
      ++pp;
      ++ip;
    }
    if (exact && ip != ie) return false;
    end = ip;
    return true;
  }

  bool repeat(const Repetition& rep, uint32_t pe, uint32_t ip, uint32_t ie, bool exact, Bindings& b,
              uint32_t& end, int depth) {
    std::vector<uint32_t> ends{ip};
    std::vector<Bindings> iterations;
    uint32_t cur = ip;
    while (cur <= ie) {
      if (rep.op == K::Question && iterations.size() == 1) break;
      uint32_t start = cur;
      if (!iterations.empty() && rep.sep_end > rep.sep_begin) {
        uint32_t n = rep.sep_end - rep.sep_begin;
        bool ok = start + n <= ie;
        for (uint32_t s = 0; ok && s < n; ++s)
          ok = same_token(pat_, rep.sep_begin + s, in_, start + s);
        if (!ok) break;
        start += n;
      }
      Bindings ib;
      uint32_t e = 0;
      if (!seq(rep.body_begin, rep.body_end, start, ie, false, ib, e, depth + 1)) break;
      if (e == start) break;  // an empty iteration would repeat forever
      iterations.push_back(std::move(ib));
      ends.push_back(e);
      cur = e;
      if (out_of_steps()) return false;
    }
    std::vector<std::string_view> vars = declared_vars(rep.body_begin, rep.body_end);
    size_t min = rep.op == K::Plus ? 1 : 0;
    for (size_t n = iterations.size() + 1; n-- > min;) {
      // Each try rebuilds the bindings of n iterations: work the budget counts, or
      // giving back a long repetition one by one would be quadratic and unbounded.
      steps_ += n * vars.size() + b.size();
      if (out_of_steps()) return false;
      Bindings tried = b;
      for (std::string_view v : vars) {
        Binding r;
        r.name = v;
        r.rep = true;
        for (size_t i = 0; i < n; ++i) {
          const Binding* x = find(iterations[i], v);
          r.items.push_back(x ? *x : Binding{});
        }
        tried.push_back(std::move(r));
      }
      uint32_t e = 0;
      // What follows the repetition is matched one level deeper on the stack: a pattern
      // of many repetitions in a row nests as deeply as one repetition in another.
      if (seq(rep.after, pe, ends[n], ie, exact, tried, e, depth + 1)) {
        b = std::move(tried);
        end = e;
        return true;
      }
      if (out_of_steps()) return false;
    }
    return false;
  }

  std::vector<std::string_view> declared_vars(uint32_t b, uint32_t e) const {
    std::vector<std::string_view> out;
    for (uint32_t i = b; i + 3 < e + 1 && i + 2 < e; ++i) {
      if (pat_.kind(i) == K::Dollar && is_var_name(pat_.kind(i + 1)) &&
          pat_.kind(i + 2) == K::Colon) {
        out.push_back(pat_.token_text(i + 1));
      }
    }
    return out;
  }

  // The end of a fragment of kind f at ip, or kNoIndex.
  uint32_t fragment(Frag f, uint32_t ip, uint32_t ie) {
    switch (f) {
      case Frag::Ident: return ip < ie && is_identish(in_.kind(ip)) ? ip + 1 : kNoIndex;
      case Frag::Lifetime: return ip < ie && in_.kind(ip) == K::Lifetime ? ip + 1 : kNoIndex;
      case Frag::Literal: {
        uint32_t i = ip;
        if (i < ie && in_.kind(i) == K::Minus) ++i;
        if (i < ie &&
            (is_literal(in_.kind(i)) || in_.kind(i) == K::KwTrue || in_.kind(i) == K::KwFalse))
          return i + 1;
        return kNoIndex;
      }
      case Frag::TT:
        if (ip >= ie || (is_close_delimiter(in_.kind(ip)) && in_.partner[ip] != kNoIndex))
          return kNoIndex;
        if (is_open_delimiter(in_.kind(ip))) {
          uint32_t c = in_.partner[ip];
          return c < ie ? c + 1 : kNoIndex;
        }
        return ip + 1;
      case Frag::Block:
        if (ip < ie && in_.kind(ip) == K::LBrace && in_.partner[ip] < ie)
          return in_.partner[ip] + 1;
        return kNoIndex;
      default: break;
    }
    if (!parser_) {
      parser_ = std::make_unique<syntax::FragmentParser>(in_.text, in_.tokens, edition_);
    }
    syntax::FragmentKind kind = syntax::FragmentKind::Expr;
    switch (f) {
      case Frag::Vis: kind = syntax::FragmentKind::Vis; break;
      case Frag::Meta: kind = syntax::FragmentKind::Meta; break;
      case Frag::Item: kind = syntax::FragmentKind::Item; break;
      case Frag::Stmt: kind = syntax::FragmentKind::Stmt; break;
      case Frag::Pat: kind = syntax::FragmentKind::Pat; break;
      case Frag::PatParam: kind = syntax::FragmentKind::PatParam; break;
      case Frag::Ty: kind = syntax::FragmentKind::Ty; break;
      case Frag::Path: kind = syntax::FragmentKind::Path; break;
      default: break;
    }
    uint32_t e = parser_->fragment_end(kind, ip, ie);
    return e == UINT32_MAX ? kNoIndex : e;
  }

  const TokenStream& pat_;
  const TokenStream& in_;
  syntax::Edition edition_;
  size_t& steps_;
  size_t max_steps_;
  std::unique_ptr<syntax::FragmentParser> parser_;
};

class Transcriber {
 public:
  Transcriber(const TokenStream& def, const TokenStream& in, size_t max_bytes, size_t max_tokens)
      : def_(def), in_(in), max_bytes_(max_bytes), max_tokens_(max_tokens) {}

  bool run(uint32_t b, uint32_t e, const Bindings& bindings) {
    std::vector<size_t> idx;
    return transcribe(b, e, bindings, idx, 0);
  }
  TokenStream finish() { return out_.finish(); }
  bool uses_dollar_crate() const { return dollar_crate_; }
  std::string error;
  bool over_limit = false;

 private:
  // Follows `name` down the current repetition indices: the leaf it names here, or a
  // repetition not yet indexed.
  const Binding* lookup(const Bindings& b, std::string_view name,
                        const std::vector<size_t>& idx) const {
    const Binding* x = find(b, name);
    for (size_t d = 0; x && x->rep && d < idx.size(); ++d) {
      if (idx[d] >= x->items.size()) return nullptr;
      x = &x->items[idx[d]];
    }
    return x;
  }

  // Spacing: a token keeps the space it had after the token before it in its own
  // stream when that token was the last one emitted (so `::`, `->` stay glued);
  // otherwise one space.
  void emit_def(uint32_t i) {
    std::string_view space = " ";
    if (out_.size() == 0) {
      space = "";
    } else if (def_cursor_ != kNoIndex && def_cursor_ + 1 == i) {
      space = def_.gap_after(def_cursor_);
    }
    out_.append(def_.kind(i), def_.token_text(i), def_.origins[i], space);
    def_cursor_ = i;
    last_input_ = kNoIndex;
  }
  // Input token t in place of the metavariable whose `$` is def token `dollar`.
  void emit_input(uint32_t t, uint32_t dollar) {
    std::string_view space = " ";
    if (out_.size() == 0 || glue_next_) {
      space = "";
    } else if (last_input_ != kNoIndex && last_input_ + 1 == t) {
      space = in_.gap_after(last_input_);
    } else if (last_input_ == kNoIndex && def_cursor_ != kNoIndex && def_cursor_ + 1 == dollar) {
      space = def_.gap_after(def_cursor_);
    }
    out_.append(in_.kind(t), in_.token_text(t), in_.origins[t], space);
    last_input_ = t;
    glue_next_ = false;
  }
  void emit_made(K kind, std::string_view text, std::string_view space = " ") {
    out_.append(kind, text, TokenOrigin{}, out_.size() == 0 ? "" : space);
    last_input_ = kNoIndex;
    def_cursor_ = kNoIndex;
    glue_next_ = kind == K::LParen;  // `(` hugs what it wraps
  }

  bool transcribe(uint32_t b, uint32_t e, const Bindings& bindings, std::vector<size_t>& idx,
                  int depth) {
    if (depth > kMaxNesting) {
      error = "transcriber nested too deeply";
      over_limit = true;
      return false;
    }
    for (uint32_t i = b; i < e; ++i) {
      if (out_.text_size() > max_bytes_ || out_.size() > max_tokens_) {
        error = "expansion too large";
        over_limit = true;
        return false;
      }
      K k = def_.kind(i);
      if (k != K::Dollar || i + 1 >= e) {
        emit_def(i);
        continue;
      }
      K next = def_.kind(i + 1);
      if (next == K::LParen) {
        std::optional<Repetition> rep = repetition_at(def_, i, e);
        if (!rep) {
          emit_def(i);
          continue;
        }
        size_t count = SIZE_MAX;
        for (uint32_t j = rep->body_begin; j + 1 < rep->body_end; ++j) {
          if (def_.kind(j) != K::Dollar || !is_var_name(def_.kind(j + 1))) continue;
          const Binding* x = lookup(bindings, def_.token_text(j + 1), idx);
          if (x && x->rep) count = std::min(count, x->items.size());
        }
        if (count == SIZE_MAX) count = 0;  // nothing repeats it
        for (size_t n = 0; n < count; ++n) {
          if (n > 0) {
            for (uint32_t s = rep->sep_begin; s < rep->sep_end; ++s) emit_def(s);
          }
          idx.push_back(n);
          bool ok = transcribe(rep->body_begin, rep->body_end, bindings, idx, depth + 1);
          idx.pop_back();
          if (!ok) return false;
        }
        i = rep->after - 1;
        continue;
      }
      if (next == K::Dollar) {  // `$$`
        emit_def(i);
        ++i;
        continue;
      }
      if (next == K::KwCrate) {
        emit_def(i);
        emit_def(i + 1);
        dollar_crate_ = true;
        ++i;
        continue;
      }
      if (next == K::LBrace) {  // ${count(x)}, ${index()}, ${len()}, ${ignore(x)}
        uint32_t close = def_.partner[i + 1];
        if (close == kNoIndex || close >= e) {
          emit_def(i);
          continue;
        }
        metavar_expression(i + 2, close, bindings, idx);
        i = close;
        continue;
      }
      if (is_var_name(next)) {
        const Binding* x = lookup(bindings, def_.token_text(i + 1), idx);
        if (x == nullptr) {  // not a metavariable: kept as written
          emit_def(i);
          continue;
        }
        if (x->rep) {
          error = "variable `" + std::string(def_.token_text(i + 1)) +
                  "` is still repeating at this depth";
          return false;
        }
        bool wrap = x->frag == Frag::Expr && x->end - x->begin > 1 &&
                    !(is_open_delimiter(in_.kind(x->begin)) && in_.partner[x->begin] == x->end - 1);
        if (wrap) emit_made(K::LParen, "(");
        for (uint32_t t = x->begin; t < x->end; ++t) emit_input(t, i);
        if (wrap) emit_made(K::RParen, ")", "");
        def_cursor_ = i + 1;  // what follows `$x` keeps the space it had after `x`
        ++i;
        continue;
      }
      emit_def(i);
    }
    return true;
  }

  void metavar_expression(uint32_t b, uint32_t e, const Bindings& bindings,
                          const std::vector<size_t>& idx) {
    if (b >= e) return;
    std::string_view fn = def_.token_text(b);
    if (fn == "index" || fn == "len") {
      size_t v = 0;
      if (!idx.empty()) v = idx.back();
      emit_made(K::IntLit, std::to_string(fn == "index" ? v : v + 1));
      return;
    }
    if (fn == "count" && b + 2 < e && def_.kind(b + 1) == K::LParen) {
      std::string_view name = def_.token_text(b + 2);
      if (name == "$" && b + 3 < e) name = def_.token_text(b + 3);
      const Binding* x = lookup(bindings, name, idx);
      emit_made(K::IntLit, std::to_string(x && x->rep ? x->items.size() : 0));
    }
    // ignore(x): nothing
  }

  const TokenStream& def_;
  const TokenStream& in_;
  size_t max_bytes_;
  size_t max_tokens_;
  TokenStreamBuilder out_;
  uint32_t def_cursor_ = kNoIndex;  // the definition token emitted (or stood for) last
  uint32_t last_input_ = kNoIndex;  // the input token emitted last, if the last was one
  bool glue_next_ = false;
  bool dollar_crate_ = false;
};

}  // namespace

MacroRulesDef parse_macro_rules(TokenStream body, TokenStream params) {
  MacroRulesDef def;
  if (params.size() > 0) {
    // `macro m(params) { body }`: one rule, the two streams joined.
    TokenStreamBuilder b;
    for (uint32_t i = 0; i < params.size(); ++i)
      b.append(params.kind(i), params.token_text(i), params.origins[i], " ");
    uint32_t n = params.size();
    for (uint32_t i = 0; i < body.size(); ++i)
      b.append(body.kind(i), body.token_text(i), body.origins[i], " ");
    def.stream = b.finish();
    const TokenStream& s = def.stream;
    if (n == 0 || !is_open_delimiter(s.kind(0)) || s.partner[0] >= n || s.size() <= n ||
        !is_open_delimiter(s.kind(n)) || s.partner[n] >= s.size()) {
      return def;
    }
    def.rules.push_back({1, s.partner[0], n + 1, s.partner[n]});
    return def;
  }
  def.stream = std::move(body);
  const TokenStream& s = def.stream;
  if (s.size() == 0 || !is_open_delimiter(s.kind(0))) return def;
  uint32_t end = std::min(s.partner[0], s.size());
  uint32_t i = 1;
  while (i < end) {
    if (!is_open_delimiter(s.kind(i))) break;
    uint32_t mclose = s.partner[i];
    if (mclose >= end) break;
    uint32_t j = mclose + 1;
    if (j + 1 >= end || s.kind(j) != K::Eq || s.kind(j + 1) != K::Gt) break;
    j += 2;
    if (j >= end || !is_open_delimiter(s.kind(j))) break;
    uint32_t tclose = s.partner[j];
    if (tclose > end) break;
    def.rules.push_back({i + 1, mclose, j + 1, std::min(tclose, end)});
    i = tclose + 1;
    while (i < end && (s.kind(i) == K::Semi || s.kind(i) == K::Comma)) ++i;
  }
  return def;
}

ExpandResult expand_macro_rules(const MacroRulesDef& def, const TokenStream& input,
                                syntax::Edition edition, const ExpandLimits& limits) {
  ExpandResult r;
  uint32_t ib = 0;
  uint32_t ie = input.size();
  if (ie > 0 && is_open_delimiter(input.kind(0)) && input.partner[0] == ie - 1) {
    ib = 1;
    ie -= 1;
  }
  size_t steps = 0;
  for (const MacroRulesDef::Rule& rule : def.rules) {
    Matcher m(def.stream, input, edition, steps, limits.max_steps);
    Bindings bindings;
    bool matched = m.match(rule.matcher_begin, rule.matcher_end, ib, ie, bindings);
    r.steps = std::min(steps, limits.max_steps);
    if (!matched) {
      if (m.out_of_steps()) {
        r.error = "macro matching took too many steps";
        r.over_limit = true;
        return r;
      }
      continue;
    }
    Transcriber t(def.stream, input, limits.max_output_bytes, limits.max_output_tokens);
    if (!t.run(rule.body_begin, rule.body_end, bindings)) {
      r.error = t.error;
      r.over_limit = t.over_limit;
      return r;
    }
    r.ok = true;
    r.output = t.finish();
    r.uses_dollar_crate = t.uses_dollar_crate();
    return r;
  }
  r.error = def.rules.empty() ? "macro definition has no rules" : "no rule of the macro matches";
  return r;
}

}  // namespace ferret::sema
